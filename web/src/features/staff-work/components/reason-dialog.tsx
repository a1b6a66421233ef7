import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';

/** A refusal or a return needs its reason: a dialog that will not confirm without one. */
export function ReasonDialog({
  opened,
  title,
  pending,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  pending: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const r = t.web.staffWork.reason;
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = !reason.trim();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': r.cancel }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!empty) onConfirm(reason.trim());
        }}
      >
        <Stack gap="md">
          <Textarea
            label={r.label}
            description={r.hint}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={touched && empty ? r.required : undefined}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {r.cancel}
            </Button>
            <Button type="submit" color="red.8" loading={pending}>
              {r.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
