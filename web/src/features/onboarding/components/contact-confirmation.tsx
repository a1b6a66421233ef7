import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ToneBadge } from '../../../components/ui/tone-badge';
import { ApiError } from '../../../lib/api-client';
import { useCountdown } from '../../../lib/countdown';
import { useI18n } from '../../../lib/i18n';
import type { Application } from '../api';

type Channel = 'phone' | 'email';
type Reason = 'wrong' | 'expired' | 'locked' | 'not_sent';

/**
 * Under the phone or e-mail field: "Get a code", where it went, the code's field, the server's word on a refused
 * code (attempts left), "send again" once the minute has passed; "Confirmed" once done. `onSend` and `onConfirm`
 * save the answers first, so the code goes to the address on the screen.
 */
export function ContactConfirmation({
  channel,
  state,
  canSend,
  onSend,
  onConfirm,
}: {
  channel: Channel;
  state: Application['contacts'][Channel];
  /** The address in the field is valid as typed. */
  canSend: boolean;
  onSend(): Promise<void>;
  onConfirm(code: string): Promise<void>;
}) {
  const { t } = useI18n();
  const c = t.web.onboarding.contacts;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'confirm' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const wait = useCountdown(
    state.resendAfterSeconds > 0 ? (sentAt ?? Date.now()) + state.resendAfterSeconds * 1000 : null,
  );
  if (state.confirmed)
    return (
      <div>
        <ToneBadge tone="green" size="lg">
          <span data-testid={`${channel}-confirmed`}>{state.byEsia ? c.byEsia : c.confirmed}</span>
        </ToneBadge>
      </div>
    );
  const send = async () => {
    setBusy('send');
    setProblem(null);
    try {
      await onSend();
      setSentAt(Date.now());
      setCode('');
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 429
          ? c.throttled(error.retryAfterSeconds)
          : c.sendFailed,
      );
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    setBusy('confirm');
    setProblem(null);
    try {
      await onConfirm(code.trim());
    } catch (error) {
      const refusal =
        error instanceof ApiError
          ? (error.problem['refusal'] as { reason: Reason; attemptsLeft: number } | undefined)
          : undefined;
      if (refusal)
        setProblem(
          refusal.reason === 'wrong' ? c.refused.wrong(refusal.attemptsLeft) : c.refused[refusal.reason],
        );
      else if (error instanceof ApiError && error.status === 429)
        setProblem(c.throttled(error.retryAfterSeconds));
      else setProblem(c.sendFailed);
    } finally {
      setBusy(null);
    }
  };
  const sent = state.sentTo !== null;
  return (
    <Stack gap="xs">
      {!sent && (
        <Group>
          <Button variant="light" onClick={() => void send()} loading={busy === 'send'} disabled={!canSend}>
            {c.getCode}
          </Button>
        </Group>
      )}
      {sent && (
        // Not a form of its own: it sits inside the questionnaire's form (forms do not nest).
        <div>
          <Stack gap="xs">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label={c.codeLabel(state.sentTo ?? '')}
                value={code}
                onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                w={200}
                name={`${channel}-code`}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter') return;
                  // Enter confirms the code rather than sending the questionnaire's step.
                  event.preventDefault();
                  if (code.length === 6) void confirm();
                }}
              />
              <Button
                type="button"
                onClick={() => void confirm()}
                loading={busy === 'confirm'}
                disabled={code.length !== 6}
              >
                {c.confirm}
              </Button>
            </Group>
            {wait > 0 ? (
              <Text size="sm" c="gray.7">
                {c.resendIn(wait)}
              </Text>
            ) : (
              <Group>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => void send()}
                  loading={busy === 'send'}
                >
                  {c.resend}
                </Button>
              </Group>
            )}
          </Stack>
        </div>
      )}
      {problem && (
        <Alert color="red" variant="light" role="alert" py="xs">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
