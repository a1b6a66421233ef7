import { ToneBadge } from '../../../components/ui/tone-badge';
import { useI18n } from '../../../lib/i18n';
import { statusColor, statusWords } from '../status';

/** A request's status: its words on its colour (the words carry it; the colour only helps). */
export function StatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useI18n();
  return (
    <ToneBadge tone={statusColor(status)} size={size}>
      {statusWords(t, status)}
    </ToneBadge>
  );
}
