import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import type { Challenge, ChallengeDestination, ChallengePurpose, CodeChannel } from './challenge.entity.js';
import { ChallengeCodes, typedCodes } from './challenge-codes.js';
import { ChallengeRepository } from './challenge.repository.js';
import { challengeRow, codeExpiry, destinationRow, maskAddress, ticketOf } from './challenge-rows.js';
import { CodeDelivery } from './code-delivery.js';
import { generateCode } from './codes.js';
import {
  codeInvalid,
  TargetChanged,
  type ChallengeOwner,
  type ChallengeTicket,
  type DestinationInput,
  type IssueInput,
  type TypedCodes,
} from './confirmation-terms.js';
import { throttled, type RateLimiter, type RateLimits } from './rate-limit.js';
import type { TotpAuthenticator } from './totp.js';

export interface ConfirmationDeps {
  orm: Orm;
  sms: SmsProvider;
  email: EmailSender;
  secret: Buffer;
  totp: TotpAuthenticator;
  limiter: RateLimiter;
  limits: RateLimits;
  logger: Logger;
  now: () => Date;
}

/**
 * The one confirmation mechanism (login, signing, profile changes, authenticator enrolment, Telegram linking).
 * Codes go straight to the SMS provider or the mail sender (never through the queue) and are stored only as
 * HMACs. Attempts are reserved with a conditional UPDATE before a code is even compared, and consuming is a
 * second conditional UPDATE inside the transaction that applies the purpose: under any concurrency a challenge
 * is applied at most once and never tried more than `maxAttempts` times.
 */
export class ConfirmationService {
  private readonly challenges: ChallengeRepository;
  private readonly codes: ChallengeCodes;
  private readonly delivery: CodeDelivery;

  constructor(private readonly deps: ConfirmationDeps) {
    this.challenges = new ChallengeRepository(deps.orm);
    this.codes = new ChallengeCodes({ secret: deps.secret, totp: deps.totp, challenges: this.challenges });
    this.delivery = new CodeDelivery({
      sms: deps.sms,
      email: deps.email,
      challenges: this.challenges,
      logger: deps.logger,
      now: deps.now,
    });
  }

  private get now(): Date {
    return this.deps.now();
  }

  async issue(input: IssueInput): Promise<ChallengeTicket> {
    const { orm, limiter, limits } = this.deps;
    const now = this.now;
    const em = orm.em.fork();
    // A new code never resets the failure count: the live challenge for the same thing is superseded and its
    // attempts carried over; one killed by attempts blocks new ones until it would have expired.
    const previous = await this.challenges.findLatestLive(
      em,
      { userId: input.userId, purpose: input.purpose, target: input.target },
      now,
    );
    if (previous && previous.attempts >= previous.maxAttempts) {
      throw throttled(secondsUntil(previous.expiresAt, now), 'too many wrong codes; wait and try again');
    }
    if (input.throttleSends ?? true) {
      await limiter.enforce([[`send:user:${input.userId}`, limits.sendsPerAccount]]);
    }
    if (previous) await this.challenges.invalidateOnce(em, previous.id, this.now);

    const id = randomUUID();
    const binding = input.binding ?? null;
    const { destinations, codes, notices } = this.newCodes(id, binding, input.destinations);
    const row = await this.challenges.insert(
      em,
      challengeRow({
        id,
        purpose: input.purpose,
        userId: input.userId,
        target: input.target,
        binding,
        destinations,
        data: input.data ?? {},
        decoy: false,
        attempts: previous?.attempts ?? 0,
        ip: input.ip ?? null,
        now,
      }),
    );
    await this.delivery.sendCodes(em, row, destinations, codes);
    await this.delivery.sendInertNotices(row, notices);
    return ticketOf(row, destinations);
  }

  /**
   * The code step of a login, for every password step alike (docs/0013-login-without-oracles.md): a real code
   * only for a known account with the right password (`destination` set), otherwise a decoy that sends nothing
   * and can never succeed. The live challenge of the same login from the same network (`target`) is superseded
   * and its attempts carried over, decoy or not; one killed by attempts makes the new one dead until it would
   * have expired. The caller chooses `masked` so it is the same whatever the account.
   */
  async issueLogin(input: {
    userId: string | null;
    destination: DestinationInput | null;
    masked: string;
    target: string;
    data: Record<string, unknown>;
    ip: string | null;
  }): Promise<ChallengeTicket> {
    const now = this.now;
    const em = this.deps.orm.em.fork();
    const previous = await this.challenges.findLatestLive(
      em,
      { purpose: 'login', target: input.target },
      now,
    );
    if (previous) await this.challenges.invalidateOnce(em, previous.id, this.now);
    const attempts = previous?.attempts ?? 0;
    const dead = previous !== null && attempts >= previous.maxAttempts;
    const live = input.destination !== null && input.userId !== null && !dead ? input.destination : null;
    const id = randomUUID();
    const code = live !== null && live.channel !== 'totp' ? generateCode() : null;
    const key = input.destination?.key ?? 'phone';
    const destinations = [
      destinationRow(
        {
          key,
          channel: input.destination?.channel ?? 'sms',
          address: live?.address ?? null,
          masked: input.masked,
        },
        code === null ? null : this.codes.seal(id, key, null, code),
      ),
    ];
    const row = await this.challenges.insert(
      em,
      challengeRow({
        id,
        purpose: 'login',
        userId: live === null ? null : input.userId,
        target: input.target,
        binding: null,
        destinations,
        data: input.data,
        decoy: live === null,
        attempts,
        ip: input.ip,
        now,
        ...(dead ? { expiresAt: previous.expiresAt } : {}),
      }),
    );
    if (code !== null) await this.delivery.sendCodes(em, row, destinations, new Map([[key, code]]));
    return ticketOf(row, destinations);
  }

  /**
   * A challenge that looks like a login challenge and can never succeed: the answer to an unknown login or a
   * wrong password. Nothing is sent.
   */
  async issueDecoy(input: {
    channel: CodeChannel;
    masked: string;
    phoneMask: string;
    ip?: string | null;
  }): Promise<ChallengeTicket> {
    const key = input.channel === 'totp' ? 'authenticator' : 'phone';
    const destinations = [
      destinationRow({ key, channel: input.channel, address: null, masked: input.masked }),
    ];
    const row = await this.challenges.insert(
      this.deps.orm.em.fork(),
      challengeRow({
        id: randomUUID(),
        purpose: 'login',
        userId: null,
        target: null,
        binding: null,
        destinations,
        data: { phoneMask: input.phoneMask },
        decoy: true,
        attempts: 0,
        ip: input.ip ?? null,
        now: this.now,
      }),
    );
    return ticketOf(row, destinations);
  }

  /**
   * A new code for a live challenge (throttled: one per `resendIntervalSeconds`, `maxSendsPerChallenge` in all).
   * The attempt count stays. A login challenge goes through the same steps whatever it is (SMS, authenticator,
   * decoy), so a resend tells nothing either; an authenticator has nothing to send, nor has a decoy.
   */
  async resend(challengeId: string, owner: ChallengeOwner): Promise<ChallengeTicket> {
    const { orm, limiter, limits } = this.deps;
    const now = this.now;
    const em = orm.em.fork();
    const row = await this.challenges.findOwned(em, challengeId, owner);
    if (row.consumedAt || row.invalidatedAt || row.expiresAt <= now || row.attempts >= row.maxAttempts)
      throw codeInvalid();
    // An authenticator challenge sent nothing; a login challenge must not tell which it is.
    const sentBefore = row.purpose === 'login' || row.destinations.some((d) => d.channel !== 'totp');
    const sinceLast = (now.getTime() - row.lastSentAt.getTime()) / 1000;
    if (sentBefore && sinceLast < limits.resendIntervalSeconds) {
      throw throttled(
        Math.ceil(limits.resendIntervalSeconds - sinceLast),
        'wait before asking for another code',
      );
    }
    if (row.sendCount >= limits.maxSendsPerChallenge)
      throw throttled(secondsUntil(row.expiresAt, now), 'no more codes for this attempt; start again later');
    if (!row.decoy && row.userId !== null && row.purpose !== 'login') {
      await limiter.enforce([[`send:user:${row.userId}`, limits.sendsPerAccount]]);
    }

    const codes = new Map<string, string>();
    const renewed = row.destinations.map((d): ChallengeDestination => {
      if (d.channel === 'totp' || row.decoy || d.inert === true) return { ...d };
      const code = generateCode();
      codes.set(d.key, code);
      return {
        ...d,
        codeHash: this.codes.seal(row.id, d.key, row.binding ?? null, code),
        providerMessageId: null,
      };
    });
    const expiresAt = codeExpiry(now);
    const renewedRow = { destinations: renewed, sentAt: now, expiresAt };
    if (!(await this.challenges.renewIfStillAtSendCount(em, row.id, row.sendCount, renewedRow)))
      throw throttled(limits.resendIntervalSeconds, 'wait before asking for another code');
    const sent: Challenge = {
      ...row,
      destinations: renewed,
      expiresAt,
      sendCount: row.sendCount + 1,
      lastSentAt: now,
    };
    await this.delivery.sendCodes(em, sent, renewed, codes);
    return ticketOf(sent, renewed);
  }

  /**
   * Checks the typed code(s) and, when right, consumes the challenge and runs `apply` in one transaction. Every
   * refusal about the code itself is the same `code_invalid`.
   */
  async confirm<T>(
    challengeId: string,
    typed: TypedCodes,
    context: { owner: ChallengeOwner; ip: string | null; telegramUserId?: number },
    apply: (em: Em, challenge: Challenge) => Promise<T>,
  ): Promise<T> {
    const { orm, limiter, limits } = this.deps;
    const now = this.now;
    const em = orm.em.fork();
    const row = await this.challenges.findOwned(em, challengeId, context.owner);
    // Per address, or per Telegram user in a bot; a login's account limit is per (login, network) like its
    // challenge's target, decoy or real alike, so nobody elsewhere can spend the person's attempts.
    const sender =
      context.telegramUserId === undefined
        ? `code:ip:${context.ip ?? 'unknown'}`
        : `code:tg:${String(context.telegramUserId)}`;
    const account =
      row.purpose === 'login' && row.target !== null && row.target !== undefined
        ? `code:login:${row.target}`
        : `code:account:${row.userId ?? row.id}`;
    await limiter.enforce([
      [sender, limits.codeAttemptsPerIp],
      [account, limits.codeAttemptsPerAccount],
    ]);
    const codes = typedCodes(row, typed);

    // Reserve an attempt first: parallel guesses cannot exceed maxAttempts, whatever they contain.
    const reservation = await this.challenges.reserveAttemptWhileUsable(em, row.id, now);
    if (!reservation) throw codeInvalid();

    const totpStep = await this.codes.check(em, row, codes, now);
    if (totpStep === false) {
      if (reservation.attempts >= reservation.maxAttempts) await this.journalLocked(row);
      throw codeInvalid();
    }

    try {
      return await orm.em.fork().transactional(async (tx) => {
        if (!(await this.challenges.consumeOnce(tx, row.id, now))) throw codeInvalid();
        if (typeof totpStep === 'number' && row.userId) {
          if (!(await this.challenges.advanceTotpStepIfNewer(tx, row.userId, totpStep))) throw codeInvalid();
        }
        return apply(tx, { ...row, attempts: reservation.attempts, consumedAt: now });
      });
    } catch (error) {
      if (error instanceof TargetChanged) {
        await this.challenges.invalidateOnce(orm.em.fork(), row.id, this.now);
        throw codeInvalid();
      }
      throw error;
    }
  }

  /** Kills the live challenges for a target (an edited request's signing codes). Runs in the caller's em. */
  async invalidateTarget(em: Em, purpose: ChallengePurpose, target: string): Promise<number> {
    return this.challenges.invalidateLiveForTarget(em, purpose, target, this.now);
  }

  async find(challengeId: string): Promise<Challenge | null> {
    return this.challenges.findById(challengeId);
  }

  /**
   * The stored destinations of a new challenge and the codes to send: a fresh code per address, none for an
   * authenticator, and for an inert address none either, only the notice to its owner.
   */
  private newCodes(
    id: string,
    binding: string | null,
    requested: readonly DestinationInput[],
  ): { destinations: ChallengeDestination[]; codes: Map<string, string>; notices: ChallengeDestination[] } {
    const codes = new Map<string, string>();
    const notices: ChallengeDestination[] = [];
    const destinations = requested.map((d): ChallengeDestination => {
      const { key, channel, address } = d;
      if (d.inert === true) {
        const masked = maskAddress(channel, address);
        const inert: ChallengeDestination = {
          ...destinationRow({ key, channel, address: null, masked }),
          inert: true,
        };
        notices.push({ ...inert, address });
        return inert;
      }
      if (channel === 'totp') return destinationRow({ key, channel, address: null, masked: 'authenticator' });
      const code = generateCode();
      codes.set(key, code);
      const masked = maskAddress(channel, address);
      return destinationRow({ key, channel, address, masked }, this.codes.seal(id, key, binding, code));
    });
    return { destinations, codes, notices };
  }

  private async journalLocked(row: Challenge): Promise<void> {
    await this.deps.orm.em.fork().transactional((tx) =>
      appendJournal(tx, [
        {
          action: 'challenge.locked',
          actorId: null,
          subjectUserId: row.userId ?? null,
          at: this.now,
          data: { challengeId: row.id, purpose: row.purpose, decoy: row.decoy },
        },
      ]),
    );
  }
}

function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
