import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import type { Challenge, ChallengePurpose } from './challenge.entity.js';
import { ChallengeCodes, typedCodes } from './challenge-codes.js';
import { ChallengeRepository } from './challenge.repository.js';
import { challengeRow, codeExpiry, ticketOf } from './challenge-rows.js';
import { CodeDelivery } from './code-delivery.js';
import type { ConfirmationOutcome, Metrics } from '../ops/metrics.js';
import {
  codeInvalid,
  TargetChanged,
  type ChallengeOwner,
  type ChallengeTicket,
  type IssueInput,
  type TypedCodes,
} from './confirmation-terms.js';
import { LoginChallenges, type DecoyChallengeInput, type LoginChallengeInput } from './login-challenges.js';
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
  /** Counts codes sent and checked by purpose and outcome — never the codes (docs/0027). */
  metrics?: Pick<Metrics, 'confirmations'>;
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
  private readonly logins: LoginChallenges;

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
    this.logins = new LoginChallenges({
      orm: deps.orm,
      challenges: this.challenges,
      codes: this.codes,
      delivery: this.delivery,
      now: deps.now,
    });
  }

  /** The identity clock (tests move it). */
  get now(): Date {
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
    const { destinations, codes, notices } = this.codes.forNewChallenge(id, binding, input.destinations);
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
    this.deps.metrics?.confirmations.inc({ purpose: row.purpose, outcome: 'sent' });
    return ticketOf(row, destinations);
  }

  /**
   * The code step of a login, for every password step alike: a real code only for a known account with the
   * right password, otherwise a decoy (login-challenges.ts, docs/0013-login-without-oracles.md).
   */
  async issueLogin(input: LoginChallengeInput): Promise<ChallengeTicket> {
    return this.logins.issue(input);
  }

  /** A challenge that looks like a login challenge and can never succeed; nothing is sent. */
  async issueDecoy(input: DecoyChallengeInput): Promise<ChallengeTicket> {
    return this.logins.issueDecoy(input);
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

    const { destinations: renewed, codes } = this.codes.renewed(row);
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
    this.deps.metrics?.confirmations.inc({ purpose: sent.purpose, outcome: 'sent' });
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
    const count = (outcome: ConfirmationOutcome) =>
      this.deps.metrics?.confirmations.inc({ purpose: row.purpose, outcome });
    const reservation = await this.challenges.reserveAttemptWhileUsable(em, row.id, now);
    if (!reservation) {
      count('expired');
      throw codeInvalid();
    }

    const totpStep = await this.codes.check(em, row, codes, now);
    if (totpStep === false) {
      const locked = reservation.attempts >= reservation.maxAttempts;
      count(locked ? 'locked' : 'wrong');
      if (locked) await this.journalLocked(row);
      throw codeInvalid();
    }

    try {
      const applied = await orm.em.fork().transactional(async (tx) => {
        if (!(await this.challenges.consumeOnce(tx, row.id, now))) throw codeInvalid();
        if (typeof totpStep === 'number' && row.userId) {
          if (!(await this.challenges.advanceTotpStepIfNewer(tx, row.userId, totpStep))) throw codeInvalid();
        }
        return apply(tx, { ...row, attempts: reservation.attempts, consumedAt: now });
      });
      count('confirmed');
      return applied;
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
