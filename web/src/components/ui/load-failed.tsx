import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

/**
 * A call that failed, said in words with what to do: retry, or (when the server says throttled) wait. Never a
 * blank page.
 */
export function LoadFailed({
  message,
  error,
  onRetry,
}: {
  message: string;
  error: unknown;
  onRetry(): void;
}) {
  const { t } = useI18n();
  const throttled = error instanceof ApiError && error.status === 429;
  return (
    <Alert color="red" variant="light" role="alert" title={message}>
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{throttled ? t.web.signIn.throttled(error.retryAfterSeconds) : t.web.failed}</Text>
        <Button variant="white" color="red" size="xs" onClick={onRetry}>
          {t.web.requests.retry}
        </Button>
      </Group>
    </Alert>
  );
}
