import { Anchor, Checkbox, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ListLoading } from '../../components/ui/list-loading';
import { ListPagination } from '../../components/ui/list-pagination';
import { useUrlFilters } from '../../lib/url-filters';
import { TASK_ROLES, type TaskRole } from '../../../../src/workflow/domain/roles.js';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import { IncomingQueue } from '../../features/tasks/components/incoming-queue';
import { useTasks, type TaskItem, type TaskQuery } from '../../features/tasks/api';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';
import { capitalized } from '../../lib/text';
import { ToneBadge } from '../../components/ui/tone-badge';

const PAGE_SIZE = 25;
const STATES = ['open', 'claimed', 'done', 'rejected'] as const;

function Due({ task }: { task: TaskItem }) {
  const { t, locale } = useI18n();
  return (
    <Stack gap={2}>
      <Text size="sm">{t.web.tasks.due(when(task.dueAt, locale))}</Text>
      {task.overdue && <ToneBadge tone="red">{t.web.tasks.overdue}</ToneBadge>}
    </Stack>
  );
}

function State({ task }: { task: TaskItem }) {
  const { t } = useI18n();
  const x = t.web.tasks;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {capitalized(t.taskStatus[task.status])}
      </Text>
      {task.status === 'open' && (
        <Text size="sm" c="gray.7">
          {x.free}
        </Text>
      )}
      {task.status === 'claimed' && task.assigneeName && (
        <Text size="sm" c="gray.7">
          {x.takenBy(task.assigneeName)}
        </Text>
      )}
      {task.approvalsRequired > 1 && (
        <Text size="sm" c="gray.7">
          {x.approvals(task.approvals, task.approvalsRequired)}
        </Text>
      )}
    </Stack>
  );
}

function TaskRows({ items }: { items: readonly TaskItem[] }) {
  const { t, locale } = useI18n();
  const c = t.web.tasks.columns;
  return (
    <>
      <Table
        className="kabinet-desktop-only"
        verticalSpacing="sm"
        highlightOnHover
        aria-label={t.web.tasks.title}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.request}</Table.Th>
            <Table.Th>{c.task}</Table.Th>
            <Table.Th>{c.role}</Table.Th>
            <Table.Th>{c.due}</Table.Th>
            <Table.Th>{c.state}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((task) => (
            <Table.Tr key={task.id} data-task={task.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/requests/${task.request.id}`}
                  fw={600}
                  className="kabinet-nowrap"
                >
                  {t.web.numbered(task.request.number)}
                </Anchor>
                <Text size="sm" c="gray.7" lineClamp={2}>
                  {task.request.summary[locale]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{task.title[locale]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.roles[task.role]}</Text>
              </Table.Td>
              <Table.Td>
                <Due task={task} />
              </Table.Td>
              <Table.Td>
                <State task={task} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack className="kabinet-phone-only" gap="sm" p="sm">
        {items.map((task) => (
          <Paper
            key={task.id}
            withBorder
            p="md"
            radius="md"
            component={Link}
            to={`/requests/${task.request.id}`}
            className="kabinet-card-link"
            data-task={task.id}
          >
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Text fw={600}>{task.title[locale]}</Text>
                {task.overdue && <ToneBadge tone="red">{t.web.tasks.overdue}</ToneBadge>}
              </Group>
              <Text size="sm" c="gray.7">
                {t.web.numbered(task.request.number)} · {t.roles[task.role]}
              </Text>
              <Text size="sm" lineClamp={2}>
                {task.request.summary[locale]}
              </Text>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t.web.tasks.due(when(task.dueAt, locale))}</Text>
                <Text size="sm" c="gray.7">
                  {t.taskStatus[task.status]}
                  {task.status === 'claimed' && task.assigneeName
                    ? ` · ${t.web.tasks.takenBy(task.assigneeName)}`
                    : ''}
                </Text>
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

/**
 * My tasks (issue 10 item 1): the open and claimed tasks of the person's roles, most urgent first, filters in the
 * URL, kept current by a poll with ETag every 3 s (docs/0024) — a colleague's take or done shows by itself.
 */
export function TasksRoute({ me }: { me: Me }) {
  const { t } = useI18n();
  const x = t.web.tasks;
  const { params, page, update } = useUrlFilters();
  const myRoles = TASK_ROLES.filter((role) => me.roles.includes(role));
  const role = myRoles.find((r) => r === params.get('role')) ?? null;
  const status = STATES.find((s) => s === params.get('status')) ?? null;
  const overdue = params.get('overdue') === 'true';
  const query: TaskQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(role ? { role: role as TaskRole } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
  };
  const list = useTasks(query);
  const filtered = role !== null || status !== null || overdue;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {x.title}
        </Title>
        <Text c="gray.7">{x.intro}</Text>
      </Stack>
      {me.roles.includes('client_manager') && <IncomingQueue />}
      <Group gap="sm" align="flex-end" wrap="wrap">
        {myRoles.length > 1 && (
          <Select
            label={x.filters.role}
            placeholder={x.filters.anyRole}
            data={myRoles.map((value) => ({ value, label: t.roles[value] }))}
            value={role}
            onChange={(value) => update({ role: value })}
            clearable
            className="kabinet-filter kabinet-filter-wide"
          />
        )}
        <Select
          label={x.filters.status}
          placeholder={x.filters.active}
          data={STATES.map((value) => ({ value, label: capitalized(t.taskStatus[value]) }))}
          value={status}
          onChange={(value) => update({ status: value })}
          clearable
          className="kabinet-filter"
        />
        <Checkbox
          label={x.filters.overdue}
          checked={overdue}
          onChange={(event) => update({ overdue: event.currentTarget.checked ? 'true' : null })}
          pb={8}
        />
      </Group>
      {list.isPending ? (
        <ListLoading />
      ) : list.isError ? (
        <LoadFailed message={x.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="lg">
          <Text>{filtered ? x.emptyFiltered : x.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" className="kabinet-list-paper">
          <TaskRows items={list.data.items} />
        </Paper>
      )}
      <ListPagination
        total={list.data?.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(next) => update({ page: String(next) })}
      />
    </Stack>
  );
}
