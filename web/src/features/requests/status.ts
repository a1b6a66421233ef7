import { capitalized } from '../../lib/text';
import type { WebCatalog as Catalog } from '../../../../src/i18n/web.js';

/** One colour per status, the same in the list and on the request page (always with the status's words). */
const COLORS: Record<string, string> = {
  draft: 'gray',
  awaiting_signature: 'yellow',
  submitted: 'blue',
  in_review: 'indigo',
  in_progress: 'indigo',
  returned: 'orange',
  rejected: 'red',
  cancelled: 'gray',
  completed: 'green',
};

export function statusColor(status: string): string {
  return COLORS[status] ?? 'gray';
}

/** The status in the catalog's words, starting with a capital: "Ждёт подписи". */
export function statusWords(t: Catalog, status: string): string {
  const words = (t.status as Record<string, string>)[status] ?? status;
  return capitalized(words);
}

/** Statuses in the order a request goes through them (for filters). */
export const STATUS_ORDER = [
  'awaiting_signature',
  'submitted',
  'in_review',
  'in_progress',
  'returned',
  'completed',
  'rejected',
  'cancelled',
] as const;
