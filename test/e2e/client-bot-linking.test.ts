import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { BotDriver } from '../support/bot-driver.js';
import { createBotWorld, textOf, type BotWorld, type TgPerson } from '../support/bot-world.js';

jest.setTimeout(120_000);

const PASSWORD = 'demo-password-1';

/*
 * Issue 17, item 6 (security drill, PostgreSQL + the fake Bot API): linking the client bot proves more than the
 * phone. Sharing the contact and typing a code sent to that phone (all a SIM swap gives) no longer links; the
 * cabinet password is asked for and deleted from the chat; the client is told by e-mail, with a one-time undo link.
 */
describe('linking the client bot', () => {
  let w: BotWorld;
  let d: BotDriver;

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling' });
    d = new BotDriver(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  const person = (name: string, username?: string): TgPerson => {
    const user = w.fake.createUser({
      first_name: name,
      language_code: 'ru',
      ...(username ? { username } : {}),
    });
    return { user, chat: w.fake.privateChat(user) };
  };
  const linkOf = (p: TgPerson) =>
    w.container.orm.em
      .fork()
      .findOne(TelegramLinkSchema, { bot: 'client', telegramUserId: String(p.user.id) });

  /** The e-mails the notifier wrote so far (decoded), newest last. */
  const emails = (): { to: string; text: string }[] => {
    const dir = join(w.container.config.dataDir, 'outbox', 'email');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .sort()
      .map((file) => {
        const eml = readFileSync(join(dir, file), 'utf8');
        const [head = '', body = ''] = eml.split('\r\n\r\n');
        const to = /^To: (.*)$/m.exec(head)?.[1] ?? '';
        return { to, text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
      });
  };
  const waitForEmail = async (to: string, contains: string): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = emails().find((m) => m.to === to && m.text.includes(contains));
      if (found) return found.text;
      if (Date.now() > deadline) throw new Error(`no e-mail to ${to} containing ${contains}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  test('contact and SMS code alone (a SIM swap) no longer link: the password is asked first, a wrong one is never told apart', async () => {
    const thief = person('Вор');
    const mark = w.smsTo('+79990000003');
    w.clientBot.userSendsContact(thief.chat, thief.user, '79990000003');
    await d.next(thief.chat, 'пароль от Кабинета');
    // No code goes out for the contact alone.
    expect(w.smsTo('+79990000003')).toBe(mark);
    const answer = await d.say(w.clientBot, thief, 'wrong-password', 'Введите код из SMS');
    expect(textOf(answer)).toContain('Если номер и пароль верны');
    // A wrong password sends nothing and no code works; the answer blames neither part.
    expect(w.smsTo('+79990000003')).toBe(mark);
    await d.say(w.clientBot, thief, '123456', 'Пароль или код не подошли');
    expect(await linkOf(thief)).toBeNull();
  });

  test('the password message is deleted from the chat; password and SMS code link; the client gets an e-mail with an undo link that works once', async () => {
    const client = person('Ольга', 'olga_tg');
    const mark = w.smsCount();
    w.clientBot.userSendsContact(client.chat, client.user, '+79990000003');
    await d.next(client.chat, 'пароль от Кабинета');
    const typed = w.clientBot.userSendsText(client.chat, client.user, PASSWORD);
    await d.next(client.chat, 'Введите код из SMS');
    expect(w.fake.message(client.chat.id, typed.message_id)?.deleted).toBe(true);
    expect(w.fake.recordedCalls({ method: 'deleteMessage', chatId: client.chat.id })).toHaveLength(1);
    await d.say(w.clientBot, client, await w.smsCode('company@demo.local', mark), 'Telegram привязан');
    expect((await linkOf(client))?.status).toBe('active');

    const mail = await waitForEmail('company@demo.local', 'привязан аккаунт Telegram');
    expect(mail).toContain(`@olga_tg (id ${String(client.user.id)})`);
    const url = /(https?:\/\/\S+\/telegram-links\/revoke\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '';
    expect(url).not.toBe('');
    const token = new URL(url).searchParams.get('token') ?? '';
    expect(mail).not.toContain(PASSWORD);

    // Opening the link only shows a form (mail scanners fetch links): nothing changes yet.
    const shown = await fetch(`${w.base}/telegram-links/revoke?token=${token}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await shown.text()).toContain('<form method="post"');
    expect((await linkOf(client))?.status).toBe('active');

    const undone = await fetch(`${w.base}/telegram-links/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(undone.status).toBe(200);
    expect(await undone.text()).toContain('отвязан');
    expect((await linkOf(client))?.status).toBe('unlinked');
    await d.say(w.clientBot, client, '/requests', 'Сначала привяжите');

    const again = await fetch(`${w.base}/api/v1/telegram-links/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(again.status).toBe(404);
  });

  test('linking by the cabinet’s one-time deep link is announced by e-mail too, and the cabinet can unlink', async () => {
    const before = emails().filter((m) => m.to === 'ip@demo.local').length;
    const linked = await d.linkClientByDeepLink('ip@demo.local', 'Пётр');
    const mail = await waitForEmail('ip@demo.local', 'привязан аккаунт Telegram');
    expect(mail).toContain(`id ${String(linked.user.id)}`);
    expect(mail).toMatch(/\/telegram-links\/revoke\?token=/);
    expect(emails().filter((m) => m.to === 'ip@demo.local').length).toBeGreaterThan(before);

    // The cabinet can end it as well.
    const token = await d.apiLogin('ip@demo.local');
    const ended = await fetch(`${w.base}/api/v1/me/telegram-link`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ unlinked: true });
    expect((await linkOf(linked))?.status).toBe('unlinked');
  });

  test('password guesses are throttled like every password check: the sixth is refused even when right', async () => {
    const guesser = person('Гость');
    for (let i = 0; i < 5; i += 1) {
      w.clientBot.userSendsContact(guesser.chat, guesser.user, '+79990000001');
      await d.next(guesser.chat, 'пароль от Кабинета');
      await d.say(w.clientBot, guesser, `guess-${String(i)}`, 'Введите код из SMS');
    }
    const mark = w.smsTo('+79990000001');
    w.clientBot.userSendsContact(guesser.chat, guesser.user, '+79990000001');
    await d.next(guesser.chat, 'пароль от Кабинета');
    await d.say(w.clientBot, guesser, PASSWORD, 'Слишком часто');
    expect(w.smsTo('+79990000001')).toBe(mark);
    expect(await linkOf(guesser)).toBeNull();
  });
});
