import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { TelegramLinkSchema } from '../../../src/telegram/telegram-link.entity.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { signInitData, TEST_CLIENT_BOT_TOKEN, TEST_STAFF_BOT_TOKEN } from '../../support/mini-app.js';

/*
 * Issue 10 item 6: POST /auth/telegram exchanges a Mini App's signed launch data for a session of the linked
 * account only — forged, stale, replayed data and an unlinked Telegram user are refused, each with its reason.
 */
let f: ApiFixture;
const CLIENT_TG = 710001;
const STAFF_TG = 710002;
const UNLINKED_TG = 710003;
const UNLINKED_LINK_TG = 710004;

beforeAll(async () => {
  f = await createApiFixture({
    env: { CLIENT_BOT_TOKEN: TEST_CLIENT_BOT_TOKEN, STAFF_BOT_TOKEN: TEST_STAFF_BOT_TOKEN },
  });
  const em = f.db.orm.em.fork();
  const link = (
    login: string,
    bot: 'client' | 'staff',
    tg: number,
    status: 'active' | 'unlinked' = 'active',
  ) =>
    em.create(TelegramLinkSchema, {
      id: randomUUID(),
      userId: f.actor(login).userId,
      bot,
      chatId: String(tg),
      telegramUserId: String(tg),
      status,
      linkedAt: new Date(),
    });
  link('client@demo.local', 'client', CLIENT_TG);
  link('broker@demo.local', 'staff', STAFF_TG);
  link('ip@demo.local', 'client', UNLINKED_LINK_TG, 'unlinked');
  await em.flush();
});
afterAll(async () => {
  await f.close();
});

const seconds = () => Math.floor(f.clock.now().getTime() / 1000);
const exchange = (bot: 'client' | 'staff', initData: string) =>
  f.call('POST', '/api/v1/auth/telegram', { body: { bot, initData } });

describe('the cabinet opened in Telegram (POST /auth/telegram)', () => {
  it('signed launch data of a linked client opens that client’s session, with the cookie, journaled', async () => {
    const initData = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: CLIENT_TG,
      authDate: seconds() - 5,
    });
    const answer = await exchange('client', initData);
    expect(answer.status).toBe(200);
    expect(answer.body['user']).toMatchObject({ email: 'client@demo.local', kind: 'client' });
    expect(String(answer.headers.get('set-cookie'))).toMatch(/kabinet_session=[^;]+; .*httponly/i);
    const me = await f.call('GET', '/api/v1/me', { token: String(answer.body['token']) });
    expect(me.body['email']).toBe('client@demo.local');
    const entries = await f.db.orm.em
      .fork()
      .find(JournalEntrySchema, { action: 'auth.login', subjectUserId: f.actor('client@demo.local').userId });
    expect(entries.some((e) => e.data['channel'] === 'telegram_mini_app')).toBe(true);
  });

  it('the staff bot’s launch data opens the staff member’s session', async () => {
    const initData = signInitData({
      token: TEST_STAFF_BOT_TOKEN,
      telegramUserId: STAFF_TG,
      authDate: seconds(),
    });
    const answer = await exchange('staff', initData);
    expect(answer.status).toBe(200);
    expect(answer.body['user']).toMatchObject({ email: 'broker@demo.local', kind: 'staff' });
  });

  it('the same launch data is accepted once, even when sent twice at the same moment', async () => {
    const initData = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: CLIENT_TG,
      authDate: seconds() - 1,
    });
    const [a, b] = await Promise.all([exchange('client', initData), exchange('client', initData)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const again = await exchange('client', initData);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'unauthorized', reason: 'init_data_replayed' });
  });

  it('forged data is refused: another user id, another bot’s token, a made-up hash', async () => {
    const forgedUser = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: UNLINKED_TG,
      authDate: seconds(),
      tamper: { user: JSON.stringify({ id: CLIENT_TG, first_name: 'Mallory' }) },
    });
    const otherBot = signInitData({
      token: TEST_STAFF_BOT_TOKEN,
      telegramUserId: CLIENT_TG,
      authDate: seconds(),
    });
    for (const initData of [
      forgedUser,
      otherBot,
      'user=%7B%22id%22%3A1%7D&auth_date=1&hash=' + 'a'.repeat(64),
    ]) {
      const answer = await exchange('client', initData);
      expect([answer.status, answer.body['reason']]).toEqual([401, 'init_data_invalid']);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
  });

  it('launch data older than an hour is refused as stale', async () => {
    const initData = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: CLIENT_TG,
      authDate: seconds() - 3601,
    });
    const answer = await exchange('client', initData);
    expect([answer.status, answer.body['reason']]).toEqual([401, 'init_data_stale']);
  });

  it('a Telegram user with no linked account gets telegram_not_linked, never someone’s session', async () => {
    for (const [bot, token, tg] of [
      ['client', TEST_CLIENT_BOT_TOKEN, UNLINKED_TG],
      // Linked once, unlinked since.
      ['client', TEST_CLIENT_BOT_TOKEN, UNLINKED_LINK_TG],
      // A staff member's Telegram account in the client bot is not a client account.
      ['client', TEST_CLIENT_BOT_TOKEN, STAFF_TG],
      // A client's Telegram account in the staff bot.
      ['staff', TEST_STAFF_BOT_TOKEN, CLIENT_TG],
    ] as const) {
      const answer = await exchange(bot, signInitData({ token, telegramUserId: tg, authDate: seconds() }));
      expect([bot, tg, answer.status, answer.body['reason']]).toEqual([bot, tg, 403, 'telegram_not_linked']);
      expect(answer.body).not.toHaveProperty('token');
    }
  });

  it('a locked account does not open; bad input is a 400 that names the field', async () => {
    const admin = await f.login('admin@demo.local');
    await f.call('PATCH', `/api/v1/admin/staff/${f.actor('broker@demo.local').userId}`, {
      token: admin,
      body: { active: false },
    });
    const locked = await exchange(
      'staff',
      signInitData({ token: TEST_STAFF_BOT_TOKEN, telegramUserId: STAFF_TG, authDate: seconds() }),
    );
    expect([locked.status, locked.body['reason']]).toEqual([403, 'telegram_not_linked']);
    const bad = await f.call('POST', '/api/v1/auth/telegram', { body: { bot: 'other', initData: '' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body['errors'] as object).sort()).toEqual(['bot', 'initData']);
  });
});
