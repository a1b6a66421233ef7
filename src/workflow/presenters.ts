import { getRequestType } from './domain/types/index.js';
import type { Actor } from './domain/roles.js';
import type { ListLine } from './request.rows.js';
import type { ClientJournalEntry, ClientRequestView } from './presenters/client.js';
import type { StaffJournalEntry, StaffRequestView } from './presenters/staff.js';

export type { ClientJournalEntry, ClientRequestView } from './presenters/client.js';
export type { StaffJournalEntry, StaffRequestView, TaskView } from './presenters/staff.js';

/**
 * The three audiences of DESIGN §14. A client reads its own requests through the client presenter; staff (and
 * administrators) through the staff presenter. The choice is made here, once, from the actor.
 */
export type Audience = 'client' | 'staff';

export function audienceOf(actor: Actor): Audience {
  return actor.roles.includes('client') ? 'client' : 'staff';
}

/** A request as its reader may see it: `audience` says which presenter made it. */
export type RequestView = ClientRequestView | StaffRequestView;

/** A request's history as its reader may see it. */
export type RequestJournal =
  { audience: 'client'; items: ClientJournalEntry[] } | { audience: 'staff'; items: StaffJournalEntry[] };

export interface RequestListItem {
  id: string;
  number: string;
  type: string;
  title: { ru: string; en: string };
  /** One line of what the request is about, accounts masked (the type's own summary). */
  summary: { ru: string; en: string };
  status: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export function toListItem(row: ListLine): RequestListItem {
  const definition = getRequestType(row.typeCode, row.typeVersion);
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    title: { ...definition.title },
    summary: { ru: definition.summary(row.payload, 'ru'), en: definition.summary(row.payload, 'en') },
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

/** The staff view of a command's answer, for staff edges; a client's view here is a programming error. */
export function staffView(view: RequestView): StaffRequestView {
  if (view.audience !== 'staff') throw new Error(`expected the staff view of request ${view.id}`);
  return view;
}
