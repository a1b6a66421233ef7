import { Alert, Button, Group, Image, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { refusalOf } from '../../../lib/refusal';
import { useConfirmCodes, useStartTotpEnrolment } from '../api';

const digits = (value: string) => value.replace(/\D/g, '').slice(0, 6);

/**
 * Staff: enrol or replace the authenticator app (issue 10 item 5). The current password first; then the QR code
 * (and the key for typing in), and one code per factor the server asks for — the new app's, and the SMS code or
 * the current app's — so a stolen session alone cannot swap the second factor.
 */
export function AuthenticatorEnrolment({
  enabled,
  startOpen = false,
}: {
  enabled: boolean;
  /** The setup screen opens straight at the password step and offers no cancel. */
  startOpen?: boolean;
}) {
  const { t } = useI18n();
  const x = t.web.profile.totp;
  const start = useStartTotpEnrolment();
  const confirm = useConfirmCodes();
  const [open, setOpen] = useState(startOpen);
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<Record<string, string>>({});
  const enrolment = start.data;
  const reset = () => {
    start.reset();
    confirm.reset();
    setPassword('');
    setCodes({});
    setOpen(startOpen);
  };

  if (confirm.isSuccess && !open)
    return (
      <Alert color="green" variant="light" role="status">
        {x.done}
      </Alert>
    );
  if (!open)
    return (
      <Stack gap="sm" align="flex-start">
        <Text>{enabled ? x.on : x.off}</Text>
        <Button
          variant={enabled ? 'light' : 'filled'}
          onClick={() => {
            confirm.reset();
            setOpen(true);
          }}
        >
          {enabled ? x.replace : x.start}
        </Button>
      </Stack>
    );
  if (!enrolment)
    return (
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (password) start.mutate(password);
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={x.password}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          {start.isError && (
            <Alert color="red" variant="light" role="alert">
              {start.error instanceof ApiError && start.error.status === 429
                ? t.web.signIn.throttled(start.error.retryAfterSeconds)
                : x.failed}
            </Alert>
          )}
          <Group gap="sm">
            <Button type="submit" disabled={!password} loading={start.isPending}>
              {x.next}
            </Button>
            {!startOpen && (
              <Button variant="default" onClick={reset}>
                {x.cancel}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    );

  const secret = new URL(enrolment.otpauthUri).searchParams.get('secret') ?? '';
  const label = (key: string, destination: string) =>
    key === 'authenticator'
      ? x.codeApp
      : key === 'current_authenticator'
        ? x.codeCurrent
        : x.codeSms(destination);
  const complete = enrolment.destinations.every((d) => (codes[d.key] ?? '').length === 6);
  const refusal = refusalOf(confirm.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (complete)
          confirm.mutate({ challengeId: enrolment.challengeId, codes }, { onSuccess: () => setOpen(false) });
      }}
    >
      <Stack gap="sm">
        <Text>{x.scan}</Text>
        <Image src={enrolment.qrDataUrl} alt={x.qr} w={200} h={200} />
        <TextInput label={x.secret} value={secret} readOnly classNames={{ input: 'kabinet-hash' }} />
        {enrolment.destinations.map((destination) => (
          <TextInput
            key={destination.key}
            label={label(destination.key, destination.destination.replaceAll(' ', '\u00a0'))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={codes[destination.key] ?? ''}
            onChange={(event) => {
              const code = digits(event.currentTarget.value);
              setCodes((all) => ({ ...all, [destination.key]: code }));
            }}
          />
        ))}
        {confirm.isError && (
          <Alert color="red" variant="light" role="alert">
            {refusal?.reason === 'wrong' && refusal.attemptsLeft > 0
              ? `${x.wrong} ${t.web.signIn.codeWrong(refusal.attemptsLeft)}`
              : x.wrong}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" disabled={!complete} loading={confirm.isPending}>
            {x.confirm}
          </Button>
          <Button variant="default" onClick={reset}>
            {x.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
