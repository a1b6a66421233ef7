import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useCancelRequest } from '../api';

/** Cancel with a reason (required): the reason is journaled and shown to the client and the manager. */
export function CancelDialog({
  requestId,
  opened,
  onClose,
}: {
  requestId: string;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const c = t.web.requests.cancelDialog;
  const cancel = useCancelRequest(requestId);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim().length === 0;
  const refused =
    cancel.error instanceof ApiError
      ? cancel.error.code === 'conflict'
        ? t.web.requests.refused.conflict
        : cancel.error.code === 'invalid_transition'
          ? t.web.requests.refused.invalid_transition
          : t.web.requests.refused.generic
      : cancel.error
        ? t.web.requests.refused.generic
        : null;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={c.title}
      centered
      closeButtonProps={{ 'aria-label': c.keep }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (missing) return;
          cancel.mutate(reason.trim(), { onSuccess: onClose });
        }}
      >
        <Stack gap="md">
          <Text size="sm">{c.text}</Text>
          <Textarea
            label={c.reason}
            description={c.reasonHint}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched && missing ? t.validation.required({}) : undefined}
            required
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
          />
          {refused && (
            <Text c="red.8" size="sm" role="alert">
              {refused}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {c.keep}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              {c.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
