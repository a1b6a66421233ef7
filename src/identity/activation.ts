import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { catalog } from '../i18n/index.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import { ActivationTokenSchema } from './activation-token.entity.js';
import { hashPassword } from './password.js';
import { passwordProblems } from './password-policy.js';
import { UserSchema, type User } from './user.entity.js';

export const ACTIVATION_TTL_HOURS = 72;

export interface ActivationDeps {
  orm: Orm;
  sms: SmsProvider;
  email: EmailSender;
  logger: Logger;
  now: () => Date;
  /** The cabinet's address: the link is `<publicUrl>/activate#<secret>`. */
  publicUrl: string;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A new client's first password (issue 12 item 5): once the contracts are recorded as signed, the user gets a
 * one-time link by e-mail and SMS (sent directly, never through a queue: it is a secret), sets a password there, and
 * from then on signs in like everyone else — password and SMS code. The link works once, for 72 hours, and only
 * while the user has no password.
 */
export class AccountActivation {
  constructor(private readonly deps: ActivationDeps) {}

  /** A fresh link for the user, in the caller's transaction (earlier unused links stop working). */
  async issue(em: Em, userId: string): Promise<string> {
    const now = this.deps.now();
    await em.nativeUpdate(ActivationTokenSchema, { userId, usedAt: null }, { usedAt: now });
    const token = randomBytes(32).toString('base64url');
    em.create(ActivationTokenSchema, {
      id: randomUUID(),
      userId,
      tokenHash: hashOf(token),
      expiresAt: new Date(now.getTime() + ACTIVATION_TTL_HOURS * 3_600_000),
      usedAt: null,
      createdAt: now,
    });
    await em.flush();
    return token;
  }

  link(token: string): string {
    return `${this.deps.publicUrl.replace(/\/$/, '')}/activate#${token}`;
  }

  /** Sends the link to the user's e-mail and phone; a channel that fails is logged and the other still goes. */
  async deliver(
    user: Pick<User, 'id' | 'email' | 'phone' | 'fullName' | 'locale'>,
    token: string,
  ): Promise<number> {
    const t = catalog(user.locale).onboarding.activation;
    const url = this.link(token);
    let sent = 0;
    try {
      await this.deps.email.send({ to: user.email, subject: t.subject, text: t.text(user.fullName, url) });
      sent += 1;
    } catch (error) {
      this.deps.logger.error(
        { userId: user.id, err: String(error) },
        'activation: the e-mail could not be sent',
      );
    }
    if (user.phone)
      try {
        await this.deps.sms.send({ to: user.phone, text: t.sms(url) });
        sent += 1;
      } catch (error) {
        this.deps.logger.error(
          { userId: user.id, err: String(error) },
          'activation: the SMS could not be sent',
        );
      }
    return sent;
  }

  /** Sets the first password by the link's secret; the link is spent in the same transaction. */
  async activate(token: string, password: string): Promise<{ userId: string }> {
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    const row = await em.findOne(ActivationTokenSchema, { tokenHash: hashOf(token) });
    const user = row ? await em.findOne(UserSchema, { id: row.userId }) : null;
    if (!row || !user || row.usedAt !== null || row.expiresAt <= now || user.passwordHash || !user.active)
      throw new DomainError('not_found', 'the activation link is not valid: it works once, for 72 hours');
    const problems = passwordProblems(password, [user.email, user.phone ?? '']);
    if (problems.length > 0)
      throw new DomainError('validation_failed', 'the password is not acceptable', {
        fieldErrors: { password: problems },
      });
    const passwordHash = await hashPassword(password);
    await em.transactional(async (tx) => {
      const spent = await tx.nativeUpdate(
        ActivationTokenSchema,
        { id: row.id, usedAt: null },
        { usedAt: now },
      );
      if (spent === 0) throw new DomainError('not_found', 'the activation link has just been used');
      await tx.nativeUpdate(
        UserSchema,
        { id: user.id, passwordHash: null },
        { passwordHash, passwordExpiresAt: null },
      );
      await appendJournal(tx, [
        { action: 'identity.account_activated', actorId: user.id, subjectUserId: user.id, at: now },
      ]);
    });
    return { userId: user.id };
  }
}
