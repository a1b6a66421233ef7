import type { ChallengeTicket } from '../../identity/confirmation.service.js';

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

/** The login answer: the same four fields whatever happened (unknown login, wrong password, or a real code). */
export function presentLoginChallenge(ticket: ChallengeTicket) {
  const first = ticket.destinations[0];
  return {
    challengeId: ticket.challengeId,
    channel: first?.channel ?? 'sms',
    destination: first?.destination ?? '***',
    expiresAt: ticket.expiresAt.toISOString(),
  };
}
