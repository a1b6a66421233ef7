import { describe, expect, it } from '@jest/globals';
import { decideCreate, DomainError } from '../../../src/workflow/domain/index.js';
import { admin, owner, reviewer, staff } from './support.js';

describe('decideCreate', () => {
  it('given a client user, then the request belongs to its client and is filed by the user', () => {
    expect(decideCreate(owner)).toEqual({ clientId: owner.clientId, createdBy: owner.userId });
  });

  it.each([
    ['a client manager', reviewer],
    ['back office', staff('back_office')],
    ['an admin', admin],
    ['a client role without a client', { userId: 'u-x', roles: ['client'] as const }],
  ])('given %s, then forbidden', (_name, actor) => {
    const result = decideCreate(actor);
    expect(result).toBeInstanceOf(DomainError);
    expect(result instanceof DomainError ? result.code : 'ok').toBe('forbidden');
  });

  it('given an unknown type, then validation_failed on type (after the role check)', () => {
    const result = decideCreate(owner, false);
    expect(result instanceof DomainError ? [result.code, result.fieldErrors] : result).toEqual([
      'validation_failed',
      { type: ['there is no such request type'] },
    ]);
    const staffResult = decideCreate(reviewer, false);
    expect(staffResult instanceof DomainError ? staffResult.code : 'ok').toBe('forbidden');
  });
});
