import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { refusalOf } from '../../../lib/refusal';
import { useI18n } from '../../../lib/i18n';
import { useConfirmCodes, useStartContactChange } from '../api';

export interface ContactChangeProps {
  kind: 'email' | 'phone';
  /** The contact on file now: entering it again is caught here, before any code is sent. */
  current: string | null;
}

const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, 6);

/**
 * Changing the email or the phone (issue 9 item 8): the new contact, then one code per place the server sent one
 * (the new address or number, and the phone on file), each field labelled with where its code went. The change
 * applies only once every code is right; a wrong one changes nothing and says so.
 */
export function ContactChange({ kind, current }: ContactChangeProps) {
  const { t } = useI18n();
  const c = t.web.profile.contactChange;
  const words = kind === 'email' ? c.email : c.phone;
  const start = useStartContactChange(kind);
  const confirm = useConfirmCodes();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [localError, setLocalError] = useState<string | null>(null);
  const challenge = start.data;

  const reset = () => {
    start.reset();
    confirm.reset();
    setCodes({});
    setValue('');
    setLocalError(null);
    setOpen(false);
  };

  if (confirm.isSuccess && !open)
    return (
      <Alert color="green" variant="light" role="status">
        {words.done}
      </Alert>
    );

  if (!open)
    return (
      <Group>
        <Button
          variant="light"
          onClick={() => {
            confirm.reset();
            setOpen(true);
          }}
        >
          {words.change}
        </Button>
      </Group>
    );

  if (challenge) {
    const complete = challenge.destinations.every((d) => (codes[d.key] ?? '').length === 6);
    const refusal = refusalOf(confirm.error);
    const confirmError =
      confirm.error instanceof ApiError && confirm.error.status === 429
        ? c.throttled
        : refusal?.reason === 'wrong' && refusal.attemptsLeft > 0
          ? c.wrongCodeLeft(refusal.attemptsLeft)
          : confirm.error
            ? c.wrongCode
            : null;
    return (
      <form
        noValidate
        aria-label={words.change}
        onSubmit={(event) => {
          event.preventDefault();
          if (!complete) return;
          confirm.mutate({ challengeId: challenge.challengeId, codes }, { onSuccess: () => setOpen(false) });
        }}
      >
        <Stack gap="sm">
          <Text>{c.codesSent}</Text>
          {challenge.destinations.map((destination) => (
            <TextInput
              key={destination.key}
              label={c.codeFor(destination.destination.replaceAll(' ', '\u00a0'))}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={codes[destination.key] ?? ''}
              onChange={(event) => {
                const code = digitsOnly(event.currentTarget.value);
                setCodes((all) => ({ ...all, [destination.key]: code }));
              }}
            />
          ))}
          {confirmError && (
            <Alert color="red" variant="light" role="alert">
              {confirmError}
            </Alert>
          )}
          <Group gap="sm">
            <Button type="submit" disabled={!complete} loading={confirm.isPending}>
              {c.confirm}
            </Button>
            <Button variant="default" onClick={reset}>
              {c.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  const serverFieldError =
    start.error instanceof ApiError &&
    (start.error.problem['errors'] as Record<string, unknown> | undefined)?.[kind] !== undefined;
  const startError =
    start.error instanceof ApiError && start.error.status === 429
      ? c.throttled
      : start.error && !serverFieldError
        ? c.failed
        : null;
  return (
    <form
      noValidate
      aria-label={words.change}
      onSubmit={(event) => {
        event.preventDefault();
        const entered = value.trim();
        if (current && entered.toLowerCase() === current.toLowerCase()) {
          setLocalError(words.same);
          return;
        }
        setLocalError(null);
        start.mutate(entered);
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={words.label}
          description={words.hint}
          type={kind === 'email' ? 'email' : 'tel'}
          autoComplete={kind === 'email' ? 'email' : 'tel'}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={localError ?? (serverFieldError ? words.invalid : undefined)}
        />
        {startError && (
          <Alert color="red" variant="light" role="alert">
            {startError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" disabled={!value.trim()} loading={start.isPending}>
            {c.send}
          </Button>
          <Button variant="default" onClick={reset}>
            {c.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
