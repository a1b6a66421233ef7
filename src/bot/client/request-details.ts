import type { Locale } from '../../workflow/domain/definition.js';
import type { RequestStatus, TaskStatus } from '../../workflow/domain/status.js';
import type { RequestView } from '../../workflow/presenters.js';
import type { JournalView } from '../../workflow/workflow.service.js';
import { esc, formatDateTime } from '../shared/format.js';
import type { Messages } from '../shared/i18n.js';

const TASK_MARK: Record<TaskStatus, string> = {
  open: '⏳',
  claimed: '🔄',
  done: '✅',
  rejected: '⛔',
  cancelled: '➖',
};
const JOURNAL_LIMIT = 12;

/**
 * A request as its client reads it in the chat: number, type, status, the one-line summary (accounts masked),
 * the stages in plain words, and the history. No staff names: the company answers, not a person.
 */
export function renderRequestDetails(
  t: Messages,
  locale: Locale,
  view: RequestView,
  journal: readonly JournalView[],
  strict = false,
): string {
  const lines = [
    t.client.details.header(esc(view.number)),
    esc(view.title[locale]),
    t.client.details.status(t.status[view.status as RequestStatus] ?? esc(view.status)),
    // 149-FZ strict mode: numbers, statuses and stages only; the content stays in the cabinet.
    strict ? t.client.details.strictNote : esc(view.summary[locale]),
  ];
  const tasks = view.tasks.filter((task) => task.status !== 'cancelled');
  if (tasks.length > 0) {
    lines.push('', t.client.details.tasks);
    for (const task of tasks) {
      const status = task.status as TaskStatus;
      lines.push(
        `${TASK_MARK[status] ?? '•'} ${esc(task.title[locale])} — ${t.taskStatus[status] ?? esc(task.status)}`,
      );
    }
  }
  const history = journal.flatMap((entry) => journalLine(t, locale, view, entry, strict));
  if (history.length > 0) {
    lines.push('', t.client.details.history);
    lines.push(...history.slice(-JOURNAL_LIMIT));
  }
  return lines.join('\n');
}

function journalLine(
  t: Messages,
  locale: Locale,
  view: RequestView,
  entry: JournalView,
  strict: boolean,
): string[] {
  const when = formatDateTime(entry.at, locale);
  const data = entry.data;
  switch (entry.action) {
    case 'request.created':
      return [`${when} — ${t.client.journal.created}`];
    case 'request.signed':
      return [`${when} — ${t.client.journal.signed}`];
    case 'request.status_changed': {
      const to = typeof data['to'] === 'string' ? (data['to'] as RequestStatus) : undefined;
      if (to === undefined || to === 'awaiting_signature' || to === 'submitted') return [];
      const reason =
        !strict && typeof data['reason'] === 'string' && (to === 'returned' || to === 'rejected')
          ? data['reason']
          : undefined;
      const line = `${when} — ${t.client.journal.status(t.status[to] ?? esc(to))}`;
      return [reason === undefined ? line : `${line}: ${esc(reason)}`];
    }
    case 'request.task_completed': {
      const task = view.tasks.find((candidate) => candidate.key === data['taskKey']);
      return task ? [`${when} — ${t.client.journal.taskDone(esc(task.title[locale]))}`] : [];
    }
    default:
      return [];
  }
}
