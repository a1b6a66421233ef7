import { Badge } from '@mantine/core';
import { useI18n } from '../../../lib/i18n';
import { useTaskCount } from '../api';

/** The open and claimed tasks of the person's roles beside "My tasks", kept current by the poll. */
export function TaskCountBadge() {
  const { t } = useI18n();
  const count = useTaskCount(true).data ?? 0;
  if (count === 0) return null;
  return (
    <Badge
      size="sm"
      color="indigo.8"
      variant="filled"
      circle={count < 10}
      aria-label={t.web.tasks.count(count)}
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
