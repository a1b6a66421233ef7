import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/api/app.js';
import { BotRuntime } from '../../src/bot/runtime.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { seedDemoAccounts } from '../../src/demo/seed.js';
import { createLogger } from '../../src/logger.js';
import type { Actor } from '../../src/workflow/domain/roles.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import {
  FakeTelegram,
  type FakeBot,
  type StoredMessage,
  type TgChat,
  type TgUser,
} from './fake-telegram/server.js';

export const DEMO_PHONES: Record<string, string> = {
  'admin@demo.local': '+79990000100',
  'manager@demo.local': '+79990000101',
  'manager2@demo.local': '+79990000109',
  'backoffice@demo.local': '+79990000102',
  'finmon@demo.local': '+79990000103',
  'finmon2@demo.local': '+79990000104',
  'broker@demo.local': '+79990000105',
  'depo@demo.local': '+79990000106',
  'trust@demo.local': '+79990000107',
  'accountant@demo.local': '+79990000108',
  'client@demo.local': '+79990000001',
  'ip@demo.local': '+79990000002',
  'company@demo.local': '+79990000003',
};

export interface BotWorld {
  db: TestDatabase;
  container: Container;
  fake: FakeTelegram;
  clientBot: FakeBot;
  staffBot: FakeBot;
  runtime: BotRuntime;
  /** The app's address (API and, in webhook mode, the Telegram webhooks). */
  base: string;
  webhookSecret: string;
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  /** The code of the newest SMS to the login's phone sent after `since` (waits for it). */
  smsCode(login: string, since?: number): Promise<string>;
  /** How many SMS the outbox file holds now (a mark for `smsCode`). */
  smsCount(): number;
  /** How many SMS went to one phone so far (codes and, asynchronously, notices). */
  smsTo(phone: string): number;
  close(): Promise<void>;
}

interface SmsLine {
  to: string;
  text: string;
}

/**
 * The real app on a fresh PostgreSQL database: the container exactly as `npm start` builds it (API, workflow,
 * identity with the file SMS outbox in a temp DATA_DIR, notifications with the bots' card renderer), the
 * bots in polling or webhook mode, all talking to the fake Bot API over real HTTP.
 */
export async function createBotWorld(options: { mode: 'polling' | 'webhook' }): Promise<BotWorld> {
  const db = await createTestDatabase();
  const actors = await seedDemoAccounts(db.orm);
  const fake = await FakeTelegram.start({ rateLimits: false });
  const clientBot = fake.addBot({ username: 'kabinet_client_bot' });
  const staffBot = fake.addBot({ username: 'kabinet_staff_bot' });
  const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-bots-'));
  const webhookSecret = randomBytes(24).toString('base64url');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    MIGRATE_ON_START: 'true',
    SEED_DEMO_DATA: 'false',
    CODE_SECRET: randomBytes(32).toString('hex'),
    CLIENT_BOT_TOKEN: clientBot.token,
    STAFF_BOT_TOKEN: staffBot.token,
    CLIENT_BOT_USERNAME: clientBot.username,
    STAFF_BOT_USERNAME: staffBot.username,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: webhookSecret,
    NOTIFY_BACKOFF_MS: '100',
    NOTIFY_SWEEP_INTERVAL_SECONDS: '1',
  });
  const logger = createLogger(config.logLevel);
  const container = await createContainer(config, logger);
  const app = createApp(container);
  // Koa composes its middleware when it starts serving: the webhook routes need the address first, so the
  // server takes the app's handler once they are added.
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = new BotRuntime({
    telegram: config.telegram,
    publicUrl: options.mode === 'webhook' ? base : undefined,
    orm: container.orm,
    workflow: container.workflow,
    confirmations: container.confirmations,
    signing: container.signing,
    passwords: container.passwords,
    logger,
    pollingTimeoutSeconds: 1,
    maxRetryAttempts: 3,
  });
  if (runtime.mode === 'webhook') app.use(runtime.webhookMiddleware());
  handle = app.callback();
  await container.notifications.start();
  await runtime.start();

  const smsPath = join(dataDir, 'outbox', 'sms.jsonl');
  const smsLines = (): SmsLine[] =>
    existsSync(smsPath)
      ? readFileSync(smsPath, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as SmsLine)
      : [];

  return {
    db,
    container,
    fake,
    clientBot,
    staffBot,
    runtime,
    base,
    webhookSecret,
    actors,
    actor(login) {
      const found = actors[login];
      if (!found) throw new Error(`no demo actor ${login}`);
      return found;
    },
    smsCount: () => smsLines().length,
    smsTo: (phone) => smsLines().filter((line) => line.to === phone).length,
    async smsCode(login, since = 0) {
      const phone = DEMO_PHONES[login];
      const deadline = Date.now() + 5000;
      for (;;) {
        // The newest message with a code: security notices (no code) may reach the same phone meanwhile.
        const code = smsLines()
          .slice(since)
          .reverse()
          .filter((line) => line.to === phone)
          .map((line) => /(?:код|code)\D*(\d{6})/i.exec(line.text)?.[1])
          .find((found) => found !== undefined);
        if (code) return code;
        if (Date.now() > deadline) throw new Error(`no SMS code to ${login}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await runtime.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.close();
      await fake.close();
      await db.drop();
    },
  };
}

/** A person in Telegram and their private chat with a bot. */
export interface TgPerson {
  user: TgUser;
  chat: TgChat;
}

export function tgPerson(fake: FakeTelegram, firstName: string, languageCode = 'ru'): TgPerson {
  const user = fake.createUser({ first_name: firstName, language_code: languageCode });
  return { user, chat: fake.privateChat(user) };
}

/** The inline buttons of a bot message: label → callback data. */
export function buttons(message: StoredMessage): { text: string; data: string }[] {
  const keyboard = (message.message.reply_markup?.['inline_keyboard'] ?? []) as {
    text: string;
    callback_data?: string;
  }[][];
  return keyboard.flat().flatMap((b) => (b.callback_data ? [{ text: b.text, data: b.callback_data }] : []));
}

/** The callback data of the button whose label contains `label` (throws when there is none). */
export function button(message: StoredMessage, label: string | RegExp): string {
  const found = buttons(message).find((b) =>
    typeof label === 'string' ? b.text.includes(label) : label.test(b.text),
  );
  if (!found)
    throw new Error(
      `no button "${String(label)}" on: ${buttons(message)
        .map((b) => b.text)
        .join(' | ')}`,
    );
  return found.data;
}

/** The text as the person sees it. */
export function textOf(message: StoredMessage): string {
  return message.message.text ?? '';
}
