import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { StaffCommand, StaffRequest } from '../api';
import { completedChecklist, type ChecklistMarks } from '../checklist';
import { ChecklistFields } from './checklist-fields';
import { ReasonDialog } from './reason-dialog';

type ReasonKind = 'return' | 'reject';

/**
 * The client manager's part (issue 10 item 3): take a signed request, the review checklist from the API, accept,
 * return with a reason or reject with one; after a refused task, return or reject (the task card reopens it).
 */
export function ReviewPanel({
  view,
  pending,
  denial,
  onCommand,
}: {
  view: StaffRequest;
  pending: boolean;
  denial: string | null;
  onCommand(command: StaffCommand): void;
}) {
  const { t } = useI18n();
  const r = t.web.staffWork.review;
  const [marks, setMarks] = useState<ChecklistMarks>({});
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState<ReasonKind | null>(null);
  const allowed = view.allowedActions;
  const checklist = view.reviewChecklist ? completedChecklist(view.reviewChecklist, marks) : null;
  const afterRefusedTask = view.tasks.some((task) => task.status === 'rejected');
  const shown =
    allowed.includes('take') ||
    allowed.includes('accept') ||
    allowed.includes('returnForRework') ||
    allowed.includes('reject');
  if (!shown && !view.reviewerName) return null;

  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {r.title}
        </Title>
        {view.reviewerName && <Text>{r.reviewer(view.reviewerName)}</Text>}
        {afterRefusedTask && allowed.includes('returnForRework') && <Text c="gray.7">{r.reopenHint}</Text>}
        {denial && (
          <Alert color="red" variant="light" role="alert">
            {denial}
          </Alert>
        )}
        {allowed.includes('take') && (
          <Group>
            <Button loading={pending} onClick={() => onCommand({ kind: 'take' })}>
              {r.take}
            </Button>
          </Group>
        )}
        {allowed.includes('accept') && view.reviewChecklist && (
          <form
            noValidate
            aria-label={r.title}
            onSubmit={(event) => {
              event.preventDefault();
              setTried(true);
              if (checklist) onCommand({ kind: 'accept', checklist });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{r.checklistIntro}</Text>
              <ChecklistFields
                items={view.reviewChecklist}
                marks={marks}
                onChange={setMarks}
                idPrefix="review"
              />
              {tried && !checklist && (
                <Text size="sm" c="red.8" role="alert">
                  {t.web.staffWork.checklist.missing}
                </Text>
              )}
              <Group gap="sm">
                <Button type="submit" loading={pending}>
                  {r.accept}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {(allowed.includes('returnForRework') || allowed.includes('reject')) && (
          <Group gap="sm">
            {allowed.includes('returnForRework') && (
              <Button variant="light" onClick={() => setAsking('return')}>
                {r.returnToClient}
              </Button>
            )}
            {allowed.includes('reject') && (
              <Button variant="subtle" color="red" onClick={() => setAsking('reject')}>
                {r.reject}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ReasonDialog
        opened={asking !== null}
        title={
          asking === 'return'
            ? t.web.staffWork.reason.titles.returnRequest
            : t.web.staffWork.reason.titles.rejectRequest
        }
        pending={pending}
        onClose={() => setAsking(null)}
        onConfirm={(reason) => {
          const kind = asking;
          setAsking(null);
          if (kind) onCommand({ kind, reason });
        }}
      />
    </Paper>
  );
}
