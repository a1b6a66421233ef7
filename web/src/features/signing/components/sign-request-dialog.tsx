import {
  Alert,
  Anchor,
  Blockquote,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useCountdown } from '../../../lib/countdown';
import { useI18n } from '../../../lib/i18n';
import { isChallengeOver, refusalOf } from '../../../lib/refusal';
import {
  useConfirmSignature,
  useRequestSignature,
  useResendSignatureCode,
  type SignatureChallenge,
} from '../api';

export interface SignRequestDialogProps {
  /** The draft (or returned request) to submit and sign. */
  requestId: string;
  opened: boolean;
  onClose(): void;
  /** After the code was accepted: the request is signed and submitted. */
  onSigned(): void;
}

/**
 * "Sign and submit" (issue 9 item 5): the code goes out when the dialog opens; it shows what the SMS says (the
 * number and summary, the code hidden), takes the code (one-time-code autocomplete), and says in words why a
 * code was refused — attempts left, expired, blocked, already used, voided by an edit — with a new code a press
 * away. Resend waits out the server's throttle as a countdown.
 */
export function SignRequestDialog({ requestId, opened, onClose, onSigned }: SignRequestDialogProps) {
  const { t, locale } = useI18n();
  const s = t.web.signing;
  const start = useRequestSignature(requestId);
  const confirm = useConfirmSignature();
  const resend = useResendSignatureCode();
  const [challenge, setChallenge] = useState<SignatureChallenge | null>(null);
  const [code, setCode] = useState('');
  const [resendAt, setResendAt] = useState<number | null>(null);
  const wait = useCountdown(resendAt);

  const send = () => {
    confirm.reset();
    resend.reset();
    setCode('');
    start.mutate(undefined, { onSuccess: setChallenge });
  };
  // The code goes out once per opening; closing forgets the challenge (opening again sends a new code).
  useEffect(() => {
    if (opened && !challenge && start.isIdle) send();
    if (!opened) {
      setChallenge(null);
      start.reset();
      confirm.reset();
      resend.reset();
      setCode('');
    }
  }, [opened]);

  const refusal = refusalOf(confirm.error);
  const over = isChallengeOver(refusal);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge || code.length !== 6) return;
    resend.reset();
    confirm.mutate(
      { challengeId: challenge.challengeId, code },
      {
        onSuccess: onSigned,
        onError: (error) => {
          if (refusalOf(error)?.reason === 'used') onSigned();
        },
      },
    );
  };
  const sendAgain = () => {
    if (!challenge) return;
    confirm.reset();
    resend.mutate(challenge.challengeId, {
      onSuccess: () => setResendAt(null),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 429)
          setResendAt(Date.now() + (error.retryAfterSeconds ?? 60) * 1000);
      },
    });
  };

  const startProblem =
    start.error instanceof ApiError
      ? start.error.status === 429
        ? s.throttled(start.error.retryAfterSeconds)
        : start.error.code === 'validation_failed' &&
            start.error.problem['errors'] &&
            'phone' in (start.error.problem['errors'] as object)
          ? s.noPhone
          : s.failed
      : start.error
        ? s.failed
        : null;
  const confirmProblem = refusal
    ? refusal.reason === 'wrong'
      ? s.refused.wrong(refusal.attemptsLeft)
      : s.refused[refusal.reason]
    : confirm.error instanceof ApiError && confirm.error.status === 429
      ? s.throttled(confirm.error.retryAfterSeconds)
      : confirm.error
        ? s.failed
        : null;
  const request = challenge?.request;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={s.title}
      centered
      closeButtonProps={{ 'aria-label': s.cancel }}
      size="lg"
    >
      {start.isPending || (!challenge && !start.isError) ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{s.sending}</Text>
        </Group>
      ) : startProblem || !challenge || !request ? (
        <Stack gap="md">
          <Alert color="red" role="alert">
            {startProblem ?? s.failed}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {s.cancel}
            </Button>
            <Button onClick={send}>{s.newCode}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text>{s.sentTo(challenge.destination.replaceAll(' ', '\u00a0'))}</Text>
            <Blockquote color="indigo" p="md" className="kabinet-sms-preview">
              {t.codes.signRequest(request.number, request.summary[locale], s.hiddenCode)}
            </Blockquote>
            <Text size="sm" c="gray.7">
              {s.bound}{' '}
              <Anchor
                href={`/api/v1/requests/${requestId}/print.pdf`}
                target="_blank"
                rel="noopener"
                underline="always"
              >
                {s.printForm}
              </Anchor>
            </Text>
            <TextInput
              label={s.code}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              data-autofocus
              value={code}
              disabled={over}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
            />
            {confirmProblem && (
              <Alert color={over ? 'yellow' : 'red'} role="alert">
                {confirmProblem}
              </Alert>
            )}
            {resend.isSuccess && (
              <Alert color="green" role="status">
                {s.resent}
              </Alert>
            )}
            {over ? (
              <Button onClick={send} loading={start.isPending}>
                {s.newCode}
              </Button>
            ) : (
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                {s.confirm}
              </Button>
            )}
            <Group justify="space-between">
              <Anchor component="button" type="button" size="sm" onClick={onClose}>
                {s.cancel}
              </Anchor>
              {!over &&
                (wait > 0 ? (
                  <Text size="sm" c="gray.7" role="timer">
                    {s.resendIn(wait)}
                  </Text>
                ) : (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={sendAgain}
                    disabled={resend.isPending}
                  >
                    {s.resend}
                  </Anchor>
                ))}
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
