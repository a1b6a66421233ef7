import { describe, expect, it } from 'vitest';
import { stepStates } from './progress';

describe('the steps a client sees', () => {
  it('a request in work: filed and signed behind it, work current, the outcome ahead', () => {
    expect(stepStates('in_progress')).toEqual({
      draft: 'done',
      awaiting_signature: 'done',
      submitted: 'done',
      in_work: 'current',
      done: 'todo',
    });
  });

  it('a completed request has every step done; a rejected one ends in a failed outcome', () => {
    expect(Object.values(stepStates('completed'))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(stepStates('rejected').done).toBe('failed');
  });

  it('a returned request is back at the draft step: it is the client’s turn', () => {
    expect(stepStates('returned').draft).toBe('current');
    expect(stepStates('returned').awaiting_signature).toBe('todo');
  });
});
