import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import {
  ChallengeSchema,
  type Challenge,
  type ChallengeDestination,
  type ChallengePurpose,
} from './challenge.entity.js';
import { codeInvalid, type ChallengeOwner } from './confirmation-terms.js';
import type { NewChallenge } from './challenge-rows.js';

/** An attempt taken on a challenge: the count including it, and the challenge's limit. */
export interface ReservedAttempt {
  attempts: number;
  maxAttempts: number;
}

/**
 * The SQL of confirmation challenges. Every change after the insert is a conditional UPDATE that also bumps
 * `version`; each says in its name what it guarantees under concurrency, and answers whether it took effect.
 * Methods taking an `em` run in the caller's (transaction's) entity manager.
 */
export class ChallengeRepository {
  constructor(private readonly orm: Orm) {}

  async findById(challengeId: string, em: Em = this.orm.em.fork()): Promise<Challenge | null> {
    if (!isUuid(challengeId)) return null;
    return em.findOne(ChallengeSchema, { id: challengeId });
  }

  /**
   * The login flow cannot tell an unknown challenge from a wrong code (422); a signed-in user does not see
   * other people's challenges (404), nor login challenges.
   */
  async findOwned(em: Em, challengeId: string, owner: ChallengeOwner): Promise<Challenge> {
    const row = await this.findById(challengeId, em);
    if (owner.kind === 'login') {
      if (!row || row.purpose !== 'login') throw codeInvalid();
      return row;
    }
    if (!row || row.purpose === 'login' || row.userId !== owner.userId) {
      throw new DomainError('not_found', 'challenge not found');
    }
    return row;
  }

  /**
   * The newest live (unused, not invalidated, unexpired) challenge for the same thing: a purpose and target,
   * and the user when given (a login's target is its (login, network) pair, whoever the account).
   */
  async findLatestLive(
    em: Em,
    of: { purpose: ChallengePurpose; target: string | null; userId?: string },
    now: Date,
  ): Promise<Challenge | null> {
    return em.findOne(
      ChallengeSchema,
      {
        ...(of.userId === undefined ? {} : { userId: of.userId }),
        purpose: of.purpose,
        target: of.target,
        consumedAt: null,
        invalidatedAt: null,
        expiresAt: { $gt: now },
      },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  async insert(em: Em, fields: NewChallenge): Promise<Challenge> {
    const row = em.create(ChallengeSchema, fields);
    await em.flush();
    return row;
  }

  /** Takes one attempt only while the challenge is live, unexpired and under its limit; null otherwise. */
  async reserveAttemptWhileUsable(em: Em, id: string, now: Date): Promise<ReservedAttempt | null> {
    const reserved = await em.execute<{ attempts: number; max_attempts: number }[]>(
      `update challenges set attempts = attempts + 1, version = version + 1
       where id = ? and consumed_at is null and invalidated_at is null and attempts < max_attempts and expires_at > ?
       returning attempts, max_attempts`,
      [id, now],
    );
    const row = reserved[0];
    return row ? { attempts: row.attempts, maxAttempts: row.max_attempts } : null;
  }

  /** Marks the challenge used unless it already is or was invalidated: true for the one caller that did. */
  async consumeOnce(em: Em, id: string, now: Date): Promise<boolean> {
    const consumed = await em.execute<{ id: string }[]>(
      `update challenges set consumed_at = ?, version = version + 1
       where id = ? and consumed_at is null and invalidated_at is null returning id`,
      [now, id],
    );
    return consumed.length > 0;
  }

  /**
   * New codes and a new expiry for a resend, only while the challenge is unused, not invalidated and still at
   * `sendCount` sends: of two parallel resends one wins, and the limit on sends holds.
   */
  async renewIfStillAtSendCount(
    em: Em,
    id: string,
    sendCount: number,
    renewed: { destinations: readonly ChallengeDestination[]; sentAt: Date; expiresAt: Date },
  ): Promise<boolean> {
    const updated = await em.execute<{ id: string }[]>(
      `update challenges set destinations = ?::jsonb, send_count = send_count + 1, last_sent_at = ?, expires_at = ?, version = version + 1
       where id = ? and consumed_at is null and invalidated_at is null and send_count = ? returning id`,
      [JSON.stringify(renewed.destinations), renewed.sentAt, renewed.expiresAt, id, sendCount],
    );
    return updated.length > 0;
  }

  /** Kills one challenge (superseded, undeliverable, its target changed); the first invalidation time stays. */
  async invalidateOnce(em: Em, id: string, at: Date): Promise<void> {
    await em.execute(
      'update challenges set invalidated_at = ?, version = version + 1 where id = ? and invalidated_at is null',
      [at, id],
    );
  }

  /** Kills every live (unused, not invalidated) challenge for a target; how many there were. */
  async invalidateLiveForTarget(
    em: Em,
    purpose: ChallengePurpose,
    target: string,
    at: Date,
  ): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update challenges set invalidated_at = ?, version = version + 1
       where purpose = ? and target = ? and consumed_at is null and invalidated_at is null returning id`,
      [at, purpose, target],
    );
    return rows.length;
  }

  /** Stores the destinations with the providers' message ids once the codes went out. */
  async recordDeliveries(em: Em, id: string, destinations: readonly ChallengeDestination[]): Promise<void> {
    await em.execute('update challenges set destinations = ?::jsonb where id = ?', [
      JSON.stringify(destinations),
      id,
    ]);
  }

  /** The authenticator time step the user's last accepted code had (a code is never accepted twice). */
  async lastTotpStep(em: Em, userId: string): Promise<number | null> {
    const rows = await em.execute<{ totp_last_step: number | null }[]>(
      'select totp_last_step from users where id = ?',
      [userId],
    );
    return rows[0]?.totp_last_step ?? null;
  }

  /** Remembers `step` only when it is newer than the last accepted one: false for a replayed or older code. */
  async advanceTotpStepIfNewer(em: Em, userId: string, step: number): Promise<boolean> {
    const advanced = await em.execute<{ id: string }[]>(
      'update users set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?) returning id',
      [step, userId, step],
    );
    return advanced.length > 0;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}
