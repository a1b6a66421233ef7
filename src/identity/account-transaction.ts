import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';

/**
 * Runs an account change in its own transaction; a unique constraint it breaks (an e-mail, an INN, a contract
 * number someone else has) becomes a `conflict` with `conflictMessage`.
 */
export async function accountTransaction<T>(
  orm: Orm,
  work: (em: Em) => Promise<T>,
  conflictMessage: string,
): Promise<T> {
  try {
    return await orm.em.fork().transactional(work);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new DomainError('conflict', conflictMessage);
    throw error;
  }
}
