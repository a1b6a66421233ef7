import { CodeRefused } from './bot-ports.js';
import type { ConfirmationService } from './confirmation.service.js';

/**
 * Why a code did not work, told to the owner of the challenge only (a bot holds the ids of its own challenges; the
 * API tells the signed-in owner of a signing challenge): the identity services answer every case with the same
 * `code_invalid`, and a login never says more.
 */
export async function codeRefusal(
  confirmations: ConfirmationService,
  challengeId: string,
  now: Date,
): Promise<CodeRefused> {
  const row = await confirmations.find(challengeId);
  if (!row) return new CodeRefused('expired', 0);
  if (row.consumedAt) return new CodeRefused('used', 0);
  if (row.invalidatedAt) return new CodeRefused('changed', 0);
  const left = Math.max(0, row.maxAttempts - row.attempts);
  if (left === 0) return new CodeRefused('locked', 0);
  if (row.expiresAt <= now) return new CodeRefused('expired', left);
  return new CodeRefused('wrong', left);
}
