import type { Em } from '../db/orm.js';
import { mintUnlinkUrl } from '../identity/telegram-unlink.js';
import { UserSchema, type User } from '../identity/user.entity.js';
import { JournalEntrySchema } from '../journal/journal.entity.js';
import { RoleChatSchema } from '../telegram/role-chat.entity.js';
import { TelegramLinkSchema, type TelegramBot } from '../telegram/telegram-link.entity.js';
import { findTaskDefinition } from '../workflow/domain/process-plan.js';
import type { RequestStatus } from '../workflow/domain/status.js';
import { getRequestType } from '../workflow/domain/types/index.js';
import { RequestSchema } from '../workflow/request.entity.js';
import { TaskSchema } from '../workflow/task.entity.js';
import { DeliveryError } from '../messaging/channels.js';
import type { Channel, RecipientKind } from './delivery.entity.js';
import { isTaskRole, numberField, stringField } from './payload.js';
import { BACKOFFICE_EXPORT_STUCK_TOPIC, SECURITY_NOTICE_TOPIC } from '../messaging/topics.js';
import { BackofficeExportSchema } from '../backoffice/export.entity.js';
import {
  NOTICE_TOPICS,
  SECURITY_KINDS,
  templatesFor,
  type ExchangeAlertContext,
  type NoticeContext,
  type NoticeTopic,
  type SecurityContext,
  type SecurityKind,
} from './templates/index.js';
import type { TelegramCard } from './telegram-card.js';

/** A message ready for its channel. `skip` ends the delivery as `skipped` (no link any more, no phone). */
export type Outgoing =
  | { kind: 'telegram'; bot: TelegramBot; chatId: string; card: TelegramCard }
  | { kind: 'email'; to: string; subject: string; text: string }
  | { kind: 'sms'; to: string; text: string }
  | { kind: 'inapp'; userId: string; title: string; body: string }
  | { kind: 'skip'; reason: string };

/** The delivery row as the executor claimed it (plain data, not an ORM entity). */
export interface DeliveryRecord {
  id: string;
  outboxId: string;
  requestId: string | null;
  topic: string;
  channel: Channel;
  recipientKind: RecipientKind;
  recipientKey: string;
  recipientUserId: string | null;
  recipientRole: string | null;
  bot: string | null;
  deferrals: number;
}

/** The outbox row the delivery came from. */
export interface OutboxRecord {
  id: string;
  topic: string;
  requestId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface PrepareOptions {
  publicUrl: string;
  strict: boolean;
  now: Date;
}

/** The status a notice speaks of: the one the event produced, not wherever the request is by now. */
const TOPIC_STATUS: Readonly<Record<NoticeTopic, RequestStatus>> = {
  request_submitted: 'submitted',
  task_created: 'in_progress',
  task_overdue: 'in_progress',
  task_rejected: 'in_review',
  request_returned: 'returned',
  request_rejected: 'rejected',
  request_cancelled: 'cancelled',
  request_completed: 'completed',
};

function isNoticeTopic(topic: string): topic is NoticeTopic {
  return (NOTICE_TOPICS as readonly string[]).includes(topic);
}

function isSecurityKind(kind: unknown): kind is SecurityKind {
  return typeof kind === 'string' && (SECURITY_KINDS as readonly string[]).includes(kind);
}

/**
 * Resolves the recipient's address and language and renders the texts, at delivery time. Throws a permanent
 * DeliveryError when the notice cannot be built (its request is gone, an unknown topic).
 */
export async function prepareOutgoing(
  em: Em,
  delivery: DeliveryRecord,
  outbox: OutboxRecord,
  options: PrepareOptions,
): Promise<Outgoing> {
  const user = delivery.recipientUserId
    ? await em.findOne(UserSchema, { id: delivery.recipientUserId })
    : null;
  if (delivery.recipientKind === 'user' && (!user || !user.active))
    return { kind: 'skip', reason: 'no_user' };

  if (outbox.topic === SECURITY_NOTICE_TOPIC) {
    if (!user) return { kind: 'skip', reason: 'no_user' };
    return securityOutgoing(em, delivery, outbox, user, options);
  }
  if (outbox.topic === BACKOFFICE_EXPORT_STUCK_TOPIC)
    return exchangeAlertOutgoing(em, delivery, outbox, user, options);
  if (!isNoticeTopic(outbox.topic))
    throw new DeliveryError(`no template for ${outbox.topic}`, { permanent: true });

  const { locale, t } = templatesFor(user?.locale ?? 'ru');
  const context = await noticeContext(em, outbox, outbox.topic, locale, options.publicUrl);
  const templates = t.events[outbox.topic];
  switch (delivery.channel) {
    case 'telegram': {
      const target = await telegramTarget(em, delivery, options.now);
      if ('skip' in target) return { kind: 'skip', reason: target.skip };
      const text = options.strict ? t.strictTelegram(context) : templates.telegram(context);
      const payload = outbox.payload;
      const card: TelegramCard = {
        deliveryId: delivery.id,
        topic: outbox.topic,
        requestId: outbox.requestId,
        role: isTaskRole(payload.role) ? payload.role : null,
        taskKey: stringField(payload, 'taskKey') ?? null,
        recipient: delivery.recipientKind === 'role_chat' ? 'role_chat' : 'dm',
        bot: target.bot,
        locale,
        strict: options.strict,
        text,
      };
      return { kind: 'telegram', bot: target.bot, chatId: target.chatId, card };
    }
    case 'email': {
      if (!user) return { kind: 'skip', reason: 'no_user' };
      return { kind: 'email', to: user.email, ...templates.email(context) };
    }
    case 'sms': {
      if (!user?.phone) return { kind: 'skip', reason: 'no_phone' };
      return { kind: 'sms', to: user.phone, text: templates.sms(context) };
    }
    case 'inapp': {
      if (!user) return { kind: 'skip', reason: 'no_user' };
      return { kind: 'inapp', userId: user.id, ...templates.inapp(context) };
    }
  }
}

async function telegramTarget(
  em: Em,
  delivery: DeliveryRecord,
  now: Date,
): Promise<{ bot: TelegramBot; chatId: string } | { skip: string }> {
  if (delivery.recipientKind === 'role_chat') {
    if (!isTaskRole(delivery.recipientRole)) return { skip: 'no_role_chat' };
    const chat = await em.findOne(RoleChatSchema, { role: delivery.recipientRole });
    return chat ? { bot: 'staff', chatId: chat.chatId } : { skip: 'no_role_chat' };
  }
  const bot: TelegramBot = delivery.bot === 'client' ? 'client' : 'staff';
  const link = delivery.recipientUserId
    ? await em.findOne(TelegramLinkSchema, { userId: delivery.recipientUserId, bot })
    : null;
  if (!link || link.status === 'unlinked') return { skip: 'no_link' };
  if (link.status === 'blocked') return { skip: 'bot_blocked' };
  if (link.mutedUntil && link.mutedUntil > now) return { skip: 'muted' };
  return { bot, chatId: link.chatId };
}

async function noticeContext(
  em: Em,
  outbox: OutboxRecord,
  topic: NoticeTopic,
  locale: 'ru' | 'en',
  publicUrl: string,
): Promise<NoticeContext> {
  const request = outbox.requestId ? await em.findOne(RequestSchema, { id: outbox.requestId }) : null;
  if (!request) throw new DeliveryError('the request of this notice no longer exists', { permanent: true });
  const definition = getRequestType(request.typeCode, request.typeVersion);
  let summary: string;
  try {
    summary = definition.summary(request.payload, locale);
  } catch {
    summary = definition.title[locale];
  }
  const context: NoticeContext = {
    number: request.number,
    typeTitle: definition.title[locale],
    status: TOPIC_STATUS[topic],
    summary,
    link: `${publicUrl}/requests/${request.id}`,
  };
  const payload = outbox.payload;
  const taskKey = stringField(payload, 'taskKey');
  if (isTaskRole(payload.role)) context.role = payload.role;
  const step = numberField(payload, 'step');
  if (step !== undefined) context.step = step;
  if (taskKey) {
    context.taskTitle = findTaskDefinition(definition, taskKey)?.title[locale] ?? taskKey;
    const task = await em.findOne(TaskSchema, { requestId: request.id, key: taskKey });
    if (task) {
      context.role ??= task.role;
      context.dueAt = task.dueAt;
      if (topic === 'task_rejected' && task.rejectReason) context.reason = task.rejectReason;
    }
  }
  if (topic === 'request_returned' || topic === 'request_rejected') {
    const reason = await statusReason(em, request.id, TOPIC_STATUS[topic]);
    if (reason) context.reason = reason;
  }
  return context;
}

/** The staff's reason for a return or rejection, as journaled with the status change. */
async function statusReason(em: Em, requestId: string, status: RequestStatus): Promise<string | undefined> {
  const entries = await em.find(
    JournalEntrySchema,
    { requestId, action: 'request.status_changed' },
    { orderBy: { id: 'desc' }, limit: 10 },
  );
  for (const entry of entries) {
    if (entry.data.to === status && typeof entry.data.reason === 'string') return entry.data.reason;
  }
  return undefined;
}

/**
 * A security notice goes to the old contact: identity journals the change (`user.email_changed` /
 * `user.phone_changed` with `previous`) and names that entry in the outbox payload (`journalEntryId`). The other
 * channel uses the current, unchanged contact, so the owner hears of it either way.
 */
async function securityOutgoing(
  em: Em,
  delivery: DeliveryRecord,
  outbox: OutboxRecord,
  user: User,
  options: PrepareOptions,
): Promise<Outgoing> {
  const payload = outbox.payload;
  const kind = payload.kind;
  if (!isSecurityKind(kind)) return { kind: 'skip', reason: 'unknown_kind' };
  const { t } = templatesFor(user.locale);
  const context: SecurityContext = { kind, at: outbox.createdAt, link: options.publicUrl };
  if (kind === 'telegram_linked') {
    const telegram = await linkedTelegram(em, payload, user.id, delivery.channel === 'email', options);
    if (telegram) context.telegram = telegram;
  }
  const previous = await previousContact(em, payload);
  if (delivery.channel === 'email') {
    const to = kind === 'email_changed' && previous ? previous : user.email;
    return { kind: 'email', to, ...t.security[kind].email(context) };
  }
  if (delivery.channel === 'sms') {
    const to = kind === 'phone_changed' && previous ? previous : user.phone;
    if (!to) return { kind: 'skip', reason: 'no_phone' };
    return { kind: 'sms', to, text: t.security[kind].sms(context) };
  }
  return { kind: 'skip', reason: 'channel_not_used' };
}

/**
 * What a `telegram_linked` notice names: the account from the `telegram.linked` journal entry the payload points
 * at and, for the e-mail, a freshly minted one-time undo link (the token exists nowhere but in that e-mail).
 */
async function linkedTelegram(
  em: Em,
  payload: Record<string, unknown>,
  userId: string,
  withUndoLink: boolean,
  options: PrepareOptions,
): Promise<SecurityContext['telegram']> {
  const entry = await journalEntry(em, payload);
  const telegramUserId = entry?.data.telegramUserId;
  const linkId = entry?.data.linkId;
  if (typeof telegramUserId !== 'string' || !/^\d+$/.test(telegramUserId)) return undefined;
  const username = entry?.data.username;
  const account =
    typeof username === 'string' && /^\w{1,64}$/.test(username)
      ? `@${username} (id ${telegramUserId})`
      : `id ${telegramUserId}`;
  const undoUrl =
    withUndoLink && typeof linkId === 'string'
      ? await mintUnlinkUrl(em, {
          userId,
          linkId,
          telegramUserId,
          publicUrl: options.publicUrl,
          now: options.now,
        })
      : null;
  return { account, undoUrl };
}

async function journalEntry(em: Em, payload: Record<string, unknown>) {
  const raw = payload.journalEntryId;
  const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  if (!id || !/^\d+$/.test(id)) return null;
  return em.findOne(JournalEntrySchema, { id });
}

async function previousContact(em: Em, payload: Record<string, unknown>): Promise<string | undefined> {
  const raw = payload.journalEntryId;
  const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  if (!id || !/^\d+$/.test(id)) return undefined;
  const entry = await em.findOne(JournalEntrySchema, { id });
  const previous = entry?.data.previous;
  return typeof previous === 'string' && previous !== '' ? previous : undefined;
}

/**
 * An export the back office left unanswered or refused (docs/0023): to the back office's chat and its people in
 * the cabinet, with the export's state read now (a re-export since then is not hidden: the alert says which attempt).
 */
async function exchangeAlertOutgoing(
  em: Em,
  delivery: DeliveryRecord,
  outbox: OutboxRecord,
  user: User | null,
  options: PrepareOptions,
): Promise<Outgoing> {
  const payload = outbox.payload;
  const exportId = stringField(payload, 'exportId');
  const row = exportId ? await em.findOne(BackofficeExportSchema, { id: exportId }) : null;
  if (!row) throw new DeliveryError('the export of this alert no longer exists', { permanent: true });
  const request = row.requestId ? await em.findOne(RequestSchema, { id: row.requestId }) : null;
  const { t } = templatesFor(user?.locale ?? 'ru');
  const context: ExchangeAlertContext = {
    reason: payload.reason === 'refused' ? 'refused' : 'unanswered',
    kind: row.kind,
    number: request?.number ?? null,
    attempt: numberField(payload, 'attempt') ?? row.attempt,
    message: payload.reason === 'refused' ? (row.error ?? null) : null,
    link: `${options.publicUrl}/admin/exchange${row.requestId ? `?requestId=${row.requestId}` : ''}`,
  };
  if (delivery.channel === 'telegram') {
    const target = await telegramTarget(em, delivery, options.now);
    if ('skip' in target) return { kind: 'skip', reason: target.skip };
    const card: TelegramCard = {
      deliveryId: delivery.id,
      topic: outbox.topic,
      requestId: outbox.requestId,
      role: 'back_office',
      taskKey: null,
      recipient: delivery.recipientKind === 'role_chat' ? 'role_chat' : 'dm',
      bot: target.bot,
      locale: user?.locale === 'en' ? 'en' : 'ru',
      strict: options.strict,
      text: t.exchangeAlert.telegram(context),
    };
    return { kind: 'telegram', bot: target.bot, chatId: target.chatId, card };
  }
  if (delivery.channel === 'inapp' && user)
    return { kind: 'inapp', userId: user.id, ...t.exchangeAlert.inapp(context) };
  return { kind: 'skip', reason: 'channel_not_used' };
}
