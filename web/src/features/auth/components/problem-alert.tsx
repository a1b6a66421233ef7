import { Alert } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useCountdown } from '../../../lib/countdown';
import { useI18n } from '../../../lib/i18n';
import { signInProblemText } from '../problem-text';

/** A failed sign-in call in words; a 429's wait counts down from its Retry-After. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  // The moment the answer came is fixed per error: a new error mounts a new alert (keyed by the caller).
  const [until] = useState(() =>
    error instanceof ApiError && error.retryAfterSeconds ? Date.now() + error.retryAfterSeconds * 1000 : null,
  );
  const wait = useCountdown(until);
  const text =
    error instanceof ApiError && error.status === 429
      ? t.web.signIn.throttled(wait > 0 ? wait : null)
      : signInProblemText(t, error);
  return (
    <Alert color="red" role="alert">
      {text}
    </Alert>
  );
}
