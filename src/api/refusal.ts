import { AppError } from '../errors.js';
import { codeRefusal } from '../identity/code-refusal.js';
import type { ApiServices } from './services.js';

/**
 * Runs a code confirmation and, when the code is refused, tells the challenge's holder why and how many attempts
 * are left (`Problem.refusal`). Only for callers who already hold the challenge: the signed-in owner of a signing
 * or profile challenge, and the holder of a login challenge — whose decoys count attempts exactly like real ones,
 * so the answer is the same for a right and a wrong password (docs/0013).
 */
export async function explainRefusal<T>(
  s: Pick<ApiServices, 'confirmations'>,
  challengeId: string,
  confirm: () => Promise<T>,
): Promise<T> {
  try {
    return await confirm();
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'code_invalid')) throw error;
    const refused = await codeRefusal(s.confirmations, challengeId, s.confirmations.now);
    throw new AppError('code_invalid', error.message, {
      details: { refusal: { reason: refused.reason, attemptsLeft: refused.attemptsLeft } },
    });
  }
}
