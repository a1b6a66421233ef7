import { BACKOFFICE_EXPORT_STUCK_TOPIC, SECURITY_NOTICE_TOPIC } from '../messaging/topics.js';
import type { Em } from '../db/orm.js';
import { ClientSchema } from '../clients/client.entity.js';
import { UserSchema, type User } from '../identity/user.entity.js';
import { RoleChatSchema, type RoleChat } from '../telegram/role-chat.entity.js';
import { TelegramLinkSchema, type TelegramBot, type TelegramLink } from '../telegram/telegram-link.entity.js';
import { isTaskRole } from './payload.js';
import { RequestSchema, type RequestRow } from '../workflow/request.entity.js';
import type { TaskRole } from '../workflow/domain/roles.js';
import type { Channel, RecipientKind } from './delivery.entity.js';
import type { OutboxMessage } from '../messaging/outbox.entity.js';

/** One planned delivery; `skip` makes it a `skipped` row (with a journal note) instead of a queued one. */
export interface PlannedDelivery {
  channel: Channel;
  recipientKind: RecipientKind;
  recipientKey: string;
  recipientUserId: string | null;
  recipientRole: TaskRole | null;
  bot: TelegramBot | null;
  priority: 'urgent' | 'normal';
  skip?: 'channel_off' | 'muted' | 'no_role_chat';
}

export interface RecipientSettings {
  /** Bots with a token; Telegram deliveries through a bot without one are skipped. */
  bots: ReadonlySet<TelegramBot>;
  now: Date;
}

/**
 * Who gets what (DESIGN §6). Resolves people and chats, not addresses: chat ids, emails and phones are read
 * again at delivery time, so a changed contact is honoured and the deliveries table holds no personal data.
 */
export async function planDeliveries(
  em: Em,
  message: OutboxMessage,
  settings: RecipientSettings,
  lookups: RecipientLookups = new RecipientLookups(em),
): Promise<PlannedDelivery[]> {
  const payload = message.payload;
  const plan = new Planner(lookups, settings);
  switch (message.topic) {
    case 'request_submitted': {
      const request = await plan.request(message.requestId);
      await plan.roleChat('client_manager');
      await plan.staff(await plan.clientManagerOf(request?.clientId), ['telegram', 'inapp']);
      break;
    }
    case 'task_created': {
      if (isTaskRole(payload.role)) await plan.roleChat(payload.role);
      break;
    }
    case 'task_overdue': {
      const request = await plan.request(message.requestId);
      if (isTaskRole(payload.role)) await plan.roleChat(payload.role);
      const manager = request?.reviewerId ?? (await plan.clientManagerOf(request?.clientId));
      await plan.staff(manager, ['telegram', 'inapp']);
      break;
    }
    case 'task_rejected':
    case 'request_cancelled': {
      const request = await plan.request(message.requestId);
      const manager = request?.reviewerId ?? (await plan.clientManagerOf(request?.clientId));
      await plan.staff(manager, ['telegram', 'inapp']);
      break;
    }
    case 'request_returned':
    case 'request_rejected':
    case 'request_completed': {
      const request = await plan.request(message.requestId);
      if (request) await plan.clientUsers(request.clientId, ['telegram', 'email', 'inapp']);
      break;
    }
    case BACKOFFICE_EXPORT_STUCK_TOPIC: {
      // An export the back office left unanswered or refused: its chat, and each of its people in the cabinet.
      await plan.roleChat('back_office');
      await plan.roleStaff('back_office', ['inapp']);
      break;
    }
    case SECURITY_NOTICE_TOPIC: {
      // Addresses (the old contact) are resolved at delivery time from the journal entry the payload names.
      if (typeof payload.userId === 'string') plan.securityNotice(payload.userId);
      break;
    }
    default:
      // signature_required: identity sends the code SMS itself. Unknown topics reach nobody.
      break;
  }
  return plan.deliveries;
}

/**
 * The reads planning needs, loaded for a whole relay batch in a few queries (and remembered within it), so a
 * burst of outbox rows does not cost a handful of queries per row.
 */
export class RecipientLookups {
  private readonly requests = new Map<string, RequestRow | null>();
  private readonly managers = new Map<string, string | null>();
  private readonly usersById = new Map<string, User | null>();
  private readonly usersByClient = new Map<string, User[]>();
  private readonly links = new Map<string, TelegramLink | null>();
  private readonly roleChats = new Map<TaskRole, RoleChat | null>();

  constructor(private readonly em: Em) {}

  /** Loads what the given outbox rows will ask for. */
  async preload(messages: readonly OutboxMessage[]): Promise<void> {
    const requestIds = [...new Set(messages.map((m) => m.requestId).filter((id): id is string => !!id))];
    if (requestIds.length === 0) return;
    const requests = await this.em.find(RequestSchema, { id: { $in: requestIds } });
    for (const request of requests) this.requests.set(request.id, request);
    const clientIds = [...new Set(requests.map((r) => r.clientId))];
    const clients = await this.em.find(ClientSchema, { id: { $in: clientIds } });
    for (const client of clients) this.managers.set(client.id, client.managerId ?? null);
    const users = await this.em.find(
      UserSchema,
      { clientId: { $in: clientIds }, active: true },
      { orderBy: { createdAt: 'asc' } },
    );
    for (const clientId of clientIds)
      this.usersByClient.set(
        clientId,
        users.filter((u) => u.clientId === clientId),
      );
    const people = [
      ...users.map((u) => u.id),
      ...clients.map((c) => c.managerId).filter((id): id is string => !!id),
    ];
    const links = await this.em.find(TelegramLinkSchema, { userId: { $in: people }, status: 'active' });
    for (const userId of people)
      for (const bot of ['client', 'staff'] as const) this.links.set(`${userId}:${bot}`, null);
    for (const link of links) this.links.set(`${link.userId}:${link.bot}`, link);
  }

  async request(id: string | null | undefined): Promise<RequestRow | null> {
    if (!id) return null;
    if (!this.requests.has(id)) this.requests.set(id, await this.em.findOne(RequestSchema, { id }));
    return this.requests.get(id) ?? null;
  }

  async managerOf(clientId: string): Promise<string | null> {
    if (!this.managers.has(clientId))
      this.managers.set(clientId, (await this.em.findOne(ClientSchema, { id: clientId }))?.managerId ?? null);
    return this.managers.get(clientId) ?? null;
  }

  async activeUser(id: string): Promise<User | null> {
    if (!this.usersById.has(id))
      this.usersById.set(id, await this.em.findOne(UserSchema, { id, active: true }));
    return this.usersById.get(id) ?? null;
  }

  async clientUsers(clientId: string): Promise<User[]> {
    const cached = this.usersByClient.get(clientId);
    if (cached) return cached;
    const users = await this.em.find(
      UserSchema,
      { clientId, active: true },
      { orderBy: { createdAt: 'asc' } },
    );
    this.usersByClient.set(clientId, users);
    return users;
  }

  async activeLink(userId: string, bot: TelegramBot): Promise<TelegramLink | null> {
    const key = `${userId}:${bot}`;
    if (!this.links.has(key))
      this.links.set(key, await this.em.findOne(TelegramLinkSchema, { userId, bot, status: 'active' }));
    return this.links.get(key) ?? null;
  }

  /** The active staff holding a role (for a role's in-app notices), in two queries however many there are. */
  async roleStaff(role: TaskRole): Promise<User[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from users where kind = 'staff' and active = true and ? = any(roles)`,
      [role],
    );
    if (rows.length === 0) return [];
    const users = await this.em.find(
      UserSchema,
      { id: { $in: rows.map((row) => row.id) }, active: true },
      { orderBy: { createdAt: 'asc' } },
    );
    for (const user of users) this.usersById.set(user.id, user);
    return users;
  }

  async roleChat(role: TaskRole): Promise<RoleChat | null> {
    if (!this.roleChats.has(role)) this.roleChats.set(role, await this.em.findOne(RoleChatSchema, { role }));
    return this.roleChats.get(role) ?? null;
  }
}

class Planner {
  readonly deliveries: PlannedDelivery[] = [];
  constructor(
    private readonly lookups: RecipientLookups,
    private readonly settings: RecipientSettings,
  ) {}

  request(requestId: string | null | undefined) {
    return this.lookups.request(requestId);
  }

  async clientManagerOf(clientId: string | undefined): Promise<string | null> {
    return clientId ? this.lookups.managerOf(clientId) : null;
  }

  async roleChat(role: TaskRole): Promise<void> {
    const chat = await this.lookups.roleChat(role);
    const skip = !this.settings.bots.has('staff') ? 'channel_off' : chat ? undefined : 'no_role_chat';
    this.deliveries.push({
      channel: 'telegram',
      recipientKind: 'role_chat',
      recipientKey: `role:${role}`,
      recipientUserId: null,
      recipientRole: role,
      bot: 'staff',
      priority: 'normal',
      ...(skip ? { skip } : {}),
    });
  }

  async staff(userId: string | null, channels: Channel[]): Promise<void> {
    if (!userId) return;
    const user = await this.lookups.activeUser(userId);
    if (user) await this.person(user, channels);
  }

  async roleStaff(role: TaskRole, channels: Channel[]): Promise<void> {
    for (const user of await this.lookups.roleStaff(role)) await this.person(user, channels);
  }

  async clientUsers(clientId: string, channels: Channel[]): Promise<void> {
    for (const user of await this.lookups.clientUsers(clientId)) await this.person(user, channels);
  }

  securityNotice(userId: string): void {
    for (const channel of ['email', 'sms'] as const) this.add(channel, userId, null, 'urgent');
  }

  private async person(user: User, channels: Channel[]): Promise<void> {
    for (const channel of channels) {
      if (channel !== 'telegram') {
        this.add(channel, user.id, null, 'normal');
        continue;
      }
      const bot: TelegramBot = user.kind === 'client' ? 'client' : 'staff';
      const link = await this.lookups.activeLink(user.id, bot);
      // No linked chat: Telegram is simply not one of this person's channels.
      if (!link) continue;
      const muted =
        link.mutedUntil !== null && link.mutedUntil !== undefined && link.mutedUntil > this.settings.now;
      const skip = !this.settings.bots.has(bot) ? 'channel_off' : muted ? 'muted' : undefined;
      this.add('telegram', user.id, bot, 'normal', skip);
    }
  }

  private add(
    channel: Channel,
    userId: string,
    bot: TelegramBot | null,
    priority: 'urgent' | 'normal',
    skip?: PlannedDelivery['skip'],
  ): void {
    this.deliveries.push({
      channel,
      recipientKind: 'user',
      recipientKey: `user:${userId}`,
      recipientUserId: userId,
      recipientRole: null,
      bot,
      priority,
      ...(skip ? { skip } : {}),
    });
  }
}
