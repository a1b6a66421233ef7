import { endTelegramLink } from '../telegram/unlink.js';
import { SECURITY_NOTICE_TOPIC } from '../messaging/topics.js';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { AppError, DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import type { Challenge } from './challenge.entity.js';
import {
  ENROLLED_AUTHENTICATOR_KEY,
  type ChallengeTicket,
  type DestinationInput,
} from './confirmation-terms.js';
import type { ConfirmationService } from './confirmation.service.js';
import { LINK_TTL_MINUTES, type LinkTokenService } from './link-tokens.js';
import { hashPassword } from './password.js';
import type { PasswordCheck } from './password-check.js';
import { passwordProblems } from './password-policy.js';
import { isEmail, normalizeEmail, normalizePhone } from './phone.js';
import type { SessionService } from './session.service.js';
import type { TotpAuthenticator } from './totp.js';
import { UserSchema, type User } from './user.entity.js';

export interface ProfileDeps {
  orm: Orm;
  confirmations: ConfirmationService;
  sessions: SessionService;
  linkTokens: LinkTokenService;
  totp: TotpAuthenticator;
  passwords: PasswordCheck;
  now: () => Date;
}

export interface ProfileCaller {
  userId: string;
  sessionId: string;
  ip: string | null;
}

/** The destination key of the authenticator a person already has, when an enrolment replaces it. */
export const CURRENT_AUTHENTICATOR_KEY = 'current_authenticator';

type ProfilePurpose = 'change_password' | 'change_email' | 'change_phone' | 'enrol_totp';

/**
 * Profile changes, each confirmed by codes (DESIGN §4): a password with the current one and an SMS; an email with
 * a code to the new address and an SMS; a phone with codes to the current and the new number. Applied on
 * confirmation, journaled, with a security notice to the old contact through the outbox in the same transaction.
 */
export class ProfileService {
  constructor(private readonly deps: ProfileDeps) {}

  async startPasswordChange(
    caller: ProfileCaller,
    input: { currentPassword: string; newPassword: string },
  ): Promise<ChallengeTicket> {
    const user = await this.user(caller.userId);
    await this.checkCurrentPassword(user, input.currentPassword);
    const problems = passwordProblems(input.newPassword, [user.email, user.phone ?? '']);
    if (input.newPassword === input.currentPassword) problems.push('must differ from the current password');
    if (problems.length > 0) {
      throw new DomainError('validation_failed', 'the new password is not acceptable', {
        fieldErrors: { newPassword: problems },
      });
    }
    const phone = requirePhone(user);
    return this.deps.confirmations.issue({
      purpose: 'change_password',
      userId: user.id,
      target: user.id,
      destinations: [{ key: 'phone', channel: 'sms', address: phone }],
      data: { locale: user.locale, passwordHash: await hashPassword(input.newPassword) },
      ip: caller.ip,
    });
  }

  async startEmailChange(caller: ProfileCaller, input: { email: string }): Promise<ChallengeTicket> {
    const user = await this.user(caller.userId);
    const email = normalizeEmail(input.email);
    if (!isEmail(email)) throw fieldError('email', 'not a valid email address');
    if (email === user.email) throw fieldError('email', 'this is already your email');
    // A taken address answers like a free one (no oracle): its owner is told instead of getting a code, and the
    // change can never be confirmed (docs/0013-login-without-oracles.md).
    const taken = (await this.deps.orm.em.fork().count(UserSchema, { email })) > 0;
    const phone = requirePhone(user);
    return this.deps.confirmations.issue({
      purpose: 'change_email',
      userId: user.id,
      target: user.id,
      destinations: [
        { key: 'new_email', channel: 'email', address: email, inert: taken },
        { key: 'phone', channel: 'sms', address: phone },
      ],
      data: { locale: user.locale, newEmail: email },
      ip: caller.ip,
    });
  }

  async startPhoneChange(caller: ProfileCaller, input: { phone: string }): Promise<ChallengeTicket> {
    const user = await this.user(caller.userId);
    const phone = normalizePhone(input.phone);
    if (!phone) throw fieldError('phone', 'not a phone number; write it as +79991234567');
    if (phone === user.phone) throw fieldError('phone', 'this is already your phone');
    const destinations = [
      ...(user.phone ? [{ key: 'current_phone', channel: 'sms' as const, address: user.phone }] : []),
      { key: 'new_phone', channel: 'sms' as const, address: phone },
    ];
    return this.deps.confirmations.issue({
      purpose: 'change_phone',
      userId: user.id,
      target: user.id,
      destinations,
      data: { locale: user.locale, newPhone: phone },
      ip: caller.ip,
    });
  }

  /**
   * Staff: a new authenticator secret to scan. A step-up first: the current password (the password-check
   * throttle) now, and on confirmation a code on the factor the person already has — the current app's code when
   * one is enrolled (replacing it), otherwise an SMS code to their phone — besides the new app's first code.
   */
  async startTotpEnrolment(
    caller: ProfileCaller,
    input: { currentPassword: string },
  ): Promise<{ ticket: ChallengeTicket; otpauthUri: string; qrDataUrl: string }> {
    const user = await this.user(caller.userId);
    if (user.kind !== 'staff')
      throw new DomainError('forbidden', 'authenticator codes are for staff; clients sign in with SMS');
    await this.checkCurrentPassword(user, input.currentPassword);
    const replacing = Boolean(user.totpSecret && user.totpEnabledAt);
    const existingFactor: DestinationInput = replacing
      ? { key: CURRENT_AUTHENTICATOR_KEY, channel: 'totp', address: null }
      : { key: 'phone', channel: 'sms', address: requirePhone(user) };
    const { secret, sealed } = this.deps.totp.newSecret();
    const ticket = await this.deps.confirmations.issue({
      purpose: 'enrol_totp',
      userId: user.id,
      target: user.id,
      destinations: [{ key: ENROLLED_AUTHENTICATOR_KEY, channel: 'totp', address: null }, existingFactor],
      data: { locale: user.locale, sealedSecret: sealed, replacing },
      ip: caller.ip,
      // Only an SMS is a send (SMS pumping); authenticator codes cost nothing.
      throttleSends: !replacing,
    });
    return { ticket, ...(await this.deps.totp.enrolment(secret, user.email)) };
  }

  /** The caller's own one-time deep link into their bot (clients: the client bot; staff: the staff bot). */
  async telegramLink(caller: ProfileCaller): Promise<{ url: string; expiresAt: Date }> {
    const user = await this.user(caller.userId);
    return this.deps.linkTokens.create({
      purpose: user.kind === 'client' ? 'client_link' : 'staff_invite',
      userId: user.id,
      createdBy: null,
      ttlMinutes: LINK_TTL_MINUTES.own,
    });
  }

  /**
   * Ends the caller's link with their bot (the cabinet's answer to "a Telegram account was linked" besides the
   * e-mailed link and the bot's /unlink). The row stays, marked `unlinked`; journaled. False when none was linked.
   */
  async unlinkTelegram(caller: ProfileCaller): Promise<boolean> {
    const user = await this.user(caller.userId);
    const now = this.deps.now();
    return this.deps.orm.em.fork().transactional(async (tx) => {
      const bot = user.kind === 'client' ? 'client' : 'staff';
      const ended = await endTelegramLink(
        tx,
        { userId: user.id, bot },
        { actorId: user.id, at: now, reason: 'unlinked_in_cabinet' },
      );
      return ended !== null;
    });
  }

  /** Whether a challenge purpose is one of this service's. */
  handles(purpose: string): purpose is ProfilePurpose {
    return ['change_password', 'change_email', 'change_phone', 'enrol_totp'].includes(purpose);
  }

  /** The applier of a profile challenge, run inside the transaction that consumed its codes. */
  applier(caller: ProfileCaller): (em: Em, challenge: Challenge) => Promise<void> {
    return async (em, challenge) => {
      const now = this.deps.now();
      const user = await em.findOne(UserSchema, { id: caller.userId });
      if (!user) throw new DomainError('not_found', 'user not found');
      const data = challenge.data;
      const security = async (kind: string, journal: Record<string, unknown>): Promise<void> => {
        const [entry] = await appendJournal(em, [
          {
            action: `user.${kind}`,
            actorId: user.id,
            subjectUserId: user.id,
            at: now,
            data: { challengeId: challenge.id, ...journal },
          },
        ]);
        enqueueOutbox(
          em,
          [
            {
              topic: SECURITY_NOTICE_TOPIC,
              requestId: null,
              payload: { userId: user.id, kind, journalEntryId: entry?.id ?? null },
            },
          ],
          now,
        );
      };
      switch (challenge.purpose) {
        case 'change_password': {
          user.passwordHash = stringField(data, 'passwordHash');
          // A chosen password: an initial one is gone for good, and with it the session's restriction.
          user.passwordExpiresAt = null;
          const revoked = await this.deps.sessions.revokeAllOf(em, user.id, caller.sessionId);
          await em.flush();
          await security('password_changed', { otherSessionsRevoked: revoked });
          break;
        }
        case 'change_email': {
          const previous = user.email;
          user.email = stringField(data, 'newEmail');
          await flushUnique(em, 'this email is already used by another account');
          await security('email_changed', { previous, current: user.email });
          break;
        }
        case 'change_phone': {
          const previous = user.phone ?? null;
          user.phone = stringField(data, 'newPhone');
          await em.flush();
          await security('phone_changed', { previous, current: user.phone });
          break;
        }
        case 'enrol_totp': {
          const replaced = user.totpEnabledAt != null;
          user.totpSecret = stringField(data, 'sealedSecret');
          user.totpEnabledAt = now;
          await em.flush();
          // The notice goes by SMS and e-mail whether the app was set for the first time or replaced.
          await security(replaced ? 'totp_replaced' : 'totp_enrolled', {
            confirmedWith: challenge.destinations.map((d) => d.key),
          });
          break;
        }
        default:
          throw new DomainError(
            'invalid_transition',
            `a ${challenge.purpose} challenge is not a profile change`,
          );
      }
    };
  }

  /** The current password, counted against the per-account password-check limit (429 beyond it). */
  private async checkCurrentPassword(user: User, password: string): Promise<void> {
    if (!(await this.deps.passwords.matches(user, password))) {
      throw new AppError('code_invalid', 'the current password is wrong');
    }
  }

  private async user(userId: string): Promise<User> {
    const user = await this.deps.orm.em.fork().findOne(UserSchema, { id: userId });
    if (!user) throw new DomainError('not_found', 'user not found');
    return user;
  }
}

function requirePhone(user: User): string {
  if (!user.phone) throw fieldError('phone', 'add a phone to your profile first');
  return user.phone;
}

function fieldError(field: string, message: string): DomainError {
  return new DomainError('validation_failed', message, { fieldErrors: { [field]: [message] } });
}

function stringField(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  if (typeof value !== 'string') throw new Error(`challenge data lacks ${key}`);
  return value;
}

async function flushUnique(em: Em, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new DomainError('conflict', message);
    throw error;
  }
}
