import { Alert, Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ListPagination } from '../../components/ui/list-pagination';
import { LoadFailed } from '../../components/ui/load-failed';
import { ToneBadge } from '../../components/ui/tone-badge';
import {
  CLIENTS_PAGE_SIZE,
  useClientList,
  useClientUserAction,
  type ClientListItem,
} from '../../features/admin/clients-api';
import { useI18n } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/url-filters';

type User = ClientListItem['users'][number];

function UserRow({ user, onDone }: { user: User; onDone(message: string, ok: boolean): void }) {
  const { t } = useI18n();
  const c = t.web.admin.clients;
  const action = useClientUserAction();
  const run = (next: Parameters<typeof action.mutate>[0]) =>
    action.mutate(next, {
      onSuccess: (password) => onDone(password ? c.passwordIssued(user.fullName, password) : c.changed, true),
      onError: () => onDone(c.failed, false),
    });
  return (
    <Paper withBorder radius="md" p="sm" data-user={user.email}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Text fw={600}>{user.fullName}</Text>
          <Text size="sm" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
            {user.email} · {user.phone ?? '—'}
          </Text>
          <Text size="sm" c="gray.7">
            {user.telegramLinked ? c.telegramOn : c.telegramOff}
          </Text>
        </Stack>
        <Stack gap="xs" align="flex-end">
          <ToneBadge tone={user.active ? 'green' : 'red'}>{user.active ? c.active : c.locked}</ToneBadge>
          <Group gap="xs" justify="flex-end">
            <Button
              size="xs"
              variant="light"
              loading={action.isPending}
              aria-label={`${user.active ? c.lock : c.unlock}: ${user.fullName}`}
              onClick={() => run({ kind: 'active', id: user.id, active: !user.active })}
            >
              {user.active ? c.lock : c.unlock}
            </Button>
            <Button
              size="xs"
              variant="default"
              aria-label={`${c.newPassword}: ${user.fullName}`}
              onClick={() => run({ kind: 'resetPassword', id: user.id })}
            >
              {c.newPassword}
            </Button>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

function ClientCard({
  client,
  onDone,
}: {
  client: ClientListItem;
  onDone(message: string, ok: boolean): void;
}) {
  const { t } = useI18n();
  const c = t.web.admin.clients;
  return (
    <Paper withBorder p="lg" radius="lg" data-client={client.contractNumber}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {client.name}
          </Title>
          <Text size="sm" c="gray.7">
            {t.documents.clientKinds[client.kind]} · {c.inn(client.inn)} · {c.contract(client.contractNumber)}
          </Text>
          <Text size="sm">{client.managerName ? c.manager(client.managerName) : c.noManager}</Text>
        </Stack>
        <Stack gap="xs" aria-label={`${c.users}: ${client.name}`} role="group">
          {client.users.map((user) => (
            <UserRow key={user.id} user={user} onDone={onDone} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The administrator's clients and their users (issue 10 item 4). */
export function AdminClientsRoute() {
  const { t } = useI18n();
  const c = t.web.admin.clients;
  const { params, page, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const list = useClientList(page, q);
  const [notice, setNotice] = useState<{ message: string; ok: boolean } | null>(null);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {c.title}
        </Title>
        <Text c="gray.7">{c.intro}</Text>
      </Stack>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: draft.trim() || null });
        }}
      >
        <Group gap="sm" align="flex-end">
          <TextInput
            label={c.search}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit" variant="light">
            {c.searchButton}
          </Button>
        </Group>
      </form>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.message}
        </Alert>
      )}
      {list.isPending ? (
        <Skeleton height={160} radius="lg" />
      ) : list.isError ? (
        <LoadFailed message={c.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text>{c.none}</Text>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="gray.7" role="status">
            {c.found(list.data.total)}
          </Text>
          {list.data.items.map((client) => (
            <ClientCard
              key={client.id}
              client={client}
              onDone={(message, ok) => setNotice({ message, ok })}
            />
          ))}
          <ListPagination
            total={list.data.total}
            pageSize={CLIENTS_PAGE_SIZE}
            page={page}
            onChange={(next) => update({ page: String(next) })}
          />
        </Stack>
      )}
    </Stack>
  );
}
