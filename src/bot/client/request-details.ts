import type { Locale } from '../../workflow/domain/definition.js';
import type { RequestStatus } from '../../workflow/domain/status.js';
import type { ClientJournalEntry, ClientRequestView } from '../../workflow/presenters.js';
import { esc, formatDateTime } from '../shared/format.js';
import type { Catalog } from '../../i18n/index.js';

const JOURNAL_LIMIT = 12;

/**
 * A request as its client reads it in the chat: number, type, status, the one-line summary (accounts masked),
 * the reason addressed to the client, and the history — all from the client presenter, which carries nothing
 * of the internal process. No staff names: the company answers, not a person.
 */
export function renderRequestDetails(
  t: Catalog,
  locale: Locale,
  view: ClientRequestView,
  journal: readonly ClientJournalEntry[],
  strict = false,
): string {
  const lines = [
    t.client.details.header(esc(view.number)),
    esc(view.title[locale]),
    t.client.details.status(t.status[view.status as RequestStatus] ?? esc(view.status)),
    // 149-FZ strict mode: numbers, statuses and stages only; the content stays in the cabinet.
    strict ? t.client.details.strictNote : esc(view.summary[locale]),
  ];
  if (!strict && view.reason !== null && view.status === 'returned')
    lines.push(t.client.details.returnedReason(esc(view.reason)));
  if (!strict && view.reason !== null && view.status === 'rejected')
    lines.push(t.client.details.rejectedReason(esc(view.reason)));
  const history = journal.flatMap((entry) => journalLine(t, locale, entry, strict));
  if (history.length > 0) {
    lines.push('', t.client.details.history);
    lines.push(...history.slice(-JOURNAL_LIMIT));
  }
  return lines.join('\n');
}

function journalLine(t: Catalog, locale: Locale, entry: ClientJournalEntry, strict: boolean): string[] {
  const when = formatDateTime(entry.at, locale);
  switch (entry.event) {
    case 'created':
      return [`${when} — ${t.client.journal.created}`];
    case 'signed':
      return [`${when} — ${t.client.journal.signed}`];
    case 'status_changed': {
      const to = entry.status;
      if (to === null || to === 'awaiting_signature' || to === 'submitted') return [];
      const line = `${when} — ${t.client.journal.status(t.status[to] ?? esc(to))}`;
      const reason = strict || (to !== 'returned' && to !== 'rejected') ? null : entry.reason;
      return [reason === null ? line : `${line}: ${esc(reason)}`];
    }
    default:
      return [];
  }
}
