import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { RequestSchema } from '../../src/workflow/request.entity.js';
import { BotDriver } from '../support/bot-driver.js';
import {
  buttons,
  createBotWorld,
  textOf,
  tgPerson,
  type BotWorld,
  type TgPerson,
} from '../support/bot-world.js';
import type { StoredMessage, TgChat } from '../support/fake-telegram/server.js';

jest.setTimeout(120_000);

/*
 * The bots in webhook mode: Telegram (the fake) posts updates to the app's Koa routes with the secret header.
 * Linking by the phone contact, the cabinet password and an SMS code; a draft saved, reopened and signed; a return with a reason
 * asked of the presser only; the webhook's own guards (secret, repeated update ids).
 */
describe('the bots behind webhooks', () => {
  let w: BotWorld;
  let d: BotDriver;
  let client: TgPerson;
  let manager: TgPerson;
  let managerChat: TgChat;
  let number = '';

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'webhook' });
    d = new BotDriver(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  const post = (path: string, body: unknown, secret?: string) =>
    fetch(`${w.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  test('both webhooks are registered with the secret', () => {
    expect(w.runtime.mode).toBe('webhook');
    expect(w.clientBot.webhook).toEqual({ url: `${w.base}/telegram/client`, secretToken: w.webhookSecret });
    expect(w.staffBot.webhook).toEqual({ url: `${w.base}/telegram/staff`, secretToken: w.webhookSecret });
  });

  test("a stranger is offered the contact button; someone else's contact is refused", async () => {
    client = tgPerson(w.fake, 'Иван');
    const welcome = await d.say(w.clientBot, client, '/start', 'Здравствуйте');
    expect(welcome.message.reply_markup).toBeUndefined(); // a reply keyboard, not inline buttons
    // Not a client yet: the public questionnaire is offered too (issue 12).
    expect(welcome.message.text).toContain(`Откройте счёт онлайн — анкета здесь: ${w.base}/open-account`);
    const call = w.fake.recordedCalls({ method: 'sendMessage', chatId: client.chat.id }).at(-1);
    expect(JSON.stringify(call?.params['reply_markup'])).toContain('request_contact');
    const message = w.fake.storeUserMessage(client.chat, client.user, {
      contact: { phone_number: '+79990000001', first_name: 'Кто-то', user_id: client.user.id + 1 },
    });
    w.clientBot.enqueue({ message });
    await d.next(client.chat, 'своим номером');
  });

  test('the client links by sharing the phone contact, the cabinet password and the SMS code (a wrong one first)', async () => {
    const mark = w.smsCount();
    const toPhone = w.smsTo('+79990000001');
    w.clientBot.userSendsContact(client.chat, client.user, '79990000001');
    await d.next(client.chat, 'пароль от Кабинета');
    expect(w.smsTo('+79990000001')).toBe(toPhone);
    const password = w.clientBot.userSendsText(client.chat, client.user, 'demo-password-1');
    await d.next(client.chat, 'Введите код из SMS');
    expect(w.fake.message(client.chat.id, password.message_id)?.deleted).toBe(true);
    const code = await w.smsCode('client@demo.local', mark);
    await d.say(w.clientBot, client, code === '123456' ? '654321' : '123456', 'Осталось попыток: 4');
    await d.say(w.clientBot, client, code, 'Telegram привязан');
    const link = await w.container.orm.em
      .fork()
      .findOneOrFail(TelegramLinkSchema, { bot: 'client', telegramUserId: String(client.user.id) });
    expect(link.userId).toBe(w.actor('client@demo.local').userId);
  });

  test('a phone nobody has gets the same answer, and no code works for it', async () => {
    const stranger = tgPerson(w.fake, 'Некто');
    // Counted per phone: the notice of the linking above may reach the client's phone meanwhile.
    const before = w.smsTo('+79991112233');
    w.clientBot.userSendsContact(stranger.chat, stranger.user, '+79991112233');
    await d.next(stranger.chat, 'пароль от Кабинета');
    const answer = await d.say(w.clientBot, stranger, 'some-password', 'Введите код из SMS');
    expect(textOf(answer)).toContain('Если номер и пароль верны');
    expect(w.smsTo('+79991112233')).toBe(before);
    await d.say(w.clientBot, stranger, '123456', 'не подошли');
  });

  test('a draft saved in the dialogue is reopened from /drafts, edited and signed', async () => {
    const bot = w.clientBot;
    const types = await d.say(bot, client, '/new', 'Какую заявку');
    await d.press(bot, client, types, 'Обращение');
    const category = await d.next(client.chat, 'категорию');
    await d.press(bot, client, category, 'Вопрос');
    await d.say(bot, client, 'Комиссия за вывод', 'Опишите вопрос');
    const summary = await d.say(
      bot,
      client,
      'Какая комиссия за вывод на счёт в другом банке?',
      'Проверьте заявку',
    );
    await d.press(bot, client, summary, 'Сохранить черновик');
    const saved = await d.next(client.chat, 'Черновик');
    number = /(\d{4}-\d{6})/.exec(textOf(saved))?.[1] ?? '';
    expect(number).not.toBe('');

    const drafts = await d.say(bot, client, '/drafts', 'Черновики');
    await d.press(bot, client, drafts, number);
    const details = await d.next(client.chat, `Заявка ${number}`);
    expect(textOf(details)).toContain('Статус: черновик');
    await d.press(bot, client, details, 'Изменить');
    const reopened = await d.next(client.chat, 'Проверьте заявку');
    await d.press(bot, client, reopened, '← Назад');
    await d.next(client.chat, 'Опишите вопрос');
    await d.say(bot, client, 'Какая комиссия за вывод денег на счёт в другом банке?', 'Проверьте заявку');
    const summary2 = w.fake.botMessages(client.chat.id).at(-1) as StoredMessage;
    const mark = w.smsCount();
    await d.press(bot, client, summary2, 'Подписать и отправить');
    await d.next(client.chat, number);
    await d.say(bot, client, await w.smsCode('client@demo.local', mark), 'подписана');
    const row = await w.container.orm.em.fork().findOneOrFail(RequestSchema, { number });
    expect(row.status).toBe('submitted');
    expect(row.payload['text']).toBe('Какая комиссия за вывод денег на счёт в другом банке?');
  });

  test('the manager opens it from /tasks, takes it and returns it with a reason the client then reads', async () => {
    const admin = await d.linkStaff('admin@demo.local', 'Админ');
    manager = await d.linkStaff('manager@demo.local', 'Мария');
    managerChat = w.fake.createGroup('Менеджеры');
    await d.say(w.staffBot, admin, '/bind client_manager', 'привязан', managerChat);
    // Signed before the chat was bound: the manager finds it under /tasks and opens its card there.
    const tasks = await d.say(w.staffBot, manager, '/tasks', number);
    await d.press(w.staffBot, manager, tasks, number);
    const card = await d.next(manager.chat, 'проверка менеджером');
    await d.press(w.staffBot, manager, card, 'Взять');
    const taken = await d.until(manager.chat, card, 'на рассмотрении у Менеджерова Мария');
    expect(buttons(taken).map((b) => b.text)).toContain('↩️ Вернуть клиенту');
    await d.press(w.staffBot, manager, taken, 'Вернуть клиенту');
    await d.next(manager.chat, 'что клиенту нужно исправить');
    await d.say(w.staffBot, manager, 'Уточните номер счёта', 'возвращена клиенту');
    await d.until(manager.chat, card, 'возвращена клиенту (Менеджерова Мария): Уточните номер счёта');
    const pushed = await d.next(client.chat, new RegExp(`${number}[\\s\\S]*возвращена`));
    expect(textOf(pushed)).not.toContain('Уточните номер счёта'); // reasons stay out of Telegram pushes
    await d.press(w.clientBot, client, pushed, 'Подробнее');
    const details = await d.next(client.chat, `Заявка ${number}`);
    expect(textOf(details)).toContain('Статус: возвращена на доработку');
    expect(textOf(details)).toContain('Уточните номер счёта');
  });

  test('a webhook call without the secret, or with a wrong one, is refused and not handled', async () => {
    const before = w.fake.botMessages(client.chat.id).length;
    const update = {
      update_id: 999_000_001,
      message: {
        message_id: 9001,
        date: Math.floor(Date.now() / 1000),
        chat: client.chat,
        from: client.user,
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    expect((await post('/telegram/client', update)).status).toBe(401);
    expect((await post('/telegram/client', update, 'not-the-secret-at-all')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.fake.botMessages(client.chat.id).length).toBe(before);
  });

  test('a repeated update id is answered but handled once', async () => {
    const before = w.fake.botMessages(client.chat.id).length;
    const update = {
      update_id: 999_000_002,
      message: {
        message_id: 9002,
        date: Math.floor(Date.now() / 1000),
        chat: client.chat,
        from: client.user,
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    expect((await post('/telegram/client', update, w.webhookSecret)).status).toBe(200);
    expect((await post('/telegram/client', update, w.webhookSecret)).status).toBe(200);
    await d.next(client.chat, 'Что умеет бот');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.fake.botMessages(client.chat.id).length).toBe(before + 1);
  });
});
