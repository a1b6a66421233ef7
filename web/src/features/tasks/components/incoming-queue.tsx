import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LoadFailed } from '../../../components/ui/load-failed';
import { when } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { useRequestList, type RequestListItem } from '../../requests/api';
import { TASKS_POLL_MS } from '../api';

function QueueList({ title, items }: { title: string; items: readonly RequestListItem[] }) {
  const { t, locale } = useI18n();
  if (items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} c="gray.7">
        {title}
      </Text>
      {items.map((item) => (
        <Stack key={item.id} gap={0} data-incoming={item.id}>
          <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
            {t.web.numbered(item.number)} · {item.title[locale]}
          </Anchor>
          <Text size="sm" c="gray.7">
            {item.summary[locale]} · {when(item.submittedAt ?? item.createdAt, locale)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * The client manager's incoming queue (issue 10 item 3): signed requests waiting for a manager, then those under
 * review (a first review, or after a task was refused) — the manager's own clients, or all with a shared pool.
 * Kept current like the task list.
 */
export function IncomingQueue() {
  const { t } = useI18n();
  const x = t.web.tasks.incoming;
  const submitted = useRequestList({ status: 'submitted', pageSize: 20 }, { pollMs: TASKS_POLL_MS });
  const inReview = useRequestList({ status: 'in_review', pageSize: 20 }, { pollMs: TASKS_POLL_MS });
  const failed = submitted.error ?? inReview.error;
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {x.title}
        </Title>
        {failed ? (
          <LoadFailed
            message={x.loadFailed}
            error={failed}
            onRetry={() => {
              void submitted.refetch();
              void inReview.refetch();
            }}
          />
        ) : submitted.data && inReview.data ? (
          submitted.data.items.length + inReview.data.items.length === 0 ? (
            <Text c="gray.7">{x.empty}</Text>
          ) : (
            <>
              <QueueList title={x.submitted} items={submitted.data.items} />
              <QueueList title={x.inReview} items={inReview.data.items} />
            </>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}
