import { randomBytes } from 'node:crypto';
import { BotRuntime } from '../../src/bot/runtime.js';
import { readSmsOutbox, smsOutboxPath } from '../../src/notify/channels/file-sms.js';
import type { Container } from '../../src/container.js';
import type { Actor } from '../../src/workflow/domain/roles.js';
import { createTestApp } from './app.js';
import type { TestDatabase } from './database.js';
import { codeIn, demoPhone } from './demo.js';
import {
  FakeTelegram,
  type FakeBot,
  type StoredMessage,
  type TgChat,
  type TgUser,
} from './fake-telegram/server.js';

export { DEMO_PHONES } from './demo.js';

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
  /** The same for a phone number (people who are not in the demo seed). */
  smsCodeTo(phone: string, since?: number): Promise<string>;
  /** How many SMS the outbox file holds now (a mark for `smsCode`). */
  smsCount(): number;
  /** How many SMS went to one phone so far (codes and, asynchronously, notices). */
  smsTo(phone: string): number;
  close(): Promise<void>;
}

/**
 * The test app builder with no overrides: the container exactly as `npm start` builds it (API, workflow, identity
 * with the file SMS outbox in the temp DATA_DIR, notifications with the bots' card renderer), plus the bots in
 * polling or webhook mode, all talking to the fake Bot API over real HTTP.
 */
export async function createBotWorld(options: {
  mode: 'polling' | 'webhook';
  /** More settings (e.g. MINI_APP_URL). */
  env?: Record<string, string>;
  /** A built web cabinet to serve at `/` too (browser tests beside the bots). */
  webDir?: string;
}): Promise<BotWorld> {
  const fake = await FakeTelegram.start({ rateLimits: false });
  const clientBot = fake.addBot({ username: 'kabinet_client_bot' });
  const staffBot = fake.addBot({ username: 'kabinet_staff_bot' });
  const webhookSecret = randomBytes(24).toString('base64url');
  const t = await createTestApp({
    env: {
      CLIENT_BOT_TOKEN: clientBot.token,
      STAFF_BOT_TOKEN: staffBot.token,
      CLIENT_BOT_USERNAME: clientBot.username,
      STAFF_BOT_USERNAME: staffBot.username,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      NOTIFY_BACKOFF_MS: '100',
      NOTIFY_SWEEP_INTERVAL_SECONDS: '1',
      ...options.env,
    },
    // The webhook routes need the address before the app serves.
    deferServing: true,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  const { container, base } = t;
  const runtime = new BotRuntime({
    telegram: t.config.telegram,
    publicUrl: options.mode === 'webhook' ? base : undefined,
    orm: container.orm,
    workflow: container.workflow,
    confirmations: container.confirmations,
    signing: container.signing,
    passwords: container.passwords,
    logger: container.logger,
    printForms: container.printForms,
    cabinetUrl: base,
    metrics: container.metrics,
    pollingTimeoutSeconds: 1,
    maxRetryAttempts: 3,
  });
  if (runtime.mode === 'webhook') t.app.use(runtime.webhookMiddleware());
  t.serve();
  await container.notifications.start();
  await runtime.start();

  const smsPath = smsOutboxPath(t.config.dataDir);
  const smsLines = () => readSmsOutbox(smsPath);

  const smsCodeTo = async (phone: string, since = 0): Promise<string> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      // The newest message with a code: security notices (no code) may reach the same phone meanwhile.
      const code = smsLines()
        .slice(since)
        .reverse()
        .filter((line) => line.to === phone)
        .map((line) => codeIn(line.text))
        .find((found) => found !== undefined);
      if (code) return code;
      if (Date.now() > deadline) throw new Error(`no SMS code to ${phone}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    db: t.db,
    container,
    fake,
    clientBot,
    staffBot,
    runtime,
    base,
    webhookSecret,
    actors: t.actors,
    actor: t.actor,
    smsCount: () => smsLines().length,
    smsTo: (phone) => smsLines().filter((line) => line.to === phone).length,
    smsCode: (login, since = 0) => smsCodeTo(demoPhone(login), since),
    smsCodeTo,
    async close() {
      await runtime.stop();
      await t.close();
      await fake.close();
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
