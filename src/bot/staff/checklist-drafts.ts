import type { Orm } from '../../db/orm.js';
import { ChecklistDraftSchema, type ChecklistMark } from './checklist-draft.entity.js';

/** The subject of a checklist being ticked: a task, or the manager's review of a request. */
export type ChecklistSubject = { kind: 'task'; id: string } | { kind: 'review'; id: string };

/**
 * Checklist ticks made on cards before Done / Accept submits them (`bot_checklist_drafts`). A toggle is one
 * atomic upsert, so two people ticking at once do not lose each other's ticks; a new `round` (after a 4-eyes
 * approval) starts from a clean list.
 */
export class ChecklistDrafts {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async marks(subject: ChecklistSubject, round: number): Promise<Record<string, ChecklistMark>> {
    const row = await this.orm.em.fork().findOne(ChecklistDraftSchema, { subject: key(subject) });
    return row && row.round === round ? row.marks : {};
  }

  /** Ticks the item, or unticks it when ticked; the marks after the change. */
  async toggle(
    subject: ChecklistSubject,
    round: number,
    item: string,
    userId: string,
  ): Promise<Record<string, ChecklistMark>> {
    const now = this.now();
    const mark = JSON.stringify({ [item]: { by: userId, at: now.toISOString() } });
    const rows = await this.orm.em.fork().execute<{ marks: Record<string, ChecklistMark> | string }[]>(
      `insert into bot_checklist_drafts (subject, round, marks, updated_at, version)
       values (?, ?, ?::jsonb, ?, 1)
       on conflict (subject) do update set
         marks = case
           when bot_checklist_drafts.round <> excluded.round then excluded.marks
           when jsonb_exists(bot_checklist_drafts.marks, ?) then bot_checklist_drafts.marks - ?::text
           else bot_checklist_drafts.marks || excluded.marks
         end,
         round = excluded.round,
         updated_at = excluded.updated_at,
         version = bot_checklist_drafts.version + 1
       returning marks`,
      [key(subject), round, mark, now, item, item],
    );
    const marks = rows[0]?.marks ?? {};
    return typeof marks === 'string' ? (JSON.parse(marks) as Record<string, ChecklistMark>) : marks;
  }

  async clear(subject: ChecklistSubject): Promise<void> {
    await this.orm.em.fork().nativeDelete(ChecklistDraftSchema, { subject: key(subject) });
  }
}

function key(subject: ChecklistSubject): string {
  return `${subject.kind}:${subject.id}`;
}
