import type { Orm } from '../db/orm.js';
import type { SignatureCodes } from '../workflow/request.records.js';
import { ChallengeRepository } from './challenge.repository.js';

/**
 * The workflow's port for signing codes: an edit, a cancel or a delete of a request kills its live `sign_request`
 * challenges in the command's own transaction, so a code sent for the old content can never sign (DESIGN §4).
 */
export function signingCodes(orm: Orm, now: () => Date = () => new Date()): SignatureCodes {
  const challenges = new ChallengeRepository(orm);
  return {
    async voidPending(em, requestId) {
      await challenges.invalidateLiveForTarget(em, 'sign_request', requestId, now());
    },
  };
}
