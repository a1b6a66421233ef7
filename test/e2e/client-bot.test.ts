import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { RequestSchema } from '../../src/workflow/request.entity.js';
import { BotDriver } from '../support/bot-driver.js';
import { buttons, createBotWorld, textOf, type BotWorld, type TgPerson } from '../support/bot-world.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';

jest.setTimeout(120_000);

/** The client bot's lists, details, cancel, language and unlink; and how it weathers Telegram's refusals. */
describe('the client bot', () => {
  let w: BotWorld;
  let d: BotDriver;
  let client: TgPerson;

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling' });
    d = new BotDriver(w);
    client = await d.linkClientByDeepLink('client@demo.local');
  });
  afterAll(async () => {
    await w?.close();
  });

  const link = () =>
    w.container.orm.em
      .fork()
      .findOneOrFail(TelegramLinkSchema, { bot: 'client', telegramUserId: String(client.user.id) });

  test('my requests come five to a page, with arrows that turn the page in place', async () => {
    const actor = w.actor('client@demo.local');
    for (let i = 0; i < 7; i += 1)
      await w.container.workflow.createDraft(actor, {
        type: 'broker_report',
        payload: SAMPLE_PAYLOADS.broker_report,
      });
    const list = await d.say(w.clientBot, client, '/requests', 'Мои заявки');
    expect(textOf(list)).toContain('стр. 1 из 2');
    expect(buttons(list).filter((b) => /^\d{4}-\d{6}/.test(b.text))).toHaveLength(5);
    await d.press(w.clientBot, client, list, 'Дальше');
    const page2 = await d.until(client.chat, list, 'стр. 2 из 2');
    expect(buttons(page2).filter((b) => /^\d{4}-\d{6}/.test(b.text))).toHaveLength(2);
    expect(buttons(page2).map((b) => b.text)).toContain('◀ Назад');
  });

  test('a draft is deleted from its details', async () => {
    const drafts = await d.say(w.clientBot, client, '/drafts', 'Черновики');
    const first = buttons(drafts).find((b) => /^\d{4}-\d{6}/.test(b.text));
    const number = first?.text.slice(0, 11) ?? '';
    await d.press(w.clientBot, client, drafts, number);
    const details = await d.next(client.chat, `Заявка ${number}`);
    await d.press(w.clientBot, client, details, 'Удалить черновик');
    await d.next(client.chat, `Черновик ${number} удалён`);
    expect(await w.container.orm.em.fork().count(RequestSchema, { number })).toBe(0);
  });

  test('a signed request is cancelled from its details after a confirmation', async () => {
    const actor = w.actor('client@demo.local');
    const draft = await w.container.workflow.createDraft(actor, {
      type: 'tax_certificate',
      payload: SAMPLE_PAYLOADS.tax_certificate,
    });
    const { payloadHash } = await w.container.workflow.submit(actor, draft.id);
    await w.container.workflow.confirmSignature(actor, draft.id, payloadHash, { channel: 'api' });
    const list = await d.say(w.clientBot, client, '/requests', 'Мои заявки');
    await d.press(w.clientBot, client, list, draft.number);
    const details = await d.next(client.chat, `Заявка ${draft.number}`);
    expect(textOf(details)).toContain('подписана, ждёт менеджера');
    // The print form from the details screen.
    await d.press(w.clientBot, client, details, 'Печатная форма (PDF)');
    const pdf = await w.fake.waitForBotMessage(client.chat.id, (m) => m.message.document !== undefined);
    expect(pdf.message.document?.file_name).toBe(`${draft.number}.pdf`);
    await d.press(w.clientBot, client, details, 'Отменить заявку');
    const question = await d.next(client.chat, 'Отменить заявку');
    await d.press(w.clientBot, client, question, 'Да, отменить');
    await d.until(client.chat, question, 'отменена');
    const row = await w.container.orm.em.fork().findOneOrFail(RequestSchema, { id: draft.id });
    expect(row.status).toBe('cancelled');
  });

  test('an expired code is answered clearly, a new one is sent on request, and it signs', async () => {
    const actor = w.actor('client@demo.local');
    const draft = await w.container.workflow.createDraft(actor, {
      type: 'tax_certificate',
      payload: SAMPLE_PAYLOADS.tax_certificate,
    });
    const drafts = await d.say(w.clientBot, client, '/drafts', 'Черновики');
    await d.press(w.clientBot, client, drafts, draft.number);
    const details = await d.next(client.chat, `Заявка ${draft.number}`);
    let mark = w.smsCount();
    await d.press(w.clientBot, client, details, 'Подписать и отправить');
    const asked = await d.next(client.chat, 'ждёт подписи');
    // Before the code: the print form the code signs, as a PDF document (issue 11 item 3).
    const form = await w.fake.waitForBotMessage(client.chat.id, (m) => m.message.document !== undefined);
    expect(form.message.document?.file_name).toBe(`${draft.number}.pdf`);
    expect(form.message.document?.file_size ?? 0).toBeGreaterThan(10_000);
    expect(form.message.caption).toContain('именно этот документ вы подписываете');
    const stale = await w.smsCode('client@demo.local', mark);
    // Five minutes later (the challenge's clock moved on): the code no longer works.
    await w.container.orm.em
      .fork()
      .execute("update challenges set expires_at = now() - interval '1 minute' where target = ?", [draft.id]);
    await d.say(w.clientBot, client, stale, 'Срок действия кода истёк');
    mark = w.smsCount();
    await d.press(w.clientBot, client, asked, 'Новый код');
    await d.next(client.chat, 'Новый код отправлен');
    const fresh = await w.smsCode('client@demo.local', mark);
    expect(fresh).not.toBe('');
    await d.say(w.clientBot, client, fresh, 'подписана');
    await d.say(w.clientBot, client, fresh, 'уже использован');
    const row = await w.container.orm.em.fork().findOneOrFail(RequestSchema, { id: draft.id });
    expect(row.status).toBe('submitted');
  });

  test('cancelling the dialogue files nothing and forgets the answers', async () => {
    const before = await w.container.orm.em.fork().count(RequestSchema, {});
    const types = await d.say(w.clientBot, client, '/new', 'Какую заявку');
    await d.press(w.clientBot, client, types, 'Налоговая справка');
    const question = await d.next(client.chat, 'шаг 1');
    await d.press(w.clientBot, client, question, 'Отмена');
    await d.next(client.chat, 'Заявка не создана');
    await d.say(w.clientBot, client, '2025', 'Не понял');
    expect(await w.container.orm.em.fork().count(RequestSchema, {})).toBe(before);
  });

  test('the language switches to English and back', async () => {
    const choose = await d.say(w.clientBot, client, '/language', 'Выберите язык');
    await d.press(w.clientBot, client, choose, 'English');
    await d.next(client.chat, 'the bot speaks English');
    await d.say(w.clientBot, client, '/help', 'What the bot does');
    const again = await d.say(w.clientBot, client, '/language', 'Choose the language');
    await d.press(w.clientBot, client, again, 'Русский');
    await d.next(client.chat, 'бот говорит по-русски');
  });

  test('a 429 from Telegram is waited out (retry_after) and the answer still arrives', async () => {
    w.fake.injectFault({ method: 'sendMessage', chatId: client.chat.id, errorCode: 429, retryAfter: 1 });
    const started = Date.now();
    await d.say(w.clientBot, client, '/help', 'Что умеет бот');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const calls = w.fake.recordedCalls({ method: 'sendMessage', chatId: client.chat.id }).slice(-2);
    expect(calls.map((c) => c.errorCode ?? 200)).toEqual([429, 200]);
  });

  test('a failure inside a handler gets a short apology, and the bot keeps going', async () => {
    w.fake.injectFault({
      method: 'sendMessage',
      chatId: client.chat.id,
      errorCode: 400,
      description: 'injected',
    });
    w.clientBot.userSendsText(client.chat, client.user, '/help');
    await d.next(client.chat, 'Что-то пошло не так');
    await d.say(w.clientBot, client, '/help', 'Что умеет бот');
  });

  test('a 403 (the person blocked the bot) is recorded on the link, and writing again revives it', async () => {
    w.fake.injectFault({ method: 'sendMessage', chatId: client.chat.id, errorCode: 403, times: 2 });
    w.clientBot.userSendsText(client.chat, client.user, '/help');
    const deadline = Date.now() + 5000;
    while ((await link()).status !== 'blocked' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect((await link()).status).toBe('blocked');
    await d.say(w.clientBot, client, '/help', 'Что умеет бот');
    expect((await link()).status).toBe('active');
  });

  test('Telegram notices are turned off and on again from the menu', async () => {
    const menu = await d.say(w.clientBot, client, '/menu', 'Что сделать');
    await d.press(w.clientBot, client, menu, 'Уведомления');
    const on = await d.next(client.chat, 'приходят сюда');
    await d.press(w.clientBot, client, on, 'Выключить');
    const off = await d.next(client.chat, 'выключены');
    expect((await link()).mutedUntil?.getUTCFullYear()).toBe(9999);
    await d.press(w.clientBot, client, off, 'Включить');
    await d.next(client.chat, 'приходят сюда');
    expect((await link()).mutedUntil ?? null).toBeNull();
  });

  test('unlinking ends the link; the bot then asks to link again', async () => {
    const question = await d.say(w.clientBot, client, '/unlink', 'Отвязать Telegram');
    await d.press(w.clientBot, client, question, 'Да, отвязать');
    await d.next(client.chat, 'Telegram отвязан');
    expect((await link()).status).toBe('unlinked');
    await d.say(w.clientBot, client, '/requests', 'Сначала привяжите');
  });
});
