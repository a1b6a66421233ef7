import type { WebCatalog as Catalog } from '../../../../src/i18n/web.js';
import { ApiError } from '../../lib/api-client';
import { statusWords } from '../requests/status';
import type { StaffRequest } from './api';

/**
 * A refused staff command in words, from the problem's `reason` and the request as it stands now (fetched again
 * after the refusal): who took the task, who approved it, where the request went (issue 10 item 2).
 */
export function denialText(
  t: Catalog,
  error: unknown,
  view: StaffRequest | undefined,
  taskId: string | null,
): string {
  const d = t.web.staffWork.denied;
  if (!(error instanceof ApiError)) return d.generic;
  const task = taskId ? view?.tasks.find((candidate) => candidate.id === taskId) : undefined;
  switch (error.problem['reason']) {
    case 'taken':
      return d.taken(task?.assigneeName ?? null);
    case 'already_yours':
      return d.already_yours;
    case 'four_eyes':
      return d.four_eyes;
    case 'segregation':
      return d.segregation;
    case 'task_status': {
      const names = task?.approvals.map((a) => a.name).filter((name): name is string => !!name) ?? [];
      const by = names.length ? names.join(', ') : (task?.assigneeName ?? null);
      return d.task_status(task ? t.taskStatus[task.status] : '', by);
    }
    case 'request_status':
      return d.request_status(view ? statusWords(t, view.status) : '');
  }
  if (error.code === 'conflict') return d.conflict;
  if (error.code === 'validation_failed') return d.invalid;
  return d.generic;
}
