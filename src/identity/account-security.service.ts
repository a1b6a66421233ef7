import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { SECURITY_NOTICE_TOPIC } from '../messaging/topics.js';
import { accountTransaction } from './account-transaction.js';
import { generateInitialPassword, initialPasswordExpiry } from './initial-password.js';
import { hashPassword } from './password.js';
import type { SessionService } from './session.service.js';
import { UserSchema } from './user.entity.js';

/** What an administrator changed about someone's way in: the person gets a security notice about it. */
export type AdminSecurityChange = 'phone_changed' | 'totp_reset' | 'password_reset';

/**
 * A `user.<kind>` journal entry (the acting administrator as actor) and its security notice, in `em`'s
 * transaction.
 */
export async function journalSecurityNotice(
  em: Em,
  notice: {
    userId: string;
    kind: AdminSecurityChange;
    by: string | null;
    data: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  const { userId, kind, by, data, at } = notice;
  const [entry] = await appendJournal(em, [
    { action: `user.${kind}`, actorId: by, subjectUserId: userId, at, data },
  ]);
  enqueueOutbox(
    em,
    [
      {
        topic: SECURITY_NOTICE_TOPIC,
        requestId: null,
        payload: { userId, kind, journalEntryId: entry?.id ?? null },
      },
    ],
    at,
  );
}

export interface AccountSecurityDeps {
  orm: Orm;
  sessions: SessionService;
  /** Clears a person's failed-login streaks when an administrator issues a new password. */
  loginGuard?: { resetFailures(user: { email: string; phone?: string | null }): Promise<void> };
  now: () => Date;
}

/** An administrator's help with anyone's way in, staff or client user alike. */
export class AccountSecurityService {
  constructor(private readonly deps: AccountSecurityDeps) {}

  /**
   * A new initial password for a person who lost theirs or let the first one lapse (staff or client user): shown
   * once to the administrator, good for 72 hours and one login, every session of the person ended, their
   * failed-login streak cleared; journaled, and the person is told by SMS and e-mail.
   */
  async resetPassword(id: string, by: string): Promise<{ id: string; initialPassword: string }> {
    if (by === id) throw new DomainError('forbidden', 'change your own password with POST /me/password');
    const password = generateInitialPassword();
    const passwordHash = await hashPassword(password);
    const user = await accountTransaction(
      this.deps.orm,
      async (em) => {
        const found = await em.findOne(UserSchema, { id });
        if (!found) throw new DomainError('not_found', 'user not found');
        found.passwordHash = passwordHash;
        found.passwordExpiresAt = initialPasswordExpiry(this.deps.now());
        await em.flush();
        const ended = await this.deps.sessions.revokeAllOf(em, id);
        await journalSecurityNotice(em, {
          userId: id,
          kind: 'password_reset',
          by,
          data: { sessionsEnded: ended },
          at: this.deps.now(),
        });
        return found;
      },
      'the password could not be reset',
    );
    await this.deps.loginGuard?.resetFailures(user);
    return { id, initialPassword: password };
  }
}
