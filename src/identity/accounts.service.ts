import { randomBytes, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { ClientSchema, type Client } from '../clients/client.entity.js';
import { DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { SECURITY_NOTICE_TOPIC } from '../messaging/topics.js';
import type { Role } from '../workflow/domain/roles.js';
import type { Page } from '../workflow/page.js';
import type {
  ClientCreateInput,
  ClientUpdateInput,
  StaffCreateInput,
  StaffUpdateInput,
} from './accounts.schemas.js';
import { initialPasswordExpiry } from './initial-password.js';
import { LINK_TTL_MINUTES, type LinkTokenService } from './link-tokens.js';
import { hashPassword } from './password.js';
import { passwordProblems } from './password-policy.js';
import type { SessionService } from './session.service.js';
import { UserSchema, type User } from './user.entity.js';

export interface StaffView {
  id: string;
  email: string;
  phone: string | null;
  fullName: string;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
}

export interface ClientView {
  id: string;
  kind: string;
  name: string;
  inn: string;
  ogrn: string | null;
  kpp: string | null;
  contractNumber: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  managerId: string | null;
  createdAt: string;
}

export interface ClientUserView {
  id: string;
  email: string;
  phone: string | null;
  fullName: string;
  active: boolean;
}

export interface AccountsDeps {
  orm: Orm;
  sessions: SessionService;
  linkTokens: LinkTokenService;
  /** Clears a person's failed-login streaks when an administrator issues a new password. */
  loginGuard?: { resetFailures(user: { email: string; phone?: string | null }): Promise<void> };
  now: () => Date;
}

/** A random first password, shown once to whoever creates the account (16 URL-safe characters). */
export function generateInitialPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Account administration: staff (with a staff-bot invite) and clients with their first user. Used by the admin
 * API and the CLI bootstrap. Every change is journaled with the acting admin (null from the CLI).
 */
export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  async createStaff(
    input: StaffCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ user: StaffView; initialPassword: string | null; invite: { url: string; expiresAt: Date } }> {
    const password = options.password ?? generateInitialPassword();
    checkPassword(password, [input.email, input.phone]);
    const passwordHash = await hashPassword(password);
    const id = randomUUID();
    const user = await this.write(async (em) => {
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
    }, 'a user with this email already exists');
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
    return this.write(async (em) => {
      const user = await em.findOne(UserSchema, { id, kind: 'staff' });
      if (!user) throw new DomainError('not_found', 'staff member not found');
      if (by === id && (patch.active === false || (patch.roles && !patch.roles.includes('admin')))) {
        throw new DomainError('forbidden', 'an administrator may not lock themselves out');
      }
      const previousPhone = user.phone ?? null;
      if (patch.fullName !== undefined) user.fullName = patch.fullName;
      if (patch.phone !== undefined) user.phone = patch.phone;
      if (patch.roles !== undefined) user.roles = patch.roles;
      if (patch.active !== undefined) user.active = patch.active;
      await em.flush();
      const revoked = patch.active === false ? await this.deps.sessions.revokeAllOf(em, id) : 0;
      if (patch.phone !== undefined && patch.phone !== previousPhone) {
        // Security notices go to the old contact (DESIGN §4), whoever changed it.
        await this.securityNotice(em, user.id, 'phone_changed', by, {
          previous: previousPhone,
          current: user.phone ?? null,
          byAdmin: true,
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
    }, 'a user with this email already exists');
  }

  /**
   * Removes a staff member's authenticator (a lost phone): logins ask for an SMS code again. Journaled with the
   * administrator as the actor; the person gets a security notice. Another administrator must do it for an
   * administrator's own account, so no one lowers their own second factor.
   */
  async resetTotp(id: string, by: string): Promise<StaffView> {
    return this.write(async (em) => {
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
      await this.securityNotice(em, user.id, 'totp_reset', by, { enabledSince });
      return staffView(user);
    }, 'a user with this email already exists');
  }

  /**
   * A new initial password for a person who lost theirs or let the first one lapse (staff or client user): shown
   * once to the administrator, good for 72 hours and one login, every session of the person ended, their
   * failed-login streak cleared; journaled, and the person is told by SMS and e-mail.
   */
  async resetPassword(id: string, by: string): Promise<{ id: string; initialPassword: string }> {
    if (by === id) throw new DomainError('forbidden', 'change your own password with POST /me/password');
    const password = generateInitialPassword();
    const passwordHash = await hashPassword(password);
    const user = await this.write(async (em) => {
      const found = await em.findOne(UserSchema, { id });
      if (!found) throw new DomainError('not_found', 'user not found');
      found.passwordHash = passwordHash;
      found.passwordExpiresAt = initialPasswordExpiry(this.deps.now());
      await em.flush();
      const ended = await this.deps.sessions.revokeAllOf(em, id);
      await this.securityNotice(em, id, 'password_reset', by, { sessionsEnded: ended });
      return found;
    }, 'the password could not be reset');
    await this.deps.loginGuard?.resetFailures(user);
    return { id, initialPassword: password };
  }

  /** A `user.<kind>` journal entry (the acting administrator as actor) and its security notice, in `em`'s transaction. */
  private async securityNotice(
    em: Em,
    userId: string,
    kind: 'phone_changed' | 'totp_reset' | 'password_reset',
    by: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    const now = this.deps.now();
    const [entry] = await appendJournal(em, [
      { action: `user.${kind}`, actorId: by, subjectUserId: userId, at: now, data },
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
      now,
    );
  }

  async createClient(
    input: ClientCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ client: ClientView; user: ClientUserView; initialPassword: string | null }> {
    const password = options.password ?? generateInitialPassword();
    checkPassword(password, [input.user.email, input.user.phone]);
    const passwordHash = await hashPassword(password);
    const clientId = randomUUID();
    const userId = randomUUID();
    const { client, user } = await this.write(async (em) => {
      if (input.managerId) await requireManager(em, input.managerId);
      const client = em.create(ClientSchema, {
        id: clientId,
        kind: input.kind,
        name: input.name,
        inn: input.inn,
        ogrn: input.ogrn ?? null,
        kpp: input.kpp ?? null,
        contractNumber: input.contractNumber,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        managerId: input.managerId ?? null,
      });
      // The client first: users reference it.
      await em.flush();
      const user = em.create(UserSchema, {
        id: userId,
        kind: 'client',
        email: input.user.email,
        phone: input.user.phone,
        fullName: input.user.fullName,
        passwordHash,
        passwordExpiresAt: initialPasswordExpiry(this.deps.now()),
        roles: ['client'],
        clientId,
      });
      await em.flush();
      await appendJournal(em, [
        {
          action: 'admin.client_created',
          actorId: by,
          subjectUserId: userId,
          at: this.deps.now(),
          data: { clientId, kind: input.kind },
        },
      ]);
      return { client, user };
    }, 'a client with this INN or contract number, or a user with this email, already exists');
    return {
      client: clientView(client),
      user: clientUserView(user),
      initialPassword: options.password === undefined ? password : null,
    };
  }

  async listClients(page = 1, pageSize = 50): Promise<Page<ClientView>> {
    const [rows, total] = await this.deps.orm.em
      .fork()
      .findAndCount(
        ClientSchema,
        {},
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
      );
    return { items: rows.map(clientView), page, pageSize, total };
  }

  async updateClient(id: string, patch: ClientUpdateInput, by: string | null): Promise<ClientView> {
    return this.write(async (em) => {
      const client = await em.findOne(ClientSchema, { id });
      if (!client) throw new DomainError('not_found', 'client not found');
      if (patch.managerId) await requireManager(em, patch.managerId);
      if (patch.name !== undefined) client.name = patch.name;
      if (patch.email !== undefined) client.email = patch.email;
      if (patch.phone !== undefined) client.phone = patch.phone;
      if (patch.address !== undefined) client.address = patch.address;
      const previousManagerId = client.managerId ?? null;
      if (patch.managerId !== undefined) client.managerId = patch.managerId;
      await em.flush();
      const at = this.deps.now();
      const reassigned = patch.managerId !== undefined && patch.managerId !== previousManagerId;
      await appendJournal(em, [
        {
          action: 'admin.client_updated',
          actorId: by,
          at,
          data: { clientId: id, changed: Object.keys(patch) },
        },
        // The manager owns the client's requests from now on (DESIGN §14): who moved them, from whom, to whom.
        ...(reassigned
          ? [
              {
                action: 'client.manager_reassigned',
                actorId: by,
                at,
                data: { clientId: id, from: previousManagerId, to: patch.managerId ?? null },
              },
            ]
          : []),
      ]);
      return clientView(client);
    }, 'the change conflicts with another client');
  }

  private async write<T>(work: (em: Em) => Promise<T>, conflictMessage: string): Promise<T> {
    try {
      return await this.deps.orm.em.fork().transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError('conflict', conflictMessage);
      throw error;
    }
  }
}

function checkPassword(password: string, personal: string[]): void {
  const problems = passwordProblems(password, personal);
  if (problems.length > 0) {
    throw new DomainError('validation_failed', 'the password is not acceptable', {
      fieldErrors: { password: problems },
    });
  }
}

async function requireManager(em: Em, managerId: string): Promise<void> {
  const manager = await em.findOne(UserSchema, { id: managerId, kind: 'staff', active: true });
  if (!manager?.roles.includes('client_manager')) {
    throw new DomainError('validation_failed', 'the manager must be an active client manager', {
      fieldErrors: { managerId: ['not an active client manager'] },
    });
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
    createdAt: user.createdAt.toISOString(),
  };
}

export function clientView(client: Client): ClientView {
  return {
    id: client.id,
    kind: client.kind,
    name: client.name,
    inn: client.inn,
    ogrn: client.ogrn ?? null,
    kpp: client.kpp ?? null,
    contractNumber: client.contractNumber,
    email: client.email ?? null,
    phone: client.phone ?? null,
    address: client.address ?? null,
    managerId: client.managerId ?? null,
    createdAt: client.createdAt.toISOString(),
  };
}

function clientUserView(user: User): ClientUserView {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone ?? null,
    fullName: user.fullName,
    active: user.active,
  };
}
