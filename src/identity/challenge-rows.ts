import type { ChallengeDestination, ChallengePurpose, CodeChannel } from './challenge.entity.js';
import { CODE_TTL_SECONDS, MAX_ATTEMPTS, type ChallengeTicket } from './confirmation-terms.js';
import { maskEmail, maskPhone } from './masking.js';

/** A challenge as first inserted: one send, nothing consumed or invalidated. */
export interface NewChallenge {
  id: string;
  purpose: ChallengePurpose;
  userId: string | null;
  target: string | null;
  binding: string | null;
  destinations: ChallengeDestination[];
  data: Record<string, unknown>;
  decoy: boolean;
  attempts: number;
  maxAttempts: number;
  sendCount: number;
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  consumedAt: null;
  invalidatedAt: null;
  ip: string | null;
}

/**
 * The one builder of new challenge rows, real and decoy alike, so that a decoy differs from a real challenge
 * only where it must (no user, no code hash, `decoy`). `attempts` carries over from a superseded challenge;
 * `expiresAt` defaults to a fresh code lifetime.
 */
export function challengeRow(
  fields: Pick<
    NewChallenge,
    'id' | 'purpose' | 'userId' | 'target' | 'binding' | 'destinations' | 'data' | 'decoy' | 'attempts' | 'ip'
  > & { now: Date; expiresAt?: Date },
): NewChallenge {
  const { now, expiresAt, ...row } = fields;
  return {
    ...row,
    maxAttempts: MAX_ATTEMPTS,
    sendCount: 1,
    createdAt: now,
    lastSentAt: now,
    expiresAt: expiresAt ?? codeExpiry(now),
    consumedAt: null,
    invalidatedAt: null,
  };
}

/** When a code sent now stops working. */
export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + CODE_TTL_SECONDS * 1000);
}

/** A destination as stored; `codeHash` stays null where no sent code works (an authenticator, a decoy). */
export function destinationRow(
  fields: { key: string; channel: CodeChannel; address: string | null; masked: string },
  codeHash: string | null = null,
): ChallengeDestination {
  return { ...fields, codeHash, providerMessageId: null };
}

export function maskAddress(channel: CodeChannel, address: string | null): string {
  if (address === null) return '***';
  return channel === 'email' ? maskEmail(address) : maskPhone(address);
}

export function ticketOf(
  row: { id: string; purpose: ChallengePurpose; expiresAt: Date },
  destinations: readonly ChallengeDestination[],
): ChallengeTicket {
  return {
    challengeId: row.id,
    purpose: row.purpose,
    expiresAt: row.expiresAt,
    destinations: destinations.map((d) => ({ key: d.key, channel: d.channel, destination: d.masked })),
  };
}
