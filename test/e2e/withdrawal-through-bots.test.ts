import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { RequestSchema } from '../../src/workflow/request.entity.js';
import { TaskSchema } from '../../src/workflow/task.entity.js';
import { BotDriver } from '../support/bot-driver.js';
import {
  button,
  buttons,
  createBotWorld,
  textOf,
  tgPerson,
  type BotWorld,
  type TgPerson,
} from '../support/bot-world.js';
import type { StoredMessage, TgChat } from '../support/fake-telegram/server.js';

jest.setTimeout(180_000);

/*
 * One withdrawal over 1,000,000 RUB through both bots in long-polling mode, against the fake Bot API over real
 * HTTP and the real app on PostgreSQL: the client links and files it as a dialogue, signs it with the SMS code,
 * the client manager takes and accepts it from the manager chat, every role works its tasks from its role
 * chat (the 4-eyes task by two people), and the client hears "completed". Refused presses change nothing.
 */
describe('a withdrawal through the bots (long polling)', () => {
  let w: BotWorld;
  let d: BotDriver;
  let client: TgPerson;
  const staff: Record<string, TgPerson> = {};
  const chats: Record<string, TgChat> = {};
  let number = '';
  let requestId = '';

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling' });
    d = new BotDriver(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  const clientBot = () => w.clientBot;
  const staffBot = () => w.staffBot;

  test('the client links the chat with the one-time deep link from POST /me/telegram-link', async () => {
    client = await d.linkClientByDeepLink('client@demo.local');
    const links = await w.container.orm.em.fork().find(TelegramLinkSchema, { bot: 'client' });
    expect(links).toHaveLength(1);
    expect(links[0]?.userId).toBe(w.actor('client@demo.local').userId);
  });

  test('staff link by invite and code, and the administrator binds a group to each role', async () => {
    staff.admin = await d.linkStaff('admin@demo.local', 'Админ');
    for (const [login, name] of [
      ['manager@demo.local', 'Мария'],
      ['finmon@demo.local', 'Фаина'],
      ['finmon2@demo.local', 'Фёдор'],
      ['broker@demo.local', 'Бронислав'],
      ['backoffice@demo.local', 'Борис'],
      ['accountant@demo.local', 'Анна'],
    ] as const) {
      staff[login] = await d.linkStaff(login, name);
    }
    for (const role of [
      'client_manager',
      'fin_monitoring',
      'brokerage',
      'back_office',
      'accountant',
    ] as const) {
      chats[role] = await d.bindGroup(staff.admin, role);
    }
  });

  test('a non-admin may not bind a group', async () => {
    const group = w.fake.createGroup('Someone else');
    const answer = await d.say(
      staffBot(),
      staff['broker@demo.local'] as TgPerson,
      '/bind brokerage',
      'администратор',
      group,
    );
    expect(textOf(answer)).toContain('только администратор');
  });

  test('the client files the withdrawal as a dialogue: buttons for options, each answer checked', async () => {
    const bot = clientBot();
    const types = await d.say(bot, client, '/new', 'Какую заявку');
    await d.press(bot, client, types, 'Вывод денежных средств');
    await d.next(client.chat, 'номер договора');
    await d.say(bot, client, 'БО-0001/26', 'сумму к выводу');
    const wrongAmount = await d.say(bot, client, '12,345', 'Исправьте');
    expect(textOf(wrongAmount)).toContain('не больше двух знаков после запятой');
    const currency = await d.say(bot, client, '1 500 000,00', 'валюту');
    await d.press(bot, client, currency, 'Рубли');
    await d.next(client.chat, 'БИК');
    const wrongBic = await d.say(bot, client, '12345', 'Исправьте');
    expect(textOf(wrongBic)).toContain('БИК');
    await d.say(bot, client, '044525225', 'наименование банка');
    await d.say(bot, client, 'ПАО Сбербанк', 'орреспондентск');
    await d.say(bot, client, '30101810400000000225', 'счёта получателя');
    await d.say(bot, client, '40817810000000001234', 'олучател');
    const comment = await d.say(bot, client, 'Иванов Иван Иванович', 'Комментарий');
    // Back: the previous question again; then forward once more.
    await d.press(bot, client, comment, '← Назад');
    await d.next(client.chat, 'олучател');
    const again = await d.say(bot, client, 'Иванов Иван Иванович', 'Комментарий');
    await d.press(bot, client, again, 'Пропустить');
    const summary = await d.next(client.chat, 'Проверьте заявку');
    expect(textOf(summary)).toContain('1\u00a0500\u00a0000,00');
    expect(textOf(summary)).toContain('…1234');
    expect(textOf(summary)).not.toContain('40817810000000001234');
    expect(buttons(summary).map((b) => b.text)).toEqual(
      expect.arrayContaining(['✍️ Подписать и отправить', '💾 Сохранить черновик', '✖ Отмена']),
    );

    const mark = w.smsCount();
    await d.press(bot, client, summary, 'Подписать и отправить');
    const askCode = await d.next(client.chat, 'ждёт подписи');
    number = /(\d{4}-\d{6})/.exec(textOf(askCode))?.[1] ?? '';
    expect(number).not.toBe('');
    const code = await w.smsCode('client@demo.local', mark);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(textOf(await d.say(bot, client, wrong, 'неверный'))).toContain('Осталось попыток: 4');
    expect(textOf(await d.say(bot, client, code, 'подписана'))).toContain(number);
    // The same code again: answered clearly, and nothing is signed twice.
    expect(textOf(await d.say(bot, client, code, 'уже использован'))).toContain(number);
    const row = await w.container.orm.em.fork().findOneOrFail(RequestSchema, { number });
    requestId = row.id;
    expect(row.status).toBe('submitted');
    const signatures = await w.container.orm.em
      .fork()
      .execute<{ channel: string; telegram_user_id: string }[]>(
        'select channel, telegram_user_id from signatures where request_id = ?',
        [requestId],
      );
    expect(signatures).toEqual([{ channel: 'bot', telegram_user_id: String(client.user.id) }]);
  });

  let review: StoredMessage;

  test('the manager chat gets the card; an outsider and another role are refused; the manager takes it', async () => {
    const chat = chats.client_manager as TgChat;
    review = await d.next(chat, number);
    const outsider = tgPerson(w.fake, 'Посторонний');
    const refused = await d.press(staffBot(), outsider, review, 'Взять', chat);
    expect(refused).toMatchObject({ show_alert: true, text: expect.stringContaining('не привязаны') });
    const wrongRole = await d.press(
      staffBot(),
      staff['backoffice@demo.local'] as TgPerson,
      review,
      'Взять',
      chat,
    );
    expect(wrongRole).toMatchObject({
      show_alert: true,
      text: expect.stringContaining('клиентский менеджер'),
    });
    expect((await w.container.workflow.getRequest(w.actor('manager@demo.local'), requestId)).status).toBe(
      'submitted',
    );

    const manager = staff['manager@demo.local'] as TgPerson;
    expect(await d.press(staffBot(), manager, review, 'Взять', chat)).toMatchObject({
      text: expect.stringContaining('ваша'),
    });
    review = await d.until(chat, review, 'на рассмотрении у Менеджерова Мария');
  });

  test('the manager ticks the review checklist and accepts; Accept before the ticks is refused', async () => {
    const chat = chats.client_manager as TgChat;
    const manager = staff['manager@demo.local'] as TgPerson;
    const early = await d.press(staffBot(), manager, review, 'Принять в работу', chat);
    expect(early).toMatchObject({ show_alert: true, text: expect.stringContaining('осталось 2') });
    await d.press(staffBot(), manager, review, /1\. Данные заявки/, chat);
    await d.press(staffBot(), manager, review, /2\. Полномочия/, chat);
    review = await d.until(chat, review, /☑ 2\./);
    await d.press(staffBot(), manager, review, 'Принять в работу', chat);
    review = await d.until(chat, review, 'принята в работу');
    expect(buttons(review).map((b) => b.text)).toEqual(['🔎 Открыть']);
  });

  const taskCard = async (role: string, title: string): Promise<StoredMessage> =>
    d.next(chats[role] as TgChat, new RegExp(`${title}[\\s\\S]*${number}`));

  /** Ticks every checklist item of a task card as `person`, then presses Done; the toast. */
  const complete = async (
    role: string,
    card: StoredMessage,
    person: TgPerson,
  ): Promise<string | undefined> => {
    const chat = chats[role] as TgChat;
    let current = d.current(chat, card);
    for (const item of buttons(current).filter((b) => b.text.startsWith('☐'))) {
      await d.pressData(staffBot(), person, current, item.data, chat);
      current = d.current(chat, card);
    }
    const answer = await d.press(staffBot(), person, current, 'Готово', chat);
    return answer.text;
  };

  test('fin_monitoring and brokerage work the first stage; the wrong role and double presses are refused', async () => {
    const fm = chats.fin_monitoring as TgChat;
    const screening = await taskCard('fin_monitoring', 'Проверка операции');
    const mandatory = await taskCard('fin_monitoring', 'Обязательный контроль');
    const funds = await taskCard('brokerage', 'Проверка и блокировка средств');
    const finmon = staff['finmon@demo.local'] as TgPerson;
    const finmon2 = staff['finmon2@demo.local'] as TgPerson;
    const broker = staff['broker@demo.local'] as TgPerson;

    // A broker pressing a fin_monitoring card: refused, nothing changes.
    const wrongRole = await d.press(staffBot(), broker, screening, 'Взять', fm);
    expect(wrongRole).toMatchObject({
      show_alert: true,
      text: expect.stringContaining('Финансовый мониторинг'),
    });

    // Two colleagues press Take at the same moment: the first valid press wins, the other hears by whom.
    const take = button(screening, 'Взять');
    const first = staffBot().userPressesButton(fm, finmon.user, screening.message.message_id, take);
    const second = staffBot().userPressesButton(fm, finmon2.user, screening.message.message_id, take);
    const answers = [
      await staffBot().waitForCallbackAnswer(first),
      await staffBot().waitForCallbackAnswer(second),
    ];
    const winner = answers[0]?.['text'] === 'Задача ваша.' ? finmon : finmon2;
    const winnerName = winner === finmon ? 'Мониторова Фаина' : 'Контролёв Фёдор';
    expect(answers.map((a) => a['text']).sort()).toEqual(
      ['Задача ваша.', `Уже взята: ${winnerName}.`].sort(),
    );
    await d.until(fm, screening, `в работе у ${winnerName}`);
    const claimed = await w.container.orm.em
      .fork()
      .findOneOrFail(TaskSchema, { requestId, key: { $like: '%aml_screening%' } });
    expect(claimed.assigneeId).toBe(
      w.actor(winner === finmon ? 'finmon@demo.local' : 'finmon2@demo.local').userId,
    );
    // The loser may not tick the winner's checklist either.
    const loser = winner === finmon ? finmon2 : finmon;
    const tick = await d.press(staffBot(), loser, screening, /☐ 1\./, fm);
    expect(tick).toMatchObject({ show_alert: true, text: `Уже взята: ${winnerName}.` });
    expect(await complete('fin_monitoring', screening, winner)).toBe('Готово, спасибо!');
    const done = await d.until(fm, screening, `выполнено (${winnerName})`);
    expect(buttons(done).map((b) => b.text)).toEqual(['🔎 Открыть']);
    // A press on a finished task from an old keyboard: "already done by …".
    const stale = staffBot().enqueue({
      callback_query: {
        id: 'stale-done',
        from: loser.user,
        message: screening.message,
        chat_instance: 'x',
        data: take,
      },
    });
    void stale;
    staffBot().callbackAnswers.set('stale-done', null);
    expect(await staffBot().waitForCallbackAnswer('stale-done')).toMatchObject({
      text: `Уже выполнено: ${winnerName}.`,
    });

    // 4-eyes: the first approval, the same person again refused, then a second person.
    expect(await complete('fin_monitoring', mandatory, finmon)).toContain('Нужен ещё один сотрудник');
    await d.until(fm, mandatory, 'Подтверждения (4 глаза): 1 из 2');
    const sameAgain = await d.press(staffBot(), finmon, d.current(fm, mandatory), /☐ 1\./, fm);
    expect(sameAgain).toMatchObject({ show_alert: true, text: expect.stringContaining('четырёх глаз') });
    expect(await complete('fin_monitoring', mandatory, finmon2)).toBe('Готово, спасибо!');
    await d.until(fm, mandatory, 'выполнено (Мониторова Фаина, Контролёв Фёдор)');

    expect(await complete('brokerage', funds, broker)).toBe('Готово, спасибо!');
    await d.until(chats.brokerage as TgChat, funds, 'выполнено (Брокеров Бронислав)');
  });

  test('a forged callback payload and a stale token change nothing', async () => {
    const fm = chats.fin_monitoring as TgChat;
    const card = w.fake.botMessages(fm.id).find((m) => textOf(m).includes('Обязательный контроль'));
    if (!card) throw new Error('no card');
    const before = await w.container.orm.em
      .fork()
      .find(TaskSchema, { requestId }, { orderBy: { key: 'asc' } });
    const finmon = staff['finmon@demo.local'] as TgPerson;
    for (const data of ['t:AAAAAAAAAAAA', 'a:task.done', '{"action":"task.done"}', 't:../../etc']) {
      const update = w.staffBot.enqueue({
        callback_query: {
          id: `forged-${data.length}-${Math.random()}`,
          from: finmon.user,
          message: card.message,
          chat_instance: 'x',
          data,
        },
      });
      const id = update.callback_query?.id ?? '';
      w.staffBot.callbackAnswers.set(id, null);
      const answer = await w.staffBot.waitForCallbackAnswer(id);
      expect(answer).toMatchObject({
        show_alert: true,
        text: expect.stringContaining('больше не действует'),
      });
    }
    const after = await w.container.orm.em
      .fork()
      .find(TaskSchema, { requestId }, { orderBy: { key: 'asc' } });
    expect(after.map((t) => [t.key, t.status, t.approvals.length])).toEqual(
      before.map((t) => [t.key, t.status, t.approvals.length]),
    );
  });

  test('back office and the accountant finish; the client hears "completed" in the bot', async () => {
    const payment = await taskCard('back_office', 'Платёжное поручение');
    expect(await complete('back_office', payment, staff['backoffice@demo.local'] as TgPerson)).toBe(
      'Готово, спасибо!',
    );
    const execution = await taskCard('accountant', 'Исполнение платежа');
    expect(await complete('accountant', execution, staff['accountant@demo.local'] as TgPerson)).toBe(
      'Готово, спасибо!',
    );

    const completed = await d.next(client.chat, new RegExp(`${number}[\\s\\S]*исполнена`));
    expect(textOf(completed)).toContain(number);
    const details = await d.press(clientBot(), client, completed, 'Подробнее');
    expect(details.show_alert).not.toBe(true);
    const shown = await d.next(client.chat, `Заявка ${number}`);
    expect(textOf(shown)).toContain('Статус: исполнена');
    // The client reads the outcome, never the internal stages (which roles worked it, fin-monitoring).
    expect(textOf(shown)).not.toContain('Исполнение платежа');
    expect(textOf(shown)).not.toMatch(/мониторинг|скрининг/i);
    const row = await w.container.orm.em.fork().findOneOrFail(RequestSchema, { id: requestId });
    expect(row.status).toBe('completed');
  });
});
