import type { JournalEntry } from '../../journal/journal.entity.js';
import type { CommandType, RequestTypeDefinition } from '../domain/index.js';
import { REQUEST_STATUSES, type RequestStatus } from '../domain/status.js';
import type { RequestRow } from '../request.entity.js';
import type { CommonRequestView } from './common.js';
import { commonRequestView } from './common.js';

/**
 * A request as its client reads it (DESIGN §14): status, what the client must do or why it ended, and the name
 * of its manager. Never tasks, checklists, staff notes or comments, which roles work the request, or staff
 * identities: financial monitoring must not be disclosed (115-FZ, no tipping-off).
 */
export interface ClientRequestView extends CommonRequestView {
  audience: 'client';
  /** The client's manager, by name only. */
  manager: { name: string } | null;
  /** Addressed to the client: what to correct (returned), why it was refused (rejected), or why it was cancelled. */
  reason: string | null;
}

export const CLIENT_JOURNAL_EVENTS = [
  'created',
  'edited',
  'signature_requested',
  'signed',
  'status_changed',
  'notice_sent',
] as const;
export type ClientJournalEvent = (typeof CLIENT_JOURNAL_EVENTS)[number];

/** Who acted, as the client may know it: itself, its manager, or the company as a whole. */
export const CLIENT_JOURNAL_ACTORS = ['client', 'manager', 'company'] as const;
export type ClientJournalActor = (typeof CLIENT_JOURNAL_ACTORS)[number];

/** One step of the request's history as the client reads it. */
export interface ClientJournalEntry {
  id: string;
  at: string;
  event: ClientJournalEvent;
  by: ClientJournalActor;
  /** The status reached (status_changed only). */
  status: RequestStatus | null;
  /** A return's, rejection's or cancellation's reason: the only staff text addressed to the client. */
  reason: string | null;
  /** The channel of a notice to the client (notice_sent only). */
  channel: string | null;
}

/** Statuses whose reason is written to the client. */
const REASONED: readonly RequestStatus[] = ['returned', 'rejected', 'cancelled'];
/** Commands of the internal process whose status changes stay internal (a task refused, a task reopened). */
const INTERNAL_COMMANDS: readonly string[] = ['rejectTask', 'reopenTask'];
const MANAGER_COMMANDS: readonly string[] = ['take', 'accept', 'returnForRework', 'reject'];
const CLIENT_COMMANDS: readonly string[] = [
  'createDraft',
  'updateDraft',
  'submit',
  'confirmSignature',
  'cancel',
];

export function toClientRequestView(
  row: RequestRow,
  definition: RequestTypeDefinition,
  allowed: CommandType[],
  context: { managerName: string | null; statusReason: string | null },
): ClientRequestView {
  const status = row.status;
  return {
    audience: 'client',
    ...commonRequestView(row, definition, allowed),
    manager: context.managerName === null ? null : { name: context.managerName },
    // The reason journaled with the latest move into this status (read with the request).
    reason: REASONED.includes(status) ? context.statusReason : null,
  };
}

/**
 * The request's history for its client: its own steps, the manager's decisions with the reasons addressed to
 * it, the outcome, and the notices it was sent. Everything of the internal process (review checklist, stages,
 * tasks, their notes and reasons, deliveries to staff) is left out, not masked.
 */
export function toClientJournal(
  entries: readonly JournalEntry[],
  clientUserId: string,
): ClientJournalEntry[] {
  return entries.flatMap((entry): ClientJournalEntry[] => {
    const base = { id: entry.id, at: entry.at.toISOString(), status: null, reason: null, channel: null };
    switch (entry.action) {
      case 'request.created':
        return [{ ...base, event: 'created', by: 'client' }];
      case 'request.draft_updated':
        return [{ ...base, event: 'edited', by: 'client' }];
      case 'request.signature_requested':
        return [{ ...base, event: 'signature_requested', by: 'client' }];
      case 'request.signed':
        return [{ ...base, event: 'signed', by: 'client' }];
      case 'request.status_changed': {
        const command = stringOf(entry.data['command']);
        const to = statusOf(entry.data['to']);
        if (to === null || INTERNAL_COMMANDS.includes(command ?? '')) return [];
        const reason = REASONED.includes(to) ? stringOf(entry.data['reason']) : null;
        return [{ ...base, event: 'status_changed', by: actorOf(command), status: to, reason }];
      }
      case 'notify.sent':
        if (entry.subjectUserId !== clientUserId) return [];
        return [{ ...base, event: 'notice_sent', by: 'company', channel: stringOf(entry.data['channel']) }];
      default:
        return [];
    }
  });
}

function actorOf(command: string | null): ClientJournalActor {
  if (command !== null && CLIENT_COMMANDS.includes(command)) return 'client';
  if (command !== null && MANAGER_COMMANDS.includes(command)) return 'manager';
  return 'company';
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function statusOf(value: unknown): RequestStatus | null {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value)
    ? (value as RequestStatus)
    : null;
}
