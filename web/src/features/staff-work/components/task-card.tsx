import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { when } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { capitalized } from '../../../lib/text';
import type { StaffCommand, StaffTask } from '../api';
import { completedChecklist, type ChecklistMarks } from '../checklist';
import { ChecklistFields } from './checklist-fields';
import { ReasonDialog } from './reason-dialog';
import { ToneBadge } from '../../../components/ui/tone-badge';

/**
 * One task as its role works it: state, due time, who took it, the 4-eyes approvals by name; Take; the checklist
 * with Done; Refuse with a reason; for the client manager, Reopen. Buttons only for what the API allows now.
 */
export function TaskCard({
  task,
  now,
  pending,
  denial,
  onCommand,
}: {
  task: StaffTask;
  now: number;
  pending: boolean;
  denial: string | null;
  onCommand(command: StaffCommand): void;
}) {
  const { t, locale } = useI18n();
  const x = t.web.staffWork.tasks;
  const [marks, setMarks] = useState<ChecklistMarks>({});
  const [comment, setComment] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [tried, setTried] = useState(false);
  const allowed = task.allowedActions;
  const active = task.status === 'open' || task.status === 'claimed';
  const overdue = active && new Date(task.dueAt).getTime() < now;
  const approvers = task.approvals.map((a) => a.name).filter((name): name is string => !!name);
  const checklist = completedChecklist(task.checklist, marks);

  return (
    <Paper withBorder p="md" radius="md" data-task={task.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={3} size="h5">
              {task.title[locale]}
            </Title>
            <Text size="sm" c="gray.7">
              {t.roles[task.role]}
            </Text>
          </Stack>
          <Group gap="xs">
            {overdue && <ToneBadge tone="red">{x.overdue}</ToneBadge>}
            <ToneBadge tone="indigo">{t.taskStatus[task.status]}</ToneBadge>
          </Group>
        </Group>
        <Group gap="lg">
          {active && <Text size="sm">{x.due(when(task.dueAt, locale))}</Text>}
          {task.status === 'claimed' && task.assigneeName && (
            <Text size="sm">{x.takenBy(task.assigneeName)}</Text>
          )}
          {task.status === 'open' && (
            <Text size="sm" c="gray.7">
              {x.free}
            </Text>
          )}
          {task.approvalsRequired > 1 && (
            <Text size="sm">{x.approvals(task.approvals.length, task.approvalsRequired)}</Text>
          )}
        </Group>
        {approvers.length > 0 && (
          <Text size="sm" c="gray.7">
            {x.approvedBy(approvers.join(', '))}
          </Text>
        )}
        {task.rejectReason && (
          <Text size="sm" c="red.8">
            {x.rejectReason(task.rejectReason)}
          </Text>
        )}
        {denial && (
          <Alert color="red" variant="light" role="alert">
            {denial}
          </Alert>
        )}
        {(allowed.includes('claimTask') ||
          allowed.includes('reopenTask') ||
          (allowed.includes('rejectTask') && !allowed.includes('completeTask'))) && (
          <Group gap="sm">
            {allowed.includes('claimTask') && (
              <Button loading={pending} onClick={() => onCommand({ kind: 'claimTask', taskId: task.id })}>
                {x.take}
              </Button>
            )}
            {allowed.includes('reopenTask') && (
              <Button
                variant="light"
                loading={pending}
                onClick={() => onCommand({ kind: 'reopenTask', taskId: task.id })}
              >
                {x.reopen}
              </Button>
            )}
            {allowed.includes('rejectTask') && !allowed.includes('completeTask') && (
              <Button variant="subtle" color="red" onClick={() => setRefusing(true)}>
                {x.reject}
              </Button>
            )}
          </Group>
        )}
        {allowed.includes('completeTask') && (
          <form
            noValidate
            aria-label={task.title[locale]}
            onSubmit={(event) => {
              event.preventDefault();
              setTried(true);
              if (checklist)
                onCommand({
                  kind: 'completeTask',
                  taskId: task.id,
                  checklist,
                  comment: comment.trim() || undefined,
                });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{x.checklistIntro}</Text>
              <ChecklistFields items={task.checklist} marks={marks} onChange={setMarks} idPrefix={task.id} />
              <Textarea
                label={x.comment}
                value={comment}
                onChange={(event) => setComment(event.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
              />
              {tried && !checklist && (
                <Text size="sm" c="red.8" role="alert">
                  {t.web.staffWork.checklist.missing}
                </Text>
              )}
              <Group gap="sm">
                <Button type="submit" loading={pending}>
                  {x.done}
                </Button>
                {allowed.includes('rejectTask') && (
                  <Button variant="subtle" color="red" onClick={() => setRefusing(true)}>
                    {x.reject}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      <ReasonDialog
        opened={refusing}
        title={capitalized(t.web.staffWork.reason.titles.rejectTask)}
        pending={pending}
        onClose={() => setRefusing(false)}
        onConfirm={(reason) => {
          setRefusing(false);
          onCommand({ kind: 'rejectTask', taskId: task.id, reason });
        }}
      />
    </Paper>
  );
}
