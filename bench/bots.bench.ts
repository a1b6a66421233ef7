/**
 * Bots benchmark, on PostgreSQL, over real HTTP, in one run: webhook updates per second handled by the client bot
 * for a menu press that reads the user's requests ("My requests": the secret check, the update-id dedupe insert,
 * who is pressing, the page of requests, the reply with one opaque button per request) against a bare grammY bot
 * answering the same press from memory. Both sit behind the same Koa server (JSON body parser + grammY's
 * `webhookCallback`, secret checked) and answer through the same fake Bot API; updates are posted the way Telegram
 * does, several connections at once, from many users. Prints rates, p50/p99 and the ratio. Not a test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import { Bot, InlineKeyboard, webhookCallback } from 'grammy';
import Koa from 'koa';
import { BotRuntime } from '../src/bot/runtime.js';
import { UserSchema } from '../src/identity/user.entity.js';
import type { EmailSender, SmsProvider } from '../src/messaging/channels.js';
import { TelegramLinkSchema } from '../src/telegram/telegram-link.entity.js';
import { createTestContainer } from '../test/support/app.js';
import { FakeTelegram, type FakeBot, type TgUser } from '../test/support/fake-telegram/server.js';
import { SAMPLE_PAYLOADS } from '../test/support/sample-payloads.js';
import { mark } from './marks.js';

const UPDATES = Number(process.env.BENCH_BOT_UPDATES ?? 2000);
const WARMUP = 100;
const CONNECTIONS = 16;
const USERS = 32;

class Latencies {
  private readonly samples: number[] = [];
  add(ms: number): void {
    this.samples.push(ms);
  }
  percentile(p: number): number {
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * (sorted.length - 1)))] ?? 0;
  }
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;

const noSms: SmsProvider = { name: 'none', send: async () => ({ providerMessageId: 'none' }) };
const noEmail: EmailSender = { name: 'none', send: async () => ({ providerMessageId: 'none' }) };

/** Posts `count` "My requests" presses to a webhook, `CONNECTIONS` at a time, spread over the users. */
async function pressMenu(
  url: string,
  secret: string,
  fakeBot: FakeBot,
  users: readonly TgUser[],
  count: number,
  firstUpdateId: number,
): Promise<{ rate: number; latencies: Latencies }> {
  const latencies = new Latencies();
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next;
      next += 1;
      if (i >= count) return;
      const user = users[i % users.length] as TgUser;
      const queryId = `bench-${firstUpdateId + i}`;
      fakeBot.callbackAnswers.set(queryId, null);
      const update = {
        update_id: firstUpdateId + i,
        callback_query: {
          id: queryId,
          from: user,
          chat_instance: String(user.id),
          data: 'a:menu.requests',
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id: user.id, type: 'private', first_name: user.first_name },
            text: 'Что сделать?',
          },
        },
      };
      const t0 = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      latencies.add(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  return { rate: count / seconds, latencies };
}

export async function runBotsBench(): Promise<void> {
  // The services as the test app builder wires them; codes go nowhere (nobody logs in here).
  const t = await createTestContainer({ overrides: { sms: noSms, email: noEmail } });
  const { db, container } = t;
  const { workflow, logger } = container;
  const fake = await FakeTelegram.start({ rateLimits: false });
  let server: Server | undefined;
  try {
    const client = t.actor('client@demo.local');
    if (!client.clientId) throw new Error('no demo client');
    for (let i = 0; i < 12; i += 1)
      await workflow.createDraft(client, { type: 'broker_report', payload: SAMPLE_PAYLOADS.broker_report });

    // Many people of one client, each with a linked Telegram account (one person's updates are sequential).
    const kabinetBot = fake.addBot({ username: 'kabinet_client_bot' });
    const bareBot = fake.addBot({ username: 'bare_bot' });
    const users: TgUser[] = [];
    const em = db.orm.em.fork();
    for (let i = 0; i < USERS; i += 1) {
      const user = fake.createUser({ first_name: `User${i}` });
      fake.privateChat(user);
      users.push(user);
      const userId = randomUUID();
      em.create(UserSchema, {
        id: userId,
        kind: 'client',
        email: `bench${i}@demo.local`,
        phone: null,
        fullName: `Bench ${i}`,
        passwordHash: null,
        roles: ['client'],
        clientId: client.clientId,
      });
      em.create(TelegramLinkSchema, {
        id: randomUUID(),
        userId,
        bot: 'client',
        chatId: String(user.id),
        telegramUserId: String(user.id),
        status: 'active',
        mutedUntil: null,
        linkedAt: new Date(),
        blockedAt: null,
      });
    }
    await em.flush();

    const secret = randomBytes(24).toString('base64url');
    let handle: RequestListener = (_req, res) => res.writeHead(503).end();
    server = createServer((req, res) => handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const runtime = new BotRuntime({
      telegram: {
        clientBotToken: kabinetBot.token,
        staffBotToken: undefined,
        apiRoot: fake.apiRoot,
        sandbox: false,
        strict: false,
        webhookSecret: secret,
        initDataMaxAgeSeconds: 3600,
        miniAppUrl: undefined,
      },
      publicUrl: base,
      orm: db.orm,
      workflow,
      confirmations: container.confirmations,
      signing: container.signing,
      passwords: container.passwords,
      logger,
    });

    // The bare bot: the same press answered from memory, the same two Bot API calls.
    const page = await workflow.listRequests(client, { pageSize: 5 });
    const text = `<b>Мои заявки</b> (стр. 1 из 3)\n\n${page.items.map((r) => `<b>${r.number}</b> · Отчёт брокера · черновик`).join('\n')}`;
    const keyboard = new InlineKeyboard();
    for (const item of page.items)
      keyboard.text(`${item.number} · Отчёт брокера`, `t:${item.id.slice(0, 12)}`).row();
    keyboard.text('Дальше ▶', 't:nextpage0000').row().text('☰ Меню', 'a:menu');
    // No botInfo: it asks the fake's getMe at init, as any grammY bot does.
    const bare = new Bot(bareBot.token, { client: { apiRoot: fake.apiRoot } });
    bare.callbackQuery('a:menu.requests', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
    });

    const app = new Koa();
    const bareHook = webhookCallback(bare, 'koa', {
      secretToken: secret,
      onTimeout: 'return',
      timeoutMilliseconds: 9000,
    });
    const parse = bodyParser({ enableTypes: ['json'] });
    app.use(runtime.webhookMiddleware());
    app.use(async (ctx, next) => {
      if (ctx.method !== 'POST' || ctx.path !== '/telegram/bare') return next();
      await parse(ctx, async () => undefined);
      await bareHook(ctx);
    });
    handle = app.callback();
    await runtime.start();
    await bare.init();

    const kabinetUrl = `${base}/telegram/client`;
    const bareUrl = `${base}/telegram/bare`;
    await pressMenu(kabinetUrl, secret, kabinetBot, users, WARMUP, 1);
    await pressMenu(bareUrl, secret, bareBot, users, WARMUP, 1);
    mark('start');
    const kabinet = await pressMenu(kabinetUrl, secret, kabinetBot, users, UPDATES, 1_000_000);
    mark('end');
    mark('start');
    const plain = await pressMenu(bareUrl, secret, bareBot, users, UPDATES, 1_000_000);
    mark('end');
    const answered = fake
      .recordedCalls({ method: 'sendMessage', token: kabinetBot.token })
      .filter((c) => c.ok).length;

    console.log(
      `\nTelegram webhooks on PostgreSQL: "My requests" presses (${UPDATES} updates, ${CONNECTIONS} connections, ${USERS} users; ${answered} replies sent)`,
    );
    for (const [name, r] of [
      ['client bot (DB)', kabinet],
      ['bare grammY (memory)', plain],
    ] as const) {
      console.log(
        `  ${name.padEnd(21)} ${r.rate.toFixed(0).padStart(6)} updates/s  p50 ${ms(r.latencies.percentile(50))}  p99 ${ms(r.latencies.percentile(99))}`,
      );
    }
    console.log(
      `  ratio client bot/bare: rate ${(kabinet.rate / plain.rate).toFixed(3)}, p99 ${(kabinet.latencies.percentile(99) / plain.latencies.percentile(99)).toFixed(1)}x`,
    );
    await runtime.stop();
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await fake.close();
    await t.close();
  }
}
