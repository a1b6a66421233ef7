import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  NavLink,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { useSandboxOverview } from '../../features/sandbox/api';
import {
  deepLinkFromSearch,
  sandboxDeepLink,
  type SandboxBots,
  type SandboxDeepLink,
} from '../../features/sandbox/deep-link';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n';

type SandboxChat = components['schemas']['SandboxChats'][number];
type SandboxMessage = components['schemas']['SandboxMessages']['messages'][number];
type Entity = SandboxMessage['entities'][number];

/** A link in a message: the sandbox's own deep links open here (as Telegram would), anything else in a new tab. */
type LinkRenderer = (href: string, children: ReactNode) => ReactNode;

/** Telegram's formatting entities as React: each stretch of text wrapped in every entity that covers it. */
function formatted(text: string, entities: readonly Entity[], link: LinkRenderer): ReactNode[] {
  const cuts = new Set([0, text.length]);
  for (const e of entities) {
    cuts.add(e.offset);
    cuts.add(Math.min(text.length, e.offset + e.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    let node: ReactNode = text.slice(from, to);
    for (const e of entities) {
      if (e.offset > from || e.offset + e.length < to) continue;
      if (e.type === 'bold') node = <strong>{node}</strong>;
      else if (e.type === 'italic') node = <em>{node}</em>;
      else if (e.type === 'underline') node = <u>{node}</u>;
      else if (e.type === 'strikethrough') node = <s>{node}</s>;
      else if (e.type === 'code' || e.type === 'pre') node = <code>{node}</code>;
      else if (e.type === 'text_link' && e.url) node = link(e.url, node);
      else if (e.type === 'url') node = link(text.slice(e.offset, e.offset + e.length), node);
    }
    nodes.push(<span key={from}>{node}</span>);
  }
  return nodes;
}

/**
 * The Telegram sandbox (issue 15, docs/0028): be any demo person (or an outsider), see their chats with both bots
 * and their role groups, write, press buttons and share the number; the person's SMS arrive in the phone panel.
 */
export function SandboxRoute() {
  const { t } = useI18n();
  const s = t.web.sandbox;
  const overview = useSandboxOverview();
  const [search, setSearch] = useSearchParams();
  // A deep link the page was opened with (from the profile's "link Telegram", a staff invite, …).
  const [opened] = useState(() => deepLinkFromSearch(search));
  const [who, setWho] = useState<string>(opened?.as ?? 'client@demo.local');
  const [chat, setChat] = useState<SandboxChat | null>(null);
  /** A deep link waiting for its Start press, in the private chat with its bot (Telegram's START button). */
  const [pending, setPending] = useState<SandboxDeepLink | null>(opened);
  useEffect(() => {
    // Once read, the address forgets it: a reload must not offer the same one-time link again.
    if (search.has('start')) setSearch({}, { replace: true });
  }, [search, setSearch]);

  const chats = useQuery({
    queryKey: ['sandbox', 'chats', who],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/sandbox/people/{key}/chats', { params: { path: { key: who } } })),
    enabled: overview.isSuccess,
  });
  // Another person's chats: their first (or the one a waiting deep link opens); a deep link: its bot's chat.
  const privateWith = (bot: SandboxDeepLink['bot'] | undefined) =>
    chats.data?.find((c) => c.type === 'private' && c.bot === bot);
  useEffect(() => {
    setChat(privateWith(pending?.bot) ?? chats.data?.[0] ?? null);
  }, [chats.data]);
  useEffect(() => {
    const linked = privateWith(pending?.bot);
    if (linked) setChat(linked);
  }, [pending]);

  if (overview.isError)
    return (
      <PageLayout>
        <Alert color="gray" title={s.title}>
          {s.unavailable}
        </Alert>
      </PageLayout>
    );

  // Only a chat of the person chosen now: right after switching people the old one is not theirs (a 404).
  const open = chats.data?.some((c) => c.chatId === chat?.chatId && c.bot === chat.bot) ? chat : null;
  const people = overview.data?.people ?? [];
  const groups = (['client', 'staff', 'outsider'] as const).map((kind) => ({
    group: s.kinds[kind],
    items: people.filter((p) => p.kind === kind).map((p) => ({ value: p.key, label: p.name })),
  }));
  const chatLabel = (c: SandboxChat) =>
    c.type === 'private' ? (c.bot === 'client' ? s.clientBot : s.staffBot) : c.title;

  return (
    <PageLayout
      actions={
        <Button component={Link} to="/" variant="white" size="xs" className="kabinet-header-button">
          {s.backToCabinet}
        </Button>
      }
    >
      <Container size="xl" px={0}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {s.title}
            </Title>
            <Text c="dimmed" size="sm">
              {s.intro}
            </Text>
          </div>
          <div className="kabinet-sandbox">
            <Stack gap="sm" className="kabinet-sandbox-side">
              <Select
                label={s.who}
                data={groups}
                value={who}
                onChange={(value) => value && setWho(value)}
                allowDeselect={false}
                searchable
              />
              <nav aria-label={s.chats}>
                <Text size="sm" fw={600} mb={4}>
                  {s.chats}
                </Text>
                {(chats.data ?? []).map((c) => (
                  <NavLink
                    key={`${c.chatId}:${c.bot}`}
                    label={chatLabel(c)}
                    description={c.type === 'private' ? c.title : s.group}
                    active={open?.chatId === c.chatId && open.bot === c.bot}
                    onClick={() => setChat(c)}
                    variant="filled"
                    color="indigo.9"
                    component="button"
                  />
                ))}
              </nav>
              <PhonePanel who={who} number={people.find((p) => p.key === who)?.phone} />
            </Stack>
            <div className="kabinet-sandbox-main">
              {open ? (
                <ChatView
                  key={`${who}:${open.chatId}:${open.bot}`}
                  who={who}
                  chat={open}
                  title={chatLabel(open)}
                  bots={overview.data?.bots}
                  pending={open.type === 'private' && pending?.bot === open.bot ? pending : null}
                  onDeepLink={setPending}
                  onStarted={() => setPending(null)}
                />
              ) : (
                <Text c="dimmed">{s.noChat}</Text>
              )}
            </div>
          </div>
        </Stack>
      </Container>
    </PageLayout>
  );
}

function PhonePanel({ who, number }: { who: string; number: string | undefined }) {
  const { t } = useI18n();
  const s = t.web.sandbox;
  const sms = useQuery({
    queryKey: ['sandbox', 'sms', who],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/sandbox/people/{key}/sms', { params: { path: { key: who } } })),
    refetchInterval: 1500,
  });
  const list = [...(sms.data ?? [])].reverse().slice(0, 5);
  return (
    <Paper withBorder p="sm" radius="md" aria-label={s.phone} role="region">
      <Text size="sm" fw={600}>
        📱 {s.phone} {number}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {s.phoneHint}
      </Text>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {s.noSms}
        </Text>
      ) : (
        <Stack gap={6} component="ul" className="kabinet-plain-list" aria-live="polite">
          {list.map((m, i) => (
            <li key={`${sms.data?.length ?? 0}-${i}`}>
              <Text size="sm" className="kabinet-sms-preview">
                {m.text}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ChatView({
  who,
  chat,
  title,
  bots,
  pending,
  onDeepLink,
  onStarted,
}: {
  who: string;
  chat: SandboxChat;
  title: string;
  bots: SandboxBots | undefined;
  pending: SandboxDeepLink | null;
  onDeepLink: (link: SandboxDeepLink) => void;
  onStarted: () => void;
}) {
  const { t } = useI18n();
  const s = t.web.sandbox;
  const [text, setText] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const path = { chatId: chat.chatId };
  const messages = useQuery({
    queryKey: ['sandbox', 'messages', who, chat.chatId, chat.bot],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sandbox/chats/{chatId}/messages', {
          params: { path, query: { as: who, bot: chat.bot } },
        }),
      ),
    refetchInterval: 1000,
  });
  const list = messages.data?.messages ?? [];
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [list.length]);

  const send = useMutation({
    mutationFn: async (typed: string) =>
      unwrap(
        await api.POST('/api/v1/sandbox/chats/{chatId}/messages', {
          params: { path },
          body: { as: who, bot: chat.bot, text: typed },
        }),
      ),
    onSuccess: (_answer, typed) => {
      if (pending && typed === `/start ${pending.start}`) onStarted();
      else setText('');
      void messages.refetch();
    },
  });
  const link: LinkRenderer = (href, children) => {
    const deep = sandboxDeepLink(href, bots);
    const open = (event: MouseEvent) => {
      if (!deep) return;
      event.preventDefault();
      onDeepLink(deep);
    };
    return (
      <Anchor href={href} target="_blank" rel="noreferrer" onClick={open}>
        {children}
      </Anchor>
    );
  };
  const share = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/sandbox/chats/{chatId}/contact', {
          params: { path },
          body: { as: who, bot: chat.bot },
        }),
      ),
    onSuccess: () => void messages.refetch(),
  });
  const press = useMutation({
    mutationFn: async (input: { messageId: number; data: string }) =>
      unwrap(
        await api.POST('/api/v1/sandbox/chats/{chatId}/presses', {
          params: { path },
          body: { as: who, bot: chat.bot, ...input },
        }),
      ),
    onSuccess: (answer) => {
      setAlert(answer.text);
      void messages.refetch();
    },
    onError: () => setAlert(s.pressFailed),
  });
  const asksForContact = [...list].reverse().find((m) => m.from === 'bot')?.asksForContact ?? false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '') send.mutate(text.trim());
  };

  return (
    <Paper withBorder radius="md" className="kabinet-chat">
      <Group justify="space-between" px="md" py="xs" className="kabinet-chat-head">
        <Text fw={600}>{title}</Text>
        <Badge variant="light" tt="none">
          {chat.type === 'private' ? chat.title : s.group}
        </Badge>
      </Group>
      <ScrollArea h={460} px="md" className="kabinet-chat-body">
        <Stack
          gap="xs"
          py="sm"
          component="ol"
          className="kabinet-plain-list"
          aria-label={title}
          aria-live="polite"
        >
          {list.length === 0 && (
            <li>
              <Text c="dimmed" size="sm">
                {s.empty}
              </Text>
            </li>
          )}
          {list.map((m) => (
            <li key={m.id} className={`kabinet-bubble kabinet-bubble-${m.from}`}>
              {m.from !== 'me' && (
                <Text size="xs" fw={600} c="blue.8">
                  {m.author}
                </Text>
              )}
              <Text size="sm" className="kabinet-bubble-text">
                {m.contact ? s.contact(m.contact) : formatted(m.text, m.entities, link)}
              </Text>
              {m.document && (
                <Anchor size="sm" href={`/api/v1/sandbox/files/${m.document.fileId}`} target="_blank">
                  📄 {s.document(m.document.name)}
                </Anchor>
              )}
              {m.buttons.length > 0 && (
                <Stack gap={4} mt={6}>
                  {m.buttons.map((row, r) => (
                    <Group key={r} gap={4} grow wrap="nowrap">
                      {row.map((b) =>
                        b.data ? (
                          <Button
                            key={b.text}
                            size="compact-sm"
                            variant="light"
                            loading={press.isPending && press.variables.data === b.data}
                            onClick={() => press.mutate({ messageId: m.id, data: b.data ?? '' })}
                          >
                            {b.text}
                          </Button>
                        ) : (
                          <Button
                            key={b.text}
                            size="compact-sm"
                            variant="default"
                            component="a"
                            href={b.webApp ?? b.url ?? '#'}
                            target="_blank"
                            title={b.webApp ? s.opensCabinet : undefined}
                            onClick={(event: MouseEvent) => {
                              const deep = b.url ? sandboxDeepLink(b.url, bots) : null;
                              if (!deep) return;
                              event.preventDefault();
                              onDeepLink(deep);
                            }}
                          >
                            {b.text} ↗
                          </Button>
                        ),
                      )}
                    </Group>
                  ))}
                </Stack>
              )}
              {m.edited && (
                <Text size="xs" c="dimmed">
                  {s.edited}
                </Text>
              )}
            </li>
          ))}
        </Stack>
        <div ref={bottom} />
      </ScrollArea>
      {alert && (
        <Alert mx="md" mb="xs" color="blue" withCloseButton onClose={() => setAlert(null)} role="status">
          {alert}
        </Alert>
      )}
      {pending && (
        <Alert mx="md" mb="xs" color="indigo" variant="light" role="status" title={s.deepLink.title}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{s.deepLink.body}</Text>
            <Group gap="xs">
              <Button size="xs" variant="subtle" color="gray" onClick={onStarted}>
                {s.deepLink.dismiss}
              </Button>
              <Button
                size="xs"
                onClick={() => send.mutate(`/start ${pending.start}`)}
                loading={send.isPending}
              >
                {s.deepLink.start}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      {send.isError && (
        <Alert mx="md" mb="xs" color="red" role="alert">
          {s.sendFailed}
        </Alert>
      )}
      <form onSubmit={submit} className="kabinet-chat-compose">
        <Group gap="xs" p="sm" wrap="nowrap">
          <TextInput
            flex={1}
            aria-label={s.message}
            placeholder={s.message}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            autoComplete="off"
          />
          <Button type="submit" loading={send.isPending}>
            {s.send}
          </Button>
        </Group>
        {asksForContact && chat.type === 'private' && (
          <Group px="sm" pb="sm">
            <Button variant="light" onClick={() => share.mutate()} loading={share.isPending}>
              📞 {s.shareContact}
            </Button>
          </Group>
        )}
      </form>
    </Paper>
  );
}
