import type { Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import { AppError } from '../errors.js';
import type { ChallengeTicket, DestinationInput } from './confirmation-terms.js';
import type { ConfirmationService } from './confirmation.service.js';
import { initialPasswordExpired, initialPasswordSpentExpiry } from './initial-password.js';
import type { LoginGuard } from './login-guard.js';
import { decoyPhoneMask, maskPhone } from './masking.js';
import { hashPassword, verifyPassword } from './password.js';
import { isEmail, normalizeEmail, normalizePhone } from './phone.js';
import type { SessionService } from './session.service.js';
import { UserSchema, type User } from './user.entity.js';

export interface LoginInput {
  login: string;
  password: string;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginDeps {
  orm: Orm;
  confirmations: ConfirmationService;
  sessions: SessionService;
  guard: LoginGuard;
  secret: Buffer;
  now: () => Date;
}

/**
 * Login in two steps: the password, then a code — the SMS code sent to the phone, or the authenticator's code for
 * an account that has one (never SMS then: an administrator resets the authenticator). The first step answers
 * alike whatever happened (unknown login, wrong or right password, authenticator or not, throttled or not:
 * docs/0013-login-without-oracles.md): every throttle is decided before the password is checked, and the answer
 * is a challenge with the same fields and the same masked destination. Only a right password gets a live one.
 */
export class LoginService {
  /** A hash of nothing in particular, so an unknown login costs the same scrypt work as a known one. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly deps: LoginDeps) {
    this.dummyHash = hashPassword('kabinet-no-such-user');
  }

  async start(input: LoginInput, origin: RequestOrigin): Promise<ChallengeTicket> {
    const { guard, confirmations } = this.deps;
    const login = normalizeLogin(input.login);
    const loginKey = guard.loginKey(login);
    const user = await this.findUser(login);
    await guard.admit(loginKey, origin.ip, await guard.isUsual(user?.id ?? null, origin.ip));

    let passwordOk = false;
    if (user?.passwordHash)
      passwordOk =
        (await verifyPassword(input.password, user.passwordHash)) &&
        !initialPasswordExpired(user, this.deps.now());
    else await verifyPassword(input.password, await this.dummyHash);

    const hasAuthenticator = user?.totpSecret != null && user.totpEnabledAt != null;
    let destination: DestinationInput | null = null;
    if (user && passwordOk) {
      if (hasAuthenticator) destination = { key: 'authenticator', channel: 'totp', address: null };
      else if (user.phone) destination = { key: 'phone', channel: 'sms', address: user.phone };
    }
    return confirmations.issueLogin({
      userId: user?.id ?? null,
      destination,
      masked: this.maskFor(login, user),
      target: guard.pairKey(loginKey, origin.ip),
      data: { locale: user?.locale ?? 'ru', loginKey },
      ip: origin.ip,
    });
  }

  /** Checks the code; on success opens a session (in the same transaction that consumes the challenge). */
  async confirm(
    challengeId: string,
    code: string,
    origin: RequestOrigin,
  ): Promise<{ token: string; userId: string; expiresAt: Date }> {
    try {
      return await this.deps.confirmations.confirm(
        challengeId,
        code,
        { owner: { kind: 'login' }, ip: origin.ip },
        async (em, challenge) => {
          const userId = challenge.userId;
          if (!userId) throw new Error('a login challenge without a user passed its code check');
          const session = this.deps.sessions.create(em, {
            userId,
            ip: origin.ip,
            userAgent: origin.userAgent,
          });
          await em.flush();
          const user = await em.findOneOrFail(UserSchema, { id: userId });
          // An initial password is spent by its first login: it stays good only for the change this session must
          // make now (INITIAL_PASSWORD_GRACE_MINUTES), never for a later login (docs/0014).
          const spentAt = initialPasswordSpentExpiry(user, this.deps.now());
          if (spentAt) user.passwordExpiresAt = spentAt;
          await this.deps.guard.recordSuccess(em, {
            userId,
            ips: [origin.ip, challenge.ip ?? null],
            loginKeys: this.deps.guard.loginKeysOf(user),
          });
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
    } catch (error) {
      if (error instanceof AppError && error.code === 'code_invalid') await this.countWrongCode(challengeId);
      throw error;
    }
  }

  /** A new code for a login challenge (nothing to send for an authenticator or a decoy: the answer is the same). */
  async resend(challengeId: string): Promise<ChallengeTicket> {
    return this.deps.confirmations.resend(challengeId, { kind: 'login' });
  }

  /** A wrong code is one more consecutive failure of the challenge's login (decoy or real alike). */
  private async countWrongCode(challengeId: string): Promise<void> {
    const row = await this.deps.confirmations.find(challengeId);
    const loginKey = row?.purpose === 'login' ? row.data['loginKey'] : undefined;
    if (typeof loginKey === 'string') await this.deps.guard.recordFailure(loginKey);
  }

  /**
   * The masked destination the first answer shows, the same for every password: a phone login shows the typed
   * number's own mask; an email login the account's phone, or a mask derived from the login under the secret.
   */
  private maskFor(login: string, user: User | null): string {
    if (!isEmail(login)) {
      const phone = normalizePhone(login);
      if (phone) return maskPhone(phone);
    }
    if (user?.phone) return maskPhone(user.phone);
    return decoyPhoneMask(this.deps.secret, login);
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
