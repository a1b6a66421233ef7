import type { Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import type { ChallengeTicket, ConfirmationService } from './confirmation.service.js';
import { initialPasswordExpired } from './initial-password.js';
import { decoyPhoneMask, maskPhone } from './masking.js';
import { hashPassword, verifyPassword } from './password.js';
import { isEmail, normalizeEmail, normalizePhone } from './phone.js';
import type { RateLimiter, RateLimits } from './rate-limit.js';
import type { SessionService } from './session.service.js';
import { UserSchema, type User } from './user.entity.js';

export interface LoginInput {
  login: string;
  password: string;
  /** Staff with an authenticator may ask for an SMS instead. */
  channel?: 'sms' | 'totp';
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginDeps {
  orm: Orm;
  confirmations: ConfirmationService;
  sessions: SessionService;
  limiter: RateLimiter;
  limits: RateLimits;
  secret: Buffer;
  now: () => Date;
}

/**
 * Login in two steps: the password, then a code (SMS for clients; the authenticator or SMS for staff). The first
 * step answers the same way whether the login exists, the password is wrong or both are right: a challenge with
 * a masked destination. Only the last gets a real code.
 */
export class LoginService {
  /** A hash of nothing in particular, so an unknown login costs the same scrypt work as a known one. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly deps: LoginDeps) {
    this.dummyHash = hashPassword('kabinet-no-such-user');
  }

  async start(input: LoginInput, origin: RequestOrigin): Promise<ChallengeTicket> {
    const { limiter, limits, confirmations } = this.deps;
    const login = normalizeLogin(input.login);
    await limiter.enforce([
      [`login:ip:${origin.ip ?? 'unknown'}`, limits.loginPerIp],
      [`login:login:${login}`, limits.loginPerLogin],
    ]);
    const user = await this.findUser(login);
    let passwordOk = false;
    if (user?.passwordHash)
      passwordOk =
        (await verifyPassword(input.password, user.passwordHash)) &&
        !initialPasswordExpired(user, this.deps.now());
    else await verifyPassword(input.password, await this.dummyHash);

    const useTotp = user?.totpSecret != null && user.totpEnabledAt != null && input.channel !== 'sms';
    const phoneMask = user?.phone ? maskPhone(user.phone) : decoyPhoneMask(this.deps.secret, login);
    if (!user || !passwordOk || (!useTotp && !user.phone)) {
      return confirmations.issueDecoy({
        channel: useTotp ? 'totp' : 'sms',
        masked: useTotp ? 'authenticator' : phoneMask,
        phoneMask,
        ip: origin.ip,
      });
    }
    return confirmations.issue({
      purpose: 'login',
      userId: user.id,
      target: user.id,
      destinations: [
        useTotp
          ? { key: 'authenticator', channel: 'totp', address: null }
          : { key: 'phone', channel: 'sms', address: user.phone ?? null },
      ],
      data: { locale: user.locale },
      ip: origin.ip,
      throttleSends: false,
    });
  }

  /** Checks the code; on success opens a session (in the same transaction that consumes the challenge). */
  async confirm(
    challengeId: string,
    code: string,
    origin: RequestOrigin,
  ): Promise<{ token: string; userId: string; expiresAt: Date }> {
    return this.deps.confirmations.confirm(
      challengeId,
      code,
      { owner: { kind: 'login' }, ip: origin.ip },
      async (em, challenge) => {
        const userId = challenge.userId;
        if (!userId) throw new Error('a login challenge without a user passed its code check');
        const session = this.deps.sessions.create(em, { userId, ip: origin.ip, userAgent: origin.userAgent });
        await em.flush();
        await appendJournal(em, [
          {
            action: 'auth.login',
            actorId: userId,
            subjectUserId: userId,
            at: this.deps.now(),
            data: {
              sessionId: session.sessionId,
              challengeId: challenge.id,
              channel: challenge.destinations[0]?.channel ?? 'sms',
            },
          },
        ]);
        return { token: session.token, userId, expiresAt: session.expiresAt };
      },
    );
  }

  async resend(challengeId: string, options: { channel?: 'sms' }): Promise<ChallengeTicket> {
    return this.deps.confirmations.resend(
      challengeId,
      { kind: 'login' },
      { switchToSms: options.channel === 'sms' },
    );
  }

  /** An active user by email, or by phone when exactly one active user has it. */
  private async findUser(login: string): Promise<User | null> {
    const em = this.deps.orm.em.fork();
    if (isEmail(login)) return em.findOne(UserSchema, { email: login, active: true });
    const phone = normalizePhone(login);
    if (!phone) return null;
    const users = await em.find(UserSchema, { phone, active: true }, { limit: 2 });
    return users.length === 1 ? (users[0] ?? null) : null;
  }
}

/** The login as compared and counted: an email lower-cased, a phone in E.164, anything else trimmed. */
export function normalizeLogin(login: string): string {
  const trimmed = login.trim();
  if (trimmed.includes('@')) return normalizeEmail(trimmed);
  return normalizePhone(trimmed) ?? trimmed.toLowerCase();
}
