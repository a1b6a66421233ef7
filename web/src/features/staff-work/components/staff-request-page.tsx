import { Anchor, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { TASK_ROLES } from '../../../../../src/workflow/domain/roles.js';
import { when } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import type { Me } from '../../auth/api/get-me';
import { seesExchange } from '../../auth/roles';
import { useRequestTypes } from '../../new-request/api';
import { useRequestJournal } from '../../requests/api';
import { PayloadTable } from '../../requests/components/payload-table';
import { StatusBadge } from '../../requests/components/status-badge';
import { statusWords } from '../../requests/status';
import { useStaffCommand, type StaffCommand, type StaffRequest } from '../api';
import { denialText } from '../denial';
import { DeliveryJournal } from './delivery-journal';
import { ReviewPanel } from './review-panel';
import { TaskCard } from './task-card';

/** The request's journal as staff read it: what happened, when, by whom. */
function StaffJournal({ requestId }: { requestId: string }) {
  const { t, locale } = useI18n();
  const w = t.web.staffWork;
  const journal = useRequestJournal(requestId);
  if (journal.data?.audience !== 'staff') return null;
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {w.journal}
        </Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {/* Deliveries have their own journal (the administrator's); here the request's own steps. */}
          {journal.data.items
            .filter((entry) => !entry.action.startsWith('notify.'))
            .map((entry) => {
              const to = entry.action === 'request.status_changed' ? entry.data['to'] : undefined;
              return (
                <Timeline.Item
                  key={entry.id}
                  title={`${w.actions[entry.action] ?? entry.action}${typeof to === 'string' ? `: ${statusWords(t, to)}` : ''}`}
                >
                  <Text size="sm" c="gray.7">
                    {when(entry.at, locale)} {w.journalBy(entry.actorName ?? w.system)}
                  </Text>
                </Timeline.Item>
              );
            })}
        </Timeline>
      </Stack>
    </Paper>
  );
}

/**
 * A request as staff work it (issue 10 items 2–3): the client manager's review, every task by stage with its
 * checklist and actions, the data in full, the journal. A refused command is said in words from the request as it
 * stands after the refusal (who took the task, who approved it, where the request went).
 */
export function StaffRequestPage({ view, me }: { view: StaffRequest; me: Me }) {
  const { t, locale } = useI18n();
  const w = t.web.staffWork;
  const types = useRequestTypes();
  const command = useStaffCommand(view.id);
  const [target, setTarget] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const type = types.data?.find((candidate) => candidate.code === view.type);
  const send = (key: string) => (next: StaffCommand) => {
    setTarget(key);
    command.mutate(next);
  };
  const denial = (key: string) =>
    command.isError && target === key
      ? denialText(t, command.error, view, key === 'review' ? null : key)
      : null;
  const hasTasks = TASK_ROLES.some((role) => me.roles.includes(role) && role !== 'client_manager');
  const stages = [...new Set(view.tasks.map((task) => task.stageIndex))].sort((a, b) => a - b);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={hasTasks ? '/tasks' : '/requests'}>
        {hasTasks ? w.back : w.backToRequests}
      </Anchor>
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {view.title[locale]}
          </Title>
          <StatusBadge status={view.status} />
        </Group>
        <Text c="gray.7">
          {t.web.numbered(view.number)} · {view.summary[locale]}
        </Text>
      </Stack>
      <Group gap="sm">
        <Button
          component="a"
          href={`/api/v1/requests/${view.id}/print.pdf`}
          target="_blank"
          rel="noopener"
          variant="default"
        >
          {t.web.requests.page.printForm}
        </Button>
        {seesExchange(me) && (
          <Button component={Link} to={`/admin/exchange?requestId=${view.id}`} variant="default">
            {t.web.exchange.title}
          </Button>
        )}
      </Group>
      <ReviewPanel
        view={view}
        pending={command.isPending}
        denial={denial('review')}
        onCommand={send('review')}
      />
      {view.tasks.length > 0 && (
        <Stack gap="md">
          <Title order={2} size="h4">
            {w.tasks.title}
          </Title>
          {stages.map((stage) => (
            <Stack key={stage} gap="sm">
              <Text fw={600} c="gray.7">
                {w.tasks.stage(stage + 1, view.stages)}
              </Text>
              {view.tasks
                .filter((task) => task.stageIndex === stage)
                .map((task) => (
                  <TaskCard
                    key={task.id}
                    task={task}
                    now={now}
                    pending={command.isPending && target === task.id}
                    denial={denial(task.id)}
                    onCommand={send(task.id)}
                  />
                ))}
            </Stack>
          ))}
        </Stack>
      )}
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {w.data}
          </Title>
          <PayloadTable type={type} payload={view.payload} masked={view.maskedFields} />
          {view.maskedFields.length > 0 && (
            <Text size="sm" c="gray.7">
              {w.maskedNote}
            </Text>
          )}
        </Stack>
      </Paper>
      <StaffJournal requestId={view.id} />
      {me.roles.includes('admin') && <DeliveryJournal requestId={view.id} />}
    </Stack>
  );
}
