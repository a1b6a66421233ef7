import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Bot, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import { FakeTelegram, type FakeBot } from '../support/fake-telegram/server.js';

/** The fake Bot API is test infrastructure for notifications and the bots: check it behaves like Telegram. */

async function api(fake: FakeTelegram, token: string, method: string, params: Record<string, unknown> = {}) {
  const response = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A grammY bot pointed at the fake (getMe answered by the fake too). */
async function grammyBot(fake: FakeTelegram, bot: FakeBot): Promise<Bot> {
  const client = new Bot(bot.token, { client: { apiRoot: fake.apiRoot } });
  await client.init();
  return client;
}

describe('fake Telegram Bot API', () => {
  let fake: FakeTelegram;
  let bot: FakeBot;

  beforeEach(async () => {
    fake = await FakeTelegram.start({ rateLimits: false });
    bot = fake.addBot({ username: 'kabinet_client_bot' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers with the Bot API envelopes: ok results, 401 for an unknown token, 400 for a missing chat or bad HTML', async () => {
    const me = await api(fake, bot.token, 'getMe');
    expect(me).toMatchObject({
      status: 200,
      body: { ok: true, result: { is_bot: true, username: 'kabinet_client_bot' } },
    });
    expect(await api(fake, '1:nope', 'getMe')).toMatchObject({
      status: 401,
      body: { ok: false, error_code: 401 },
    });
    expect(await api(fake, bot.token, 'sendMessage', { chat_id: 42, text: 'hi' })).toMatchObject({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });
    const user = fake.createUser({ first_name: 'Ivan' });
    const chat = fake.privateChat(user);
    const broken = await api(fake, bot.token, 'sendMessage', {
      chat_id: chat.id,
      text: '<b>a & b</b>',
      parse_mode: 'HTML',
    });
    expect(broken.status).toBe(400);
    const sent = await api(fake, bot.token, 'sendMessage', {
      chat_id: chat.id,
      text: '<b>Заявка</b> &lt;1&gt;',
      parse_mode: 'HTML',
    });
    expect(sent.body).toMatchObject({
      ok: true,
      result: { text: 'Заявка <1>', entities: [{ type: 'bold', offset: 0, length: 6 }] },
    });
    expect(await api(fake, bot.token, 'noSuchMethod')).toMatchObject({ status: 404, body: { ok: false } });
  });

  it('keeps a connection open between calls, as the Bot API does: fetch sends call after call on one', async () => {
    const before = fake.connectionsOpened;
    for (let i = 0; i < 10; i += 1) expect((await api(fake, bot.token, 'getMe')).status).toBe(200);
    // fetch (undici) keeps a connection only when the server's keep-alive outlasts its own 2 s margin; it may open
    // a second one while the first is being handed back. With a 1 s keep-alive every call opened its own.
    expect(fake.connectionsOpened - before).toBeLessThanOrEqual(2);
  });

  it('serves a grammY bot by long polling: commands, buttons, callback answers and edits, with per-chat message ids', async () => {
    const client = await grammyBot(fake, bot);
    client.command('start', async (ctx) => {
      await ctx.reply(`linked: ${ctx.match}`, {
        reply_markup: new InlineKeyboard().text('Take', 'take:1'),
      });
    });
    client.callbackQuery('take:1', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'taken' });
      await ctx.editMessageText('taken by you');
    });
    void client.start({ drop_pending_updates: false });
    try {
      const user = fake.createUser({ first_name: 'Maria' });
      const chat = fake.privateChat(user);
      const incoming = bot.userSendsText(chat, user, '/start abc123');
      const reply = await fake.waitForBotMessage(chat.id, (m) => m.message.text === 'linked: abc123');
      expect(reply.message.message_id).toBe(incoming.message_id + 1);

      const query = bot.userPressesButton(chat, user, reply.message.message_id, 'take:1');
      expect(await bot.waitForCallbackAnswer(query)).toMatchObject({ text: 'taken' });
      await waitFor(() => fake.message(chat.id, reply.message.message_id)?.message.text === 'taken by you');
      expect(() => bot.userPressesButton(chat, user, reply.message.message_id, 'take:1')).toThrow(
        /no button/,
      );
      expect(fake.recordedCalls({ method: 'answerCallbackQuery' })).toHaveLength(1);
    } finally {
      await client.stop();
    }
  });

  it('keeps unconfirmed updates for the next getUpdates and drops them once the offset confirms them', async () => {
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    bot.userSendsText(chat, user, 'one');
    bot.userSendsText(chat, user, 'two');
    const first = await api(fake, bot.token, 'getUpdates', { timeout: 0 });
    const updates = first.body.result as { update_id: number; message: { text: string } }[];
    expect(updates.map((u) => u.message.text)).toEqual(['one', 'two']);
    const again = await api(fake, bot.token, 'getUpdates', { offset: updates[0]?.update_id, timeout: 0 });
    expect((again.body.result as unknown[]).length).toBe(2);
    const last = updates[1]?.update_id ?? 0;
    const after = await api(fake, bot.token, 'getUpdates', { offset: last + 1, timeout: 0 });
    expect(after.body.result).toEqual([]);
    // A long poll is answered as soon as an update arrives.
    const polling = api(fake, bot.token, 'getUpdates', { offset: last + 1, timeout: 5 });
    setTimeout(() => bot.userSendsText(chat, user, 'three'), 50);
    const started = Date.now();
    const polled = await polling;
    expect(Date.now() - started).toBeLessThan(2000);
    expect((polled.body.result as { message: { text: string } }[])[0]?.message.text).toBe('three');
  });

  it('pushes updates to a webhook with the secret header, and refuses getUpdates while it is set', async () => {
    const client = await grammyBot(fake, bot);
    client.on('message:text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    const headers: (string | undefined)[] = [];
    const handle = webhookCallback(client, 'http', { secretToken: 'hook-secret_1' });
    const hook: Server = createServer((req, res) => {
      headers.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      void handle(req, res);
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/tg`;
      await client.api.setWebhook(url, { secret_token: 'hook-secret_1' });
      const user = fake.createUser();
      const chat = fake.privateChat(user);
      bot.userSendsText(chat, user, 'ping');
      await fake.waitForBotMessage(chat.id, (m) => m.message.text === 'echo ping');
      expect(headers).toEqual(['hook-secret_1']);
      expect(await api(fake, bot.token, 'getUpdates')).toMatchObject({ status: 409 });
      expect(await api(fake, bot.token, 'getWebhookInfo')).toMatchObject({
        body: { result: { url, pending_update_count: 0 } },
      });
    } finally {
      hook.closeAllConnections();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('takes multipart uploads (sendDocument with an InputFile) and serves the file back', async () => {
    const client = await grammyBot(fake, bot);
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    const sent = await client.api.sendDocument(
      chat.id,
      new InputFile(Buffer.from('%PDF-1.4 test'), 'form.pdf'),
      {
        caption: 'Заявление',
        reply_markup: new InlineKeyboard().text('OK', 'ok'),
      },
    );
    expect(sent.document).toMatchObject({ file_name: 'form.pdf', file_size: 13 });
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: 'ok' });
    const file = await client.api.getFile(sent.document.file_id);
    await waitFor(async () => {
      const download = await fetch(`${fake.apiRoot}/file/bot${bot.token}/${file.file_path ?? ''}`);
      return (await download.text()) === '%PDF-1.4 test';
    });
  });

  it('injects 429 with retry_after and 403 faults, and enforces the per-chat flood limit', async () => {
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    fake.injectFault({ method: 'sendMessage', chatId: chat.id, errorCode: 429, retryAfter: 3 });
    expect(await api(fake, bot.token, 'sendMessage', { chat_id: chat.id, text: 'a' })).toMatchObject({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      },
    });
    bot.userBlocksBot(user);
    expect(await api(fake, bot.token, 'sendMessage', { chat_id: chat.id, text: 'b' })).toMatchObject({
      status: 403,
      body: { description: 'Forbidden: bot was blocked by the user' },
    });
    bot.userUnblocksBot(user);

    fake.rateLimitsOn = true;
    expect((await api(fake, bot.token, 'sendMessage', { chat_id: chat.id, text: 'c' })).status).toBe(200);
    const second = await api(fake, bot.token, 'sendMessage', { chat_id: chat.id, text: 'd' });
    expect(second).toMatchObject({ status: 429, body: { parameters: { retry_after: 1 } } });
    expect(fake.flood.limited).toBe(1);
  });

  it('tells a bot that a group became a supergroup (400 with migrate_to_chat_id)', async () => {
    const group = fake.createGroup('Back office', 'group');
    const next = fake.migrateToSupergroup(group.id, bot);
    expect(await api(fake, bot.token, 'sendMessage', { chat_id: group.id, text: 'card' })).toMatchObject({
      status: 400,
      body: { parameters: { migrate_to_chat_id: next.id } },
    });
    expect((await api(fake, bot.token, 'sendMessage', { chat_id: next.id, text: 'card' })).status).toBe(200);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
