import type { ChallengeTicket } from '../../identity/confirmation-terms.js';
import { LOGIN_CODE_FROM } from '../schemas/auth.js';

/** A started confirmation as the API shows it (the first destination also flat, for the common one-code case). */
export function presentChallenge(ticket: ChallengeTicket) {
  const first = ticket.destinations[0];
  return {
    challengeId: ticket.challengeId,
    purpose: ticket.purpose,
    channel: first?.channel ?? 'sms',
    destination: first?.destination ?? '***',
    expiresAt: ticket.expiresAt.toISOString(),
    destinations: ticket.destinations,
  };
}

/**
 * The login answer: the same four fields and the same values whatever happened (unknown login, wrong password,
 * a real SMS code or an authenticator): no `channel` here, it would tell.
 */
export function presentLoginChallenge(ticket: ChallengeTicket) {
  return {
    challengeId: ticket.challengeId,
    codeFrom: LOGIN_CODE_FROM,
    destination: ticket.destinations[0]?.destination ?? '***',
    expiresAt: ticket.expiresAt.toISOString(),
  };
}
