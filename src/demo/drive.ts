import type { ChecklistInput } from '../workflow/domain/definition.js';
import { REVIEW_CHECKLIST } from '../workflow/domain/definition.js';
import type { Actor } from '../workflow/domain/roles.js';
import { staffView, type StaffRequestView } from '../workflow/presenters.js';
import type { WorkflowService } from '../workflow/workflow.service.js';

/** Every item of a checklist ticked. */
export function fullChecklist(items: readonly { key: string }[]): ChecklistInput {
  return Object.fromEntries(items.map((item) => [item.key, { status: 'done' as const }]));
}

export const FULL_REVIEW_CHECKLIST = fullChecklist(REVIEW_CHECKLIST);

/**
 * Works a signed request through review and every task with the given staff, the way the operations team
 * would: the manager takes and accepts; for each open task someone of its role who may complete it does.
 * Used by the demo seed, the smoke run and the benchmark.
 */
export async function driveToCompletion(
  workflow: WorkflowService,
  requestId: string,
  manager: Actor,
  staff: readonly Actor[],
): Promise<StaffRequestView> {
  let view = await workflow.getStaffRequest(manager, requestId);
  if (view.status === 'submitted') view = staffView(await workflow.take(manager, requestId));
  if (view.status === 'in_review')
    view = staffView(await workflow.accept(manager, requestId, FULL_REVIEW_CHECKLIST));
  for (let round = 0; round < 50 && view.status === 'in_progress'; round += 1) {
    let progressed = false;
    for (const task of view.tasks.filter((t) => t.status === 'open' || t.status === 'claimed')) {
      for (const person of staff.filter((s) => s.roles.includes(task.role as Actor['roles'][number]))) {
        const mine = await workflow.getStaffRequest(person, requestId);
        const current = mine.tasks.find((t) => t.id === task.id);
        if (!current?.allowedActions.includes('completeTask')) continue;
        view = staffView(await workflow.completeTask(person, task.id, fullChecklist(current.checklist)));
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
  return view;
}
