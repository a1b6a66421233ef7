import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../../src/config.js';
import type { Orm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { NotificationDeliverySchema, type NotificationDelivery } from '../../src/notify/delivery.entity.js';
import { NotificationService, type NotificationTuning } from '../../src/notify/notification.service.js';
import { pendingNotices } from '../../src/notify/relay.js';
import { RoleChatSchema } from '../../src/telegram/role-chat.entity.js';
import { TelegramLinkSchema, type TelegramBot } from '../../src/telegram/telegram-link.entity.js';
import type { RequestTypeCode } from '../../src/workflow/domain/definition.js';
import type { TaskRole } from '../../src/workflow/domain/roles.js';
import type { RequestView } from '../../src/workflow/presenters.js';
import { testConfig } from './app.js';
import { FakeTelegram, type FakeBot } from './fake-telegram/server.js';
import type { TgChat, TgUser } from './fake-telegram/types.js';
import { SAMPLE_PAYLOADS } from './sample-payloads.js';
import { createWorkflowFixture, type WorkflowFixture } from './workflow.js';

export const FINAL_STATUSES = ['sent', 'undeliverable', 'skipped'];

/** A config for notification tests: fast retries, the peers' addresses, everything else default. */
export function notifyConfig(env: Record<string, string | undefined>): Config {
  return testConfig({
    NOTIFY_BACKOFF_MS: '100',
    NOTIFY_MAX_ATTEMPTS: '4',
    PUBLIC_URL: 'https://cabinet.example.ru',
    TELEGRAM_WEBHOOK_SECRET: 'test-webhook-secret',
    NOTIFY_QUEUE_PREFIX: `kt${randomBytes(4).toString('hex')}`,
    ...env,
  });
}

/** Fast loops for tests. */
export const TEST_TUNING: NotificationTuning = {
  relayPollMs: 50,
  sweepIntervalMs: 500,
  leaseMs: 3000,
  slaTimer: false,
  shutdownTimeoutMs: 500,
  // Telegram's per-chat pacing, 20 times faster (the fake's limits are off in these tests).
  telegramTimeScale: 20,
};

export interface NotifyWorld {
  f: WorkflowFixture;
  fake: FakeTelegram;
  clientBot: FakeBot;
  staffBot: FakeBot;
  /** The environment the bots need (tokens, API root). */
  telegramEnv: Record<string, string>;
  linkTelegram(
    login: string,
    bot: TelegramBot,
    options?: { mutedUntil?: Date },
  ): Promise<{ user: TgUser; chat: TgChat }>;
  bindRoleChat(role: TaskRole): Promise<TgChat>;
  signed(type?: RequestTypeCode, login?: string): Promise<RequestView>;
  service(config: Config, tuning?: NotificationTuning): NotificationService;
  /** Stops every service started so far (each test starts its own). */
  stopServices(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL with the demo accounts, the fake Bot API with both bots, and helpers to link people and chats. */
export async function createNotifyWorld(options: { rateLimits?: boolean } = {}): Promise<NotifyWorld> {
  const f = await createWorkflowFixture();
  const fake = await FakeTelegram.start({ rateLimits: options.rateLimits ? {} : false });
  const clientBot = fake.addBot({ username: 'kabinet_client_bot' });
  const staffBot = fake.addBot({ username: 'kabinet_staff_bot' });
  const services: NotificationService[] = [];
  const orm = f.db.orm;
  return {
    f,
    fake,
    clientBot,
    staffBot,
    telegramEnv: {
      CLIENT_BOT_TOKEN: clientBot.token,
      STAFF_BOT_TOKEN: staffBot.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    },
    async linkTelegram(login, bot, linkOptions = {}) {
      const actor = f.actor(login);
      const user = fake.createUser({ first_name: login.split('@')[0] ?? 'user' });
      const chat = fake.privateChat(user);
      const em = orm.em.fork();
      em.create(TelegramLinkSchema, {
        id: randomUUID(),
        userId: actor.userId,
        bot,
        chatId: String(chat.id),
        telegramUserId: String(user.id),
        status: 'active',
        mutedUntil: linkOptions.mutedUntil ?? null,
        linkedAt: new Date(),
        blockedAt: null,
      });
      await em.flush();
      return { user, chat };
    },
    async bindRoleChat(role) {
      const chat = fake.createGroup(`Kabinet: ${role}`);
      const em = orm.em.fork();
      em.create(RoleChatSchema, {
        id: randomUUID(),
        role,
        chatId: String(chat.id),
        title: chat.title ?? role,
        boundBy: f.actor('admin@demo.local').userId,
        boundAt: new Date(),
      });
      await em.flush();
      return chat;
    },
    async signed(type = 'broker_report', login = 'client@demo.local') {
      const client = f.actor(login);
      const draft = await f.workflow.createDraft(client, { type, payload: SAMPLE_PAYLOADS[type] });
      const { payloadHash } = await f.workflow.submit(client, draft.id);
      return f.workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
    },
    service(config, tuning = TEST_TUNING) {
      const service = new NotificationService({ orm, logger: createLogger(config.logLevel), config, tuning });
      services.push(service);
      return service;
    },
    async stopServices() {
      await Promise.allSettled(services.splice(0).map((s) => s.close()));
    },
    async close() {
      await Promise.allSettled(services.map((s) => s.close()));
      await fake.close();
      await f.close();
    },
  };
}

/**
 * Waits until every delivery (of a request, or all) is final and no notification is pending in the outbox (the
 * back-office exchange's rows are its own worker's, not started here).
 */
export async function waitForSettled(
  orm: Orm,
  options: { requestId?: string; timeoutMs?: number; atLeast?: number } = {},
): Promise<NotificationDelivery[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const em = orm.em.fork();
    const pending = await pendingNotices(em);
    const deliveries = await em.find(
      NotificationDeliverySchema,
      options.requestId ? { requestId: options.requestId } : {},
      { orderBy: { createdAt: 'asc' } },
    );
    const settled =
      pending === 0 &&
      deliveries.length >= (options.atLeast ?? 1) &&
      deliveries.every((d) => FINAL_STATUSES.includes(d.status));
    if (settled) return deliveries;
    if (Date.now() > deadline) {
      const open = deliveries.filter((d) => !FINAL_STATUSES.includes(d.status));
      throw new Error(
        `deliveries not settled in time: ${deliveries.length} rows, open: ${JSON.stringify(
          open.slice(0, 5).map((d) => [d.channel, d.recipientKey, d.status, d.attempts, d.lastError]),
        )}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
