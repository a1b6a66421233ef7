import { enqueueOutbox } from '../messaging/outbox.js';
import { BACKOFFICE_EXPORT_TOPIC } from '../messaging/topics.js';
import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { likeEscaped } from '../db/like.js';
import { ClientSchema, type Client } from '../clients/client.entity.js';
import { DomainError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import type { Page } from '../workflow/page.js';
import { accountTransaction } from './account-transaction.js';
import type { ClientCreateInput, ClientUpdateInput } from './accounts.schemas.js';
import { checkInitialPassword, generateInitialPassword, initialPasswordExpiry } from './initial-password.js';
import { hashPassword } from './password.js';
import type { SessionService } from './session.service.js';
import { UserSchema, type User } from './user.entity.js';
import { fullNames } from '../db/user-names.js';
import { TelegramLinkSchema } from '../telegram/telegram-link.entity.js';

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

/** A client's user as the administrator's list shows them: whether Telegram is linked, not to which chat. */
export interface ClientUserListView extends ClientUserView {
  telegramLinked: boolean;
}

/** A client in the administrator's list: its manager by name and its users. */
export interface ClientListItem extends ClientView {
  managerName: string | null;
  users: ClientUserListView[];
}

export interface ClientAccountsDeps {
  orm: Orm;
  sessions: SessionService;
  now: () => Date;
}

/**
 * Clients with their first user, and changes to a client (its contacts, its manager). Every change is journaled
 * with the acting administrator (null from the CLI).
 */
export class ClientAccountsService {
  constructor(private readonly deps: ClientAccountsDeps) {}

  async createClient(
    input: ClientCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ client: ClientView; user: ClientUserView; initialPassword: string | null }> {
    const password = options.password ?? generateInitialPassword();
    checkInitialPassword(password, [input.user.email, input.user.phone]);
    const passwordHash = await hashPassword(password);
    const clientId = randomUUID();
    const userId = randomUUID();
    const { client, user } = await accountTransaction(
      this.deps.orm,
      async (em) => {
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
        // The back office opens its own record of the client (docs/0023), or nothing if this rolls back.
        enqueueOutbox(
          em,
          [{ topic: BACKOFFICE_EXPORT_TOPIC, payload: { kind: 'client_created', clientId } }],
          this.deps.now(),
        );
        return { client, user };
      },
      'a client with this INN or contract number, or a user with this email, already exists',
    );
    return {
      client: clientView(client),
      user: clientUserView(user),
      initialPassword: options.password === undefined ? password : null,
    };
  }

  /**
   * Clients, oldest first, each with its manager's name and its users (and whether their Telegram is linked), in
   * three queries whatever the page size. `q` narrows by name, INN or contract number (any part, any case).
   */
  async listClients(page = 1, pageSize = 50, q?: string): Promise<Page<ClientListItem>> {
    const em = this.deps.orm.em.fork();
    const pattern = q ? `%${likeEscaped(q)}%` : undefined;
    const where = pattern
      ? {
          $or: [
            { name: { $ilike: pattern } },
            { inn: { $ilike: pattern } },
            { contractNumber: { $ilike: pattern } },
          ],
        }
      : {};
    const [rows, total] = await em.findAndCount(ClientSchema, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const ids = rows.map((row) => row.id);
    const users = ids.length
      ? await em.find(UserSchema, { clientId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } })
      : [];
    const linked = users.length
      ? new Set(
          (
            await em.find(
              TelegramLinkSchema,
              { userId: { $in: users.map((u) => u.id) }, bot: 'client', status: { $ne: 'unlinked' } },
              { fields: ['userId'] },
            )
          ).map((link) => link.userId),
        )
      : new Set<string>();
    const managers = await fullNames(
      em,
      rows.map((row) => row.managerId),
    );
    return {
      items: rows.map((row) => ({
        ...clientView(row),
        managerName: row.managerId ? (managers.get(row.managerId) ?? null) : null,
        users: users
          .filter((user) => user.clientId === row.id)
          .map((user) => ({ ...clientUserView(user), telegramLinked: linked.has(user.id) })),
      })),
      page,
      pageSize,
      total,
    };
  }

  /** Locks or unlocks a client's user; locking ends every session of theirs. Journaled. */
  async setClientUserActive(id: string, active: boolean, by: string): Promise<ClientUserView> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      const user = await em.findOne(UserSchema, { id, kind: 'client' });
      if (!user) throw new DomainError('not_found', 'client user not found');
      user.active = active;
      await em.flush();
      const revoked = active ? 0 : await this.deps.sessions.revokeAllOf(em, id);
      await appendJournal(em, [
        {
          action: 'admin.user_updated',
          actorId: by,
          subjectUserId: id,
          at: this.deps.now(),
          data: { clientId: user.clientId ?? null, active, sessionsRevoked: revoked },
        },
      ]);
      return clientUserView(user);
    });
  }

  async updateClient(id: string, patch: ClientUpdateInput, by: string | null): Promise<ClientView> {
    return accountTransaction(
      this.deps.orm,
      async (em) => {
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
      },
      'the change conflicts with another client',
    );
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
