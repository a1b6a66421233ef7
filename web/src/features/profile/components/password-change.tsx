import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useConfirmChallenge, useStartPasswordChange } from '../api';

/** The password change: the current and the new one, then the code sent by SMS (issue 9 item 8). */
export function PasswordChange() {
  const { t } = useI18n();
  const p = t.web.profile.password;
  const start = useStartPasswordChange();
  const confirm = useConfirmChallenge();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [code, setCode] = useState('');
  const challenge = start.data;
  const fieldErrors = (start.error instanceof ApiError ? start.error.problem['errors'] : undefined) as
    Record<string, string[]> | undefined;
  if (confirm.isSuccess)
    return (
      <Alert color="green" variant="light" role="status">
        {p.done}
      </Alert>
    );
  if (challenge)
    return (
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm.mutate({ challengeId: challenge.challengeId, code });
        }}
      >
        <Stack gap="sm">
          <Text>{p.codeSent(challenge.destination.replaceAll(' ', '\u00a0'))}</Text>
          <TextInput
            label={p.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
            error={confirm.isError ? p.wrongCode : undefined}
          />
          <Group gap="sm">
            <Button type="submit" disabled={code.length !== 6} loading={confirm.isPending}>
              {p.confirm}
            </Button>
            <Button variant="default" onClick={() => start.reset()}>
              {p.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        start.mutate({ currentPassword: current, newPassword: next });
      }}
    >
      <Stack gap="sm">
        <PasswordInput
          label={p.current}
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
          error={fieldErrors?.['currentPassword']?.[0]}
        />
        <PasswordInput
          label={p.next}
          description={p.nextHint}
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.currentTarget.value)}
          error={fieldErrors?.['newPassword']?.[0]}
        />
        {start.isError && !fieldErrors && (
          <Alert color="red" variant="light" role="alert">
            {p.failed}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={start.isPending} disabled={!current || !next}>
            {p.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
