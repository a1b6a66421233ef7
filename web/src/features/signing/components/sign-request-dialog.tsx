import { Modal, Text } from '@mantine/core';
import { useI18n } from '../../../lib/i18n';

export interface SignRequestDialogProps {
  /** The draft (or returned request) to submit and sign. */
  requestId: string;
  opened: boolean;
  onClose(): void;
  /** After the code was accepted: the request is signed and submitted. */
  onSigned(): void;
}

/** "Sign and submit": submit, then the code from the SMS (issue 9 item 5 fills it in). */
export function SignRequestDialog({ opened, onClose }: SignRequestDialogProps) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t.web.signing.title}>
      <Text>{t.web.shell.comingSoon}</Text>
    </Modal>
  );
}
