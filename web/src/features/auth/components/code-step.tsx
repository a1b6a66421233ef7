import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { isChallengeOver, refusalOf } from '../../../lib/refusal';
import { useCountdown } from '../../../lib/countdown';
import { useI18n } from '../../../lib/i18n';
import { useConfirmLogin } from '../api/confirm-login';
import type { LoginChallenge } from '../api/login';
import { useResendLoginCode } from '../api/resend-login-code';
import { ProblemAlert } from './problem-alert';

const isStatus = (error: unknown, status: number): error is ApiError =>
  error instanceof ApiError && error.status === status;

/**
 * The code: where it went (the masked phone; the answer is the same for everyone, docs/0013, so the authenticator is
 * always mentioned), attempts left after a wrong code (decoys count them alike), "send again" with the server's
 * throttle (429 Retry-After) as a countdown. A refused resend (422) or a code refused as locked, expired or
 * superseded means the challenge is over, so the person starts again.
 */
export function CodeStep({
  challenge,
  onSignedIn,
  onBack,
}: {
  challenge: LoginChallenge;
  onSignedIn(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const confirm = useConfirmLogin();
  const resend = useResendLoginCode();
  const [code, setCode] = useState('');
  const [resendAllowedAt, setResendAllowedAt] = useState<number | null>(null);
  const wait = useCountdown(resendAllowedAt);
  const over = isStatus(resend.error, 422) || isChallengeOver(refusalOf(confirm.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resend.reset();
    confirm.mutate({ challengeId: challenge.challengeId, code }, { onSuccess: onSignedIn });
  };
  const sendAgain = () => {
    confirm.reset();
    resend.mutate(challenge.challengeId, {
      onError: (error) => {
        if (isStatus(error, 429)) setResendAllowedAt(Date.now() + (error.retryAfterSeconds ?? 60) * 1000);
      },
    });
  };
  if (over)
    return (
      <Stack gap="md">
        <Alert color="yellow" role="alert">
          {t.web.signIn.challengeOver}
        </Alert>
        <Button size="md" onClick={onBack}>
          {t.web.signIn.startAgain}
        </Button>
      </Stack>
    );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t.web.signIn.codeSentTo(challenge.destination.replaceAll(' ', '\u00a0'))}</Text>
        <Text size="sm" c="dimmed">
          {t.web.signIn.orAuthenticator}
        </Text>
        <TextInput
          label={t.web.signIn.code}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
        />
        {confirm.isError && <ProblemAlert key={confirm.submittedAt} error={confirm.error} />}
        {resend.isError && !isStatus(resend.error, 429) && (
          <ProblemAlert key={resend.submittedAt} error={resend.error} />
        )}
        {resend.isSuccess && (
          <Alert color="green" role="status">
            {t.web.signIn.resent}
          </Alert>
        )}
        <Button type="submit" size="md" loading={confirm.isPending} disabled={code.length !== 6}>
          {t.web.signIn.confirm}
        </Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t.web.signIn.back}
          </Anchor>
          {wait > 0 ? (
            <Text size="sm" c="dimmed" role="timer">
              {t.web.signIn.resendIn(wait)}
            </Text>
          ) : (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={sendAgain}
              disabled={resend.isPending}
            >
              {t.web.signIn.resend}
            </Anchor>
          )}
        </Group>
      </Stack>
    </form>
  );
}
