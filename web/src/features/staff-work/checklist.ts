import type { Checklist } from './api';

export interface ChecklistItem {
  key: string;
  ru: string;
  en: string;
}

/** What a person has marked so far: per item a status, and a note for "not applicable". */
export type ChecklistMarks = Record<string, { status?: 'done' | 'na'; note?: string }>;

/**
 * The checklist the API wants, or null while an item is unmarked or marked "not applicable" without a note (the
 * same rule as the core's `checklistProblems`; the server checks again).
 */
export function completedChecklist(items: readonly ChecklistItem[], marks: ChecklistMarks): Checklist | null {
  const checklist: Checklist = {};
  for (const item of items) {
    const mark = marks[item.key];
    if (mark?.status === 'done') checklist[item.key] = { status: 'done' };
    else if (mark?.status === 'na' && mark.note?.trim())
      checklist[item.key] = { status: 'na', note: mark.note.trim() };
    else return null;
  }
  return checklist;
}
