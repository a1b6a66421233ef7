import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { AppError, DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import {
  ChallengeSchema,
  type Challenge,
  type ChallengeDestination,
  type ChallengePurpose,
  type CodeChannel,
} from './challenge.entity.js';
import { renderCodeMessage, renderInertNotice } from './code-messages.js';
import { codeHash, codeMatches, generateCode } from './codes.js';
import { maskEmail, maskPhone } from './masking.js';
import { throttled, type RateLimiter, type RateLimits } from './rate-limit.js';
import type { TotpAuthenticator } from './totp.js';
import { UserSchema } from './user.entity.js';

/** Codes live five minutes; five wrong attempts kill a challenge (DESIGN §4). */
export const CODE_TTL_SECONDS = 300;
export const MAX_ATTEMPTS = 5;

/** The destination key of the authenticator being enrolled (its secret travels in the challenge's data). */
export const ENROLLED_AUTHENTICATOR_KEY = 'authenticator';

/** The one answer to every wrong, expired, used or unknown code: nothing tells which it was. */
export const CODE_INVALID_MESSAGE = 'the code is wrong or no longer valid';
export const codeInvalid = (): AppError => new AppError('code_invalid', CODE_INVALID_MESSAGE);

export interface DestinationInput {
  key: string;
  channel: CodeChannel;
  /** A phone (E.164) or an email address; ignored for `totp`. */
  address: string | null;
  /**
   * No code goes here and none will work for it: the address gets `renderInertNotice`'s text instead (an email
   * change to an address another account has, told to that address's owner), and the answer looks the same.
   */
  inert?: boolean;
}

export interface IssueInput {
  purpose: ChallengePurpose;
  userId: string;
  target: string | null;
  binding?: string | null;
  destinations: readonly DestinationInput[];
  data?: Record<string, unknown>;
  ip?: string | null;
  /** Count the sends against the user's send limit (off for logins: their limit is per login and IP). */
  throttleSends?: boolean;
}

/** What the caller learns about a challenge: where the codes went, masked. */
export interface ChallengeTicket {
  challengeId: string;
  purpose: ChallengePurpose;
  expiresAt: Date;
  destinations: { key: string; channel: CodeChannel; destination: string }[];
}

/** Who may use a challenge: the login flow (no session yet) or a signed-in user. */
export type ChallengeOwner = { kind: 'login' } | { kind: 'user'; userId: string };

/** One code for a one-destination challenge, or a code per destination key. */
export type TypedCodes = string | Readonly<Record<string, string>>;

/** Thrown by an applier when the challenge's target moved on (the payload was edited): the challenge dies. */
export class TargetChanged extends Error {
  constructor() {
    super('the confirmed content changed after the code was sent');
    this.name = 'TargetChanged';
  }
}

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
  constructor(private readonly deps: ConfirmationDeps) {}

  private get now(): Date {
    return this.deps.now();
  }

  async issue(input: IssueInput): Promise<ChallengeTicket> {
    const { orm, limiter, limits } = this.deps;
    const now = this.now;
    const em = orm.em.fork();
    // A new code never resets the failure count: the live challenge for the same thing is superseded and its
    // attempts carried over; one killed by attempts blocks new ones until it would have expired.
    const previous = await em.findOne(
      ChallengeSchema,
      {
        userId: input.userId,
        purpose: input.purpose,
        target: input.target,
        consumedAt: null,
        invalidatedAt: null,
        expiresAt: { $gt: now },
      },
      { orderBy: { createdAt: 'desc' } },
    );
    if (previous && previous.attempts >= previous.maxAttempts) {
      throw throttled(secondsUntil(previous.expiresAt, now), 'too many wrong codes; wait and try again');
    }
    if (input.throttleSends ?? true) {
      await limiter.enforce([[`send:user:${input.userId}`, limits.sendsPerAccount]]);
    }
    if (previous) await this.invalidateOne(em, previous.id);

    const id = randomUUID();
    const binding = input.binding ?? null;
    const data = input.data ?? {};
    const codes = new Map<string, string>();
    const notices: ChallengeDestination[] = [];
    const destinations: ChallengeDestination[] = input.destinations.map((d) => {
      if (d.inert === true) {
        const inert: ChallengeDestination = {
          key: d.key,
          channel: d.channel,
          address: null,
          masked: mask(d.channel, d.address),
          codeHash: null,
          providerMessageId: null,
          inert: true,
        };
        notices.push({ ...inert, address: d.address });
        return inert;
      }
      if (d.channel === 'totp')
        return {
          key: d.key,
          channel: d.channel,
          address: null,
          masked: 'authenticator',
          codeHash: null,
          providerMessageId: null,
        };
      const code = generateCode();
      codes.set(d.key, code);
      return {
        key: d.key,
        channel: d.channel,
        address: d.address,
        masked: mask(d.channel, d.address),
        codeHash: codeHash(this.deps.secret, code, { challengeId: id, destinationKey: d.key, binding }),
        providerMessageId: null,
      };
    });
    const row = em.create(ChallengeSchema, {
      id,
      purpose: input.purpose,
      userId: input.userId,
      target: input.target,
      binding,
      destinations,
      data,
      decoy: false,
      attempts: previous?.attempts ?? 0,
      maxAttempts: MAX_ATTEMPTS,
      sendCount: 1,
      createdAt: now,
      lastSentAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      consumedAt: null,
      invalidatedAt: null,
      ip: input.ip ?? null,
    });
    await em.flush();
    await this.deliver(em, row, destinations, codes);
    await this.deliverNotices(row, notices);
    return ticket(row, destinations);
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
    const previous = await em.findOne(
      ChallengeSchema,
      {
        purpose: 'login',
        target: input.target,
        consumedAt: null,
        invalidatedAt: null,
        expiresAt: { $gt: now },
      },
      { orderBy: { createdAt: 'desc' } },
    );
    if (previous) await this.invalidateOne(em, previous.id);
    const attempts = previous?.attempts ?? 0;
    const dead = previous !== null && attempts >= previous.maxAttempts;
    const live = input.destination !== null && input.userId !== null && !dead ? input.destination : null;
    const id = randomUUID();
    const code = live !== null && live.channel !== 'totp' ? generateCode() : null;
    const key = input.destination?.key ?? 'phone';
    const destinations: ChallengeDestination[] = [
      {
        key,
        channel: input.destination?.channel ?? 'sms',
        address: live?.address ?? null,
        masked: input.masked,
        codeHash:
          code === null
            ? null
            : codeHash(this.deps.secret, code, { challengeId: id, destinationKey: key, binding: null }),
        providerMessageId: null,
      },
    ];
    const row = em.create(ChallengeSchema, {
      id,
      purpose: 'login',
      userId: live === null ? null : input.userId,
      target: input.target,
      binding: null,
      destinations,
      data: input.data,
      decoy: live === null,
      attempts,
      maxAttempts: MAX_ATTEMPTS,
      sendCount: 1,
      createdAt: now,
      lastSentAt: now,
      expiresAt: dead ? previous.expiresAt : new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      consumedAt: null,
      invalidatedAt: null,
      ip: input.ip,
    });
    await em.flush();
    if (code !== null) await this.deliver(em, row, destinations, new Map([[key, code]]));
    return ticket(row, destinations);
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
    const now = this.now;
    const em = this.deps.orm.em.fork();
    const key = input.channel === 'totp' ? 'authenticator' : 'phone';
    const destinations: ChallengeDestination[] = [
      {
        key,
        channel: input.channel,
        address: null,
        masked: input.masked,
        codeHash: null,
        providerMessageId: null,
      },
    ];
    const row = em.create(ChallengeSchema, {
      id: randomUUID(),
      purpose: 'login',
      userId: null,
      target: null,
      binding: null,
      destinations,
      data: { phoneMask: input.phoneMask },
      decoy: true,
      attempts: 0,
      maxAttempts: MAX_ATTEMPTS,
      sendCount: 1,
      createdAt: now,
      lastSentAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      consumedAt: null,
      invalidatedAt: null,
      ip: input.ip ?? null,
    });
    await em.flush();
    return ticket(row, destinations);
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
    const row = await this.findOwned(em, challengeId, owner);
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

    const destinations = row.destinations;
    const codes = new Map<string, string>();
    const renewed = destinations.map((d): ChallengeDestination => {
      if (d.channel === 'totp' || row.decoy || d.inert === true) return { ...d };
      const code = generateCode();
      codes.set(d.key, code);
      return {
        ...d,
        codeHash: codeHash(this.deps.secret, code, {
          challengeId: row.id,
          destinationKey: d.key,
          binding: row.binding ?? null,
        }),
        providerMessageId: null,
      };
    });
    const expiresAt = new Date(now.getTime() + CODE_TTL_SECONDS * 1000);
    const updated = await em.execute<{ id: string }[]>(
      `update challenges set destinations = ?::jsonb, send_count = send_count + 1, last_sent_at = ?, expires_at = ?, version = version + 1
       where id = ? and consumed_at is null and invalidated_at is null and send_count = ? returning id`,
      [JSON.stringify(renewed), now, expiresAt, row.id, row.sendCount],
    );
    if (updated.length === 0)
      throw throttled(limits.resendIntervalSeconds, 'wait before asking for another code');
    const sent: Challenge = {
      ...row,
      destinations: renewed,
      expiresAt,
      sendCount: row.sendCount + 1,
      lastSentAt: now,
    };
    await this.deliver(em, sent, renewed, codes);
    return ticket(sent, renewed);
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
    const row = await this.findOwned(em, challengeId, context.owner);
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
    const reserved = await em.execute<{ attempts: number; max_attempts: number }[]>(
      `update challenges set attempts = attempts + 1, version = version + 1
       where id = ? and consumed_at is null and invalidated_at is null and attempts < max_attempts and expires_at > ?
       returning attempts, max_attempts`,
      [row.id, now],
    );
    const reservation = reserved[0];
    if (!reservation) throw codeInvalid();

    const totpStep = await this.match(em, row, codes, now);
    if (totpStep === false) {
      if (reservation.attempts >= reservation.max_attempts) await this.journalLocked(row);
      throw codeInvalid();
    }

    try {
      return await orm.em.fork().transactional(async (tx) => {
        const consumed = await tx.execute<{ id: string }[]>(
          `update challenges set consumed_at = ?, version = version + 1
           where id = ? and consumed_at is null and invalidated_at is null returning id`,
          [now, row.id],
        );
        if (consumed.length === 0) throw codeInvalid();
        if (typeof totpStep === 'number' && row.userId) {
          const advanced = await tx.execute<{ id: string }[]>(
            'update users set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?) returning id',
            [totpStep, row.userId, totpStep],
          );
          if (advanced.length === 0) throw codeInvalid();
        }
        return apply(tx, { ...row, attempts: reservation.attempts, consumedAt: now });
      });
    } catch (error) {
      if (error instanceof TargetChanged) {
        await this.invalidateOne(orm.em.fork(), row.id);
        throw codeInvalid();
      }
      throw error;
    }
  }

  /** Kills the live challenges for a target (an edited request's signing codes). Runs in the caller's em. */
  async invalidateTarget(em: Em, purpose: ChallengePurpose, target: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update challenges set invalidated_at = ?, version = version + 1
       where purpose = ? and target = ? and consumed_at is null and invalidated_at is null returning id`,
      [this.now, purpose, target],
    );
    return rows.length;
  }

  async find(challengeId: string): Promise<Challenge | null> {
    if (!isUuid(challengeId)) return null;
    return this.deps.orm.em.fork().findOne(ChallengeSchema, { id: challengeId });
  }

  // ---- internals ------------------------------------------------------------------------------------------

  /**
   * The login flow cannot tell an unknown challenge from a wrong code (422); a signed-in user does not see
   * other people's challenges (404), nor login challenges.
   */
  private async findOwned(em: Em, challengeId: string, owner: ChallengeOwner): Promise<Challenge> {
    const row = isUuid(challengeId) ? await em.findOne(ChallengeSchema, { id: challengeId }) : null;
    if (owner.kind === 'login') {
      if (!row || row.purpose !== 'login') throw codeInvalid();
      return row;
    }
    if (!row || row.purpose === 'login' || row.userId !== owner.userId) {
      throw new DomainError('not_found', 'challenge not found');
    }
    return row;
  }

  /** `false` when any code is wrong; the TOTP time step when an authenticator code matched; `true` otherwise. */
  private async match(
    em: Em,
    row: Challenge,
    codes: Map<string, string>,
    now: Date,
  ): Promise<number | boolean> {
    if (row.decoy) return false;
    let step: number | boolean = true;
    for (const destination of row.destinations) {
      const code = codes.get(destination.key) ?? '';
      if (destination.channel === 'totp') {
        const sealed = await this.totpSecretFor(em, row, destination.key);
        const matched =
          sealed === null
            ? null
            : await this.deps.totp.check(sealed, code, now, await this.lastStep(em, row));
        if (matched === null) return false;
        // Two authenticator codes (replacing one app by another): the newer step is the one remembered.
        step = typeof step === 'number' ? Math.max(step, matched) : matched;
      } else if (
        !codeMatches(this.deps.secret, code, destination.codeHash, {
          challengeId: row.id,
          destinationKey: destination.key,
          binding: row.binding ?? null,
        })
      ) {
        return false;
      }
    }
    return step;
  }

  /**
   * The authenticator secret a code is checked against: the one being enrolled (destination `authenticator` of
   * an enrolment), otherwise the user's current one (a login, or `current_authenticator` when replacing).
   */
  private async totpSecretFor(em: Em, row: Challenge, destinationKey: string): Promise<string | null> {
    if (row.purpose === 'enrol_totp' && destinationKey === ENROLLED_AUTHENTICATOR_KEY)
      return typeof row.data['sealedSecret'] === 'string' ? row.data['sealedSecret'] : null;
    if (!row.userId) return null;
    const user = await em.findOne(UserSchema, { id: row.userId }, { disableIdentityMap: true });
    return user?.totpSecret ?? null;
  }

  private async lastStep(em: Em, row: Challenge): Promise<number | null> {
    if (!row.userId) return null;
    const rows = await em.execute<{ totp_last_step: number | null }[]>(
      'select totp_last_step from users where id = ?',
      [row.userId],
    );
    return rows[0]?.totp_last_step ?? null;
  }

  private async invalidateOne(em: Em, id: string): Promise<void> {
    await em.execute(
      'update challenges set invalidated_at = ?, version = version + 1 where id = ? and invalidated_at is null',
      [this.now, id],
    );
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

  /** Tells the owners of inert destinations that someone tried to use their address (nothing to confirm). */
  private async deliverNotices(row: Challenge, notices: readonly ChallengeDestination[]): Promise<void> {
    for (const notice of notices) {
      if (notice.address === null || notice.channel !== 'email') continue;
      const message = renderInertNotice(row.purpose, row.data);
      try {
        await this.deps.email.send({ to: notice.address, subject: message.subject, text: message.text });
      } catch (error) {
        // The caller's answer must not differ: a lost notice is logged, not reported.
        this.deps.logger.error(
          { err: error, challengeId: row.id },
          'could not send an address-in-use notice',
        );
      }
    }
  }

  /** Sends each code straight to its provider; remembers the providers' message ids (the signature needs one). */
  private async deliver(
    em: Em,
    row: Challenge,
    destinations: ChallengeDestination[],
    codes: Map<string, string>,
  ): Promise<void> {
    try {
      for (const destination of destinations) {
        const code = codes.get(destination.key);
        if (code === undefined || destination.address === null) continue;
        const message = renderCodeMessage(row.purpose, destination.key, destination.channel, code, row.data);
        const sent =
          message.kind === 'email'
            ? await this.deps.email.send({
                to: destination.address,
                subject: message.subject,
                text: message.text,
              })
            : await this.deps.sms.send({ to: destination.address, text: message.text });
        destination.providerMessageId = sent.providerMessageId;
      }
    } catch (error) {
      this.deps.logger.error(
        { err: error, challengeId: row.id, purpose: row.purpose },
        'could not send a confirmation code',
      );
      await this.invalidateOne(em, row.id);
      throw new AppError('unavailable', 'the code could not be sent; try again later');
    }
    await em.execute('update challenges set destinations = ?::jsonb where id = ?', [
      JSON.stringify(destinations),
      row.id,
    ]);
  }
}

function typedCodes(row: Challenge, typed: TypedCodes): Map<string, string> {
  const keys = row.destinations.map((d) => d.key);
  if (typeof typed === 'string') {
    if (keys.length === 1 && keys[0] !== undefined) return new Map([[keys[0], typed]]);
    throw new DomainError('validation_failed', 'this confirmation needs a code for each destination', {
      fieldErrors: { codes: [`give the codes for: ${keys.join(', ')}`] },
    });
  }
  const missing = keys.filter((k) => typeof typed[k] !== 'string');
  if (missing.length > 0) {
    throw new DomainError('validation_failed', 'a code is missing', {
      fieldErrors: { codes: [`give the codes for: ${keys.join(', ')}`] },
    });
  }
  return new Map(keys.map((k) => [k, typed[k] ?? '']));
}

function ticket(row: Challenge, destinations: readonly ChallengeDestination[]): ChallengeTicket {
  return {
    challengeId: row.id,
    purpose: row.purpose,
    expiresAt: row.expiresAt,
    destinations: destinations.map((d) => ({ key: d.key, channel: d.channel, destination: d.masked })),
  };
}

function mask(channel: CodeChannel, address: string | null): string {
  if (address === null) return '***';
  return channel === 'email' ? maskEmail(address) : maskPhone(address);
}

function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}
