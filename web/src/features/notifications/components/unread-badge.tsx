import { Badge } from '@mantine/core';
import { useI18n } from '../../../lib/i18n';
import { useUnreadCount } from '../api';

/** The unread in-app notices beside "Notifications", updated without a reload (a poll with ETag). */
export function UnreadBadge() {
  const { t } = useI18n();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  if (count === 0) return null;
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      circle={count < 10}
      aria-label={t.web.shell.unread(count)}
      data-testid="unread-count"
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
