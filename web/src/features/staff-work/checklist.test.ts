import { describe, expect, it } from 'vitest';
import { completedChecklist } from './checklist';

const items = [
  { key: 'a', ru: 'А', en: 'A' },
  { key: 'b', ru: 'Б', en: 'B' },
];

describe('completedChecklist', () => {
  it('is complete when every item is done or not applicable with a note', () => {
    expect(
      completedChecklist(items, { a: { status: 'done' }, b: { status: 'na', note: ' нет счёта ' } }),
    ).toEqual({
      a: { status: 'done' },
      b: { status: 'na', note: 'нет счёта' },
    });
  });
  it('is not complete with an unmarked item or a bare "not applicable"', () => {
    expect(completedChecklist(items, { a: { status: 'done' } })).toBeNull();
    expect(completedChecklist(items, { a: { status: 'done' }, b: { status: 'na', note: '  ' } })).toBeNull();
  });
});
