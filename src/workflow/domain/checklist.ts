import type { ChecklistInput, ChecklistItemDef } from './definition.js';

/**
 * What is wrong with a submitted checklist, one message per problem (empty when it is complete).
 * Done means every item ticked, or marked not applicable with a note; keys the checklist does not have
 * are refused rather than ignored, so a stale card cannot tick the wrong item.
 */
export function checklistProblems(items: readonly ChecklistItemDef[], input: ChecklistInput): string[] {
  // The type promises an object, but the input comes from outside (API, bot callbacks): check, don't trust.
  const given: unknown = input;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    return ['the checklist must be an object keyed by item'];
  }
  const marks = given as Record<string, unknown>;
  const problems: string[] = [];
  for (const item of items) {
    const kind = readMark(Object.hasOwn(marks, item.key) ? marks[item.key] : undefined);
    switch (kind) {
      case 'done':
      case 'na_with_note':
        break;
      case 'missing':
        problems.push(`${item.key}: not marked; tick it as done or mark it not applicable with a note`);
        break;
      case 'na_without_note':
        problems.push(`${item.key}: a note is required when an item is not applicable`);
        break;
      case 'malformed':
        problems.push(`${item.key}: the status must be "done" or "na"`);
        break;
      default: {
        const _exhaustive: never = kind;
        return _exhaustive;
      }
    }
  }
  const known = new Set(items.map((item) => item.key));
  for (const key of Object.keys(marks)) {
    if (!known.has(key)) problems.push(`${key}: not an item of this checklist`);
  }
  return problems;
}

type Mark = 'done' | 'na_with_note' | 'na_without_note' | 'missing' | 'malformed';

function readMark(mark: unknown): Mark {
  if (mark === undefined) return 'missing';
  if (typeof mark !== 'object' || mark === null) return 'malformed';
  const { status, note } = mark as { status?: unknown; note?: unknown };
  if (status === 'done') return 'done';
  if (status !== 'na') return 'malformed';
  return typeof note === 'string' && note.trim() !== '' ? 'na_with_note' : 'na_without_note';
}
