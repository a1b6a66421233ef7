import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import type { Role } from '../workflow/domain/roles.js';
import type { Page } from '../workflow/page.js';
import { journalSecurityNotice } from './account-security.service.js';
import { accountTransaction } from './account-transaction.js';
import type { StaffCreateInput, StaffUpdateInput } from './accounts.schemas.js';
import { checkInitialPassword, generateInitialPassword, initialPasswordExpiry } from './initial-password.js';
import { LINK_TTL_MINUTES, type LinkTokenService } from './link-tokens.js';
import { hashPassword } from './password.js';
import type { SessionService } from './session.service.js';
import { TelegramLinkTokenSchema } from './telegram-link-token.entity.js';
import { UserSchema, type User } from './user.entity.js';

export interface StaffView {
  id: string;
  email: string;
  phone: string | null;
  fullName: string;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  /** An administrator requires an authenticator: until one is enrolled, a session opens only the enrolment. */
  totpRequired: boolean;
  createdAt: string;
}

export interface StaffAccountsDeps {
  orm: Orm;
  sessions: SessionService;
  linkTokens: LinkTokenService;
  now: () => Date;
}

/** The one conflict a staff change can run into (the e-mail is the login). */
const EMAIL_TAKEN = 'a user with this email already exists';

/**
 * Staff accounts: created with a staff-bot invite, their roles and contacts changed, locked, their authenticator
 * removed. Every change is journaled with the acting administrator (null from the CLI).
 */
export class StaffAccountsService {
  constructor(private readonly deps: StaffAccountsDeps) {}

  async createStaff(
    input: StaffCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ user: StaffView; initialPassword: string | null; invite: { url: string; expiresAt: Date } }> {
    const password = options.password ?? generateInitialPassword();
    checkInitialPassword(password, [input.email, input.phone]);
    const passwordHash = await hashPassword(password);
    const id = randomUUID();
    const user = await accountTransaction(
      this.deps.orm,
      async (em) => {
        const created = em.create(UserSchema, {
          id,
          kind: 'staff',
          email: input.email,
          phone: input.phone,
          fullName: input.fullName,
          passwordHash,
          passwordExpiresAt: initialPasswordExpiry(this.deps.now()),
          roles: input.roles,
          clientId: null,
        });
        await em.flush();
        await appendJournal(em, [
          {
            action: 'admin.staff_created',
            actorId: by,
            subjectUserId: id,
            at: this.deps.now(),
            data: { roles: input.roles },
          },
        ]);
        return created;
      },
      EMAIL_TAKEN,
    );
    const invite = await this.deps.linkTokens.create({
      purpose: 'staff_invite',
      userId: id,
      createdBy: by,
      ttlMinutes: LINK_TTL_MINUTES.invite,
    });
    return {
      user: staffView(user),
      initialPassword: options.password === undefined ? password : null,
      invite,
    };
  }

  async listStaff(page = 1, pageSize = 50): Promise<Page<StaffView>> {
    const [rows, total] = await this.deps.orm.em
      .fork()
      .findAndCount(
        UserSchema,
        { kind: 'staff' },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
      );
    return { items: rows.map(staffView), page, pageSize, total };
  }

  async updateStaff(id: string, patch: StaffUpdateInput, by: string | null): Promise<StaffView> {
    return accountTransaction(
      this.deps.orm,
      async (em) => {
        const user = await em.findOne(UserSchema, { id, kind: 'staff' });
        if (!user) throw new DomainError('not_found', 'staff member not found');
        if (by === id && (patch.active === false || (patch.roles && !patch.roles.includes('admin')))) {
          throw new DomainError('forbidden', 'an administrator may not lock themselves out');
        }
        if (by === id && patch.totpRequired === false && user.totpRequired) {
          throw new DomainError(
            'forbidden',
            'another administrator lifts your own authenticator requirement',
          );
        }
        const previousPhone = user.phone ?? null;
        if (patch.fullName !== undefined) user.fullName = patch.fullName;
        if (patch.phone !== undefined) user.phone = patch.phone;
        if (patch.roles !== undefined) user.roles = patch.roles;
        if (patch.active !== undefined) user.active = patch.active;
        if (patch.totpRequired !== undefined) user.totpRequired = patch.totpRequired;
        await em.flush();
        const revoked = patch.active === false ? await this.deps.sessions.revokeAllOf(em, id) : 0;
        if (patch.phone !== undefined && patch.phone !== previousPhone) {
          // Security notices go to the old contact (DESIGN §4), whoever changed it.
          await journalSecurityNotice(em, {
            userId: user.id,
            kind: 'phone_changed',
            by,
            data: { previous: previousPhone, current: user.phone ?? null, byAdmin: true },
            at: this.deps.now(),
          });
        }
        await appendJournal(em, [
          {
            action: 'admin.staff_updated',
            actorId: by,
            subjectUserId: id,
            at: this.deps.now(),
            data: {
              changed: Object.keys(patch),
              roles: user.roles,
              active: user.active,
              sessionsRevoked: revoked,
            },
          },
        ]);
        return staffView(user);
      },
      EMAIL_TAKEN,
    );
  }

  /**
   * A new staff-bot invite (the first was lost or ran out): every earlier unused invite of the person stops working
   * in the same transaction, so only the newest link links a chat. Refused for a locked account. Journaled.
   */
  async resendInvite(id: string, by: string): Promise<{ url: string; expiresAt: Date }> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      const user = await em.findOne(
        UserSchema,
        { id, kind: 'staff' },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!user) throw new DomainError('not_found', 'staff member not found');
      if (!user.active) throw new DomainError('conflict', 'the account is locked: unlock it before inviting');
      const now = this.deps.now();
      const voided = await em.nativeUpdate(
        TelegramLinkTokenSchema,
        { userId: id, purpose: 'staff_invite', usedAt: null, expiresAt: { $gt: now } },
        { expiresAt: now },
      );
      const invite = await this.deps.linkTokens.create(
        { purpose: 'staff_invite', userId: id, createdBy: by, ttlMinutes: LINK_TTL_MINUTES.invite },
        em,
      );
      await appendJournal(em, [
        { action: 'admin.staff_invited', actorId: by, subjectUserId: id, at: now, data: { voided } },
      ]);
      return invite;
    });
  }

  /**
   * Removes a staff member's authenticator (a lost phone): logins ask for an SMS code again. Journaled with the
   * administrator as the actor; the person gets a security notice. Another administrator must do it for an
   * administrator's own account, so no one lowers their own second factor.
   */
  async resetTotp(id: string, by: string): Promise<StaffView> {
    return accountTransaction(
      this.deps.orm,
      async (em) => {
        const user = await em.findOne(UserSchema, { id, kind: 'staff' });
        if (!user) throw new DomainError('not_found', 'staff member not found');
        if (by === id)
          throw new DomainError('forbidden', 'another administrator resets your own authenticator');
        if (!user.totpSecret && !user.totpEnabledAt)
          throw new DomainError('conflict', 'this staff member has no authenticator');
        const enabledSince = user.totpEnabledAt ?? null;
        user.totpSecret = null;
        user.totpEnabledAt = null;
        await em.flush();
        // A lost phone may hold a signed-in session: the person signs in again, by SMS now.
        const sessionsEnded = await this.deps.sessions.revokeAllOf(em, user.id);
        await journalSecurityNotice(em, {
          userId: user.id,
          kind: 'totp_reset',
          by,
          data: { enabledSince, sessionsEnded },
          at: this.deps.now(),
        });
        return staffView(user);
      },
      EMAIL_TAKEN,
    );
  }
}

export function staffView(user: User): StaffView {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone ?? null,
    fullName: user.fullName,
    roles: [...user.roles],
    active: user.active,
    totpEnabled: user.totpEnabledAt != null,
    totpRequired: user.totpRequired,
    createdAt: user.createdAt.toISOString(),
  };
}
