import {
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import { useMarkRead, useNotifications } from '../../features/notifications/api';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';

/** The in-app notices (issue 9 item 7): newest first, unread marked, each linking to its request. */
export function NotificationsRoute(_props: { me: Me }) {
  const { t, locale } = useI18n();
  const n = t.web.notifications;
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useNotifications(page, unreadOnly);
  const markRead = useMarkRead();
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {n.title}
        </Title>
        <Switch
          label={n.unreadOnly}
          checked={unreadOnly}
          onChange={(event) => setParams(event.currentTarget.checked ? { unread: '1' } : {})}
        />
      </Group>
      {list.data && list.data.unread > 0 && <Text c="gray.7">{n.counter(list.data.unread)}</Text>}
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true" role="status" aria-label={t.web.loading}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={72} radius="md" />
          ))}
        </Stack>
      ) : list.isError ? (
        <LoadFailed message={n.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="lg">
          <Text>{unreadOnly ? n.emptyUnread : n.empty}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" className="kabinet-plain-list">
          {list.data.items.map((notice) => (
            <Paper
              key={notice.id}
              component="li"
              withBorder
              p="md"
              radius="md"
              className={notice.readAt ? 'kabinet-notice' : 'kabinet-notice kabinet-notice-unread'}
            >
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Text fw={notice.readAt ? 500 : 700}>{notice.title}</Text>
                  {!notice.readAt && (
                    <Badge color="red" variant="light" size="sm" className="kabinet-noshrink">
                      {n.unread}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{notice.body}</Text>
                <Group justify="space-between" gap="xs">
                  <Text size="xs" c="gray.7">
                    {when(notice.createdAt, locale)}
                  </Text>
                  <Group gap="sm">
                    {notice.requestId && (
                      <Anchor
                        component={Link}
                        to={`/requests/${notice.requestId}`}
                        size="sm"
                        onClick={() => {
                          if (!notice.readAt) markRead.mutate(notice.id);
                        }}
                      >
                        {n.openRequest}
                      </Anchor>
                    )}
                    {!notice.readAt && (
                      <Button size="compact-sm" variant="subtle" onClick={() => markRead.mutate(notice.id)}>
                        {n.markRead}
                      </Button>
                    )}
                  </Group>
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={(next) => setParams({ ...(unreadOnly ? { unread: '1' } : {}), page: String(next) })}
            getControlProps={(control) => ({ 'aria-label': t.web.requests.pagination[control] })}
            getItemProps={(item) => ({ 'aria-label': t.web.requests.pagination.page(item) })}
          />
        </Group>
      )}
    </Stack>
  );
}
