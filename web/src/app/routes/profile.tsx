import { Alert, Button, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { LanguageSwitch } from '../../components/ui/language-switch';
import type { Me } from '../../features/auth/api/get-me';
import { useTelegramLink, useTelegramUnlink } from '../../features/profile/api';
import { AuthenticatorEnrolment } from '../../features/profile/components/authenticator-enrolment';
import { ContactChange } from '../../features/profile/components/contact-change';
import { PasswordChange } from '../../features/profile/components/password-change';
import { when } from '../../lib/dates';
import { OpenInSandbox } from '../../features/sandbox/components/open-in-sandbox';
import { useI18n } from '../../lib/i18n';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}

/** Telegram: a one-time deep link as a button and a QR code (drawn here, as a data: image), and unlinking. */
function TelegramLinking({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const g = t.web.profile.telegram;
  const link = useTelegramLink();
  const unlink = useTelegramUnlink();
  const [qr, setQr] = useState<string | null>(null);
  const url = link.data?.url;
  useEffect(() => {
    if (!url) return;
    let live = true;
    void toDataURL(url, { margin: 1, width: 200 }).then((data) => {
      if (live) setQr(data);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Stack gap="sm">
      <Text>{g.intro}</Text>
      {link.data && (
        <Stack gap="sm" align="flex-start">
          <Button component="a" href={link.data.url} target="_blank" rel="noopener">
            {g.open}
          </Button>
          <OpenInSandbox url={link.data.url} as={me.email} />
          {qr && <Image src={qr} alt={g.qr} w={200} h={200} />}
          <Text size="sm" c="gray.7">
            {g.expires(when(link.data.expiresAt, locale))}
          </Text>
        </Stack>
      )}
      {(link.isError || unlink.isError) && (
        <Alert color="red" variant="light" role="alert">
          {g.failed}
        </Alert>
      )}
      {unlink.data && (
        <Alert color="gray" variant="light" role="status">
          {unlink.data.unlinked ? g.unlinked : g.nothingToUnlink}
        </Alert>
      )}
      <Group gap="sm">
        {!link.data && (
          <Button variant="light" onClick={() => link.mutate()} loading={link.isPending}>
            {g.create}
          </Button>
        )}
        <Button variant="subtle" color="red" onClick={() => unlink.mutate()} loading={unlink.isPending}>
          {g.unlink}
        </Button>
      </Group>
    </Stack>
  );
}

/** The profile (issue 9 item 8): contacts, the password, Telegram, the language. */
export function ProfileRoute({ me }: { me: Me }) {
  const { t } = useI18n();
  const p = t.web.profile;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {p.title}
      </Title>
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            {p.contacts}
          </Title>
          <div className="kabinet-grid kabinet-grid-facts">
            <Fact label={p.name} value={me.fullName} />
            <Fact label={p.email} value={me.email} />
            <Fact label={p.phone} value={me.phone ?? '—'} />
            {me.client ? (
              <>
                <Fact label={p.client} value={me.client.name} />
                <Fact label={p.contract} value={me.client.contractNumber} />
              </>
            ) : (
              <>
                <Fact
                  label={p.roles}
                  value={me.roles.map((role) => (t.roles as Record<string, string>)[role] ?? role).join(', ')}
                />
                <Fact
                  label={p.authenticator}
                  value={me.totpEnabled ? p.authenticatorOn : p.authenticatorOff}
                />
              </>
            )}
          </div>
          <ContactChange kind="email" current={me.email} />
          <ContactChange kind="phone" current={me.phone} />
        </Stack>
      </Paper>
      {me.kind === 'staff' && (
        <Paper withBorder p="lg" radius="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              {p.totp.title}
            </Title>
            <AuthenticatorEnrolment enabled={me.totpEnabled} />
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            {p.password.title}
          </Title>
          <PasswordChange />
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            {p.telegram.title}
          </Title>
          <TelegramLinking me={me} />
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="lg">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {p.language}
          </Title>
          <LanguageSwitch />
        </Group>
      </Paper>
    </Stack>
  );
}
