import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { RequestSchema } from '../../src/workflow/request.entity.js';
import { codeIn, demoPhone } from '../support/demo.js';
import { until } from '../support/wait.js';
import { createBotRuntime, type BotRuntime } from '../../src/bot/runtime.js';
import { linkSandboxDemo } from '../../src/telegram/sandbox/demo-links.js';
import {
  axeViolations,
  DESKTOP,
  openSignedIn,
  PHONE,
  shot,
  startWebWorld,
  type WebWorld,
} from '../support/web-browser.js';

/*
 * Issue 15: the built-in Bot API sandbox and its page. On PostgreSQL (not the embedded demo) the page is for
 * administrators only; the demo people are linked to the sandbox's Telegram users and the role chats bound at start.
 */
let world: WebWorld;
let runtime: BotRuntime;

beforeAll(async () => {
  world = await startWebWorld({ env: { TELEGRAM_SANDBOX: 'true' } });
  const { container } = world.t;
  const sandbox = container.sandbox;
  if (!sandbox) throw new Error('the sandbox did not start');
  expect(await linkSandboxDemo(container.orm, sandbox)).toEqual({ links: 13, chats: 7 });
  // The bots exactly as `npm start` wires them, with a short long-poll so that stopping is quick.
  runtime = createBotRuntime(container, { pollingTimeoutSeconds: 1, maxRetryAttempts: 3 });
  await runtime.start();
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
  await world?.close();
});

describe('the Telegram sandbox', () => {
  it('points both bots at the built-in Bot API and links the demo people once', async () => {
    const { container } = world.t;
    expect(container.config.telegram.apiRoot).toBe(container.sandbox?.sandbox.apiRoot);
    expect(container.config.identity.bots).toEqual({
      client: 'kabinet_sandbox_client_bot',
      staff: 'kabinet_sandbox_staff_bot',
    });
    // Idempotent: a restart links nothing twice.
    const sandbox = container.sandbox;
    if (!sandbox) throw new Error('no sandbox');
    expect(await linkSandboxDemo(container.orm, sandbox)).toEqual({ links: 0, chats: 0 });
  });

  it('is not there for anyone but an administrator outside the embedded demo (the same 404 as when off)', async () => {
    const anonymous = await fetch(`${world.t.base}/api/v1/sandbox`);
    expect(anonymous.status).toBe(404);
    expect(((await anonymous.json()) as { code: string }).code).toBe('not_found');
    const write = await fetch(`${world.t.base}/api/v1/sandbox/chats/7100010/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kabinet-client': 'web' },
      body: JSON.stringify({ as: 'client@demo.local', bot: 'client', text: '/start' }),
    });
    expect(write.status).toBe(404);
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`an administrator plays the client and the manager in the browser (${size})`, async () => {
      // Outside the demo the page is an administrator's: signed in first (the page itself is public).
      const { page, problems } = await openSignedIn(world, '/admin/staff', 'admin@demo.local', viewport);
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      await page
        .getByRole('heading', { name: /Сотрудники/ })
        .first()
        .waitFor();
      await page.goto(`${world.t.base}/sandbox`);
      await page.getByRole('heading', { name: 'Telegram-песочница' }).waitFor();
      // As the client, in the client bot's chat (the default): typed and sent with Enter.
      const box = page.getByRole('textbox', { name: 'Сообщение' });
      await box.fill('/start');
      await box.press('Enter');
      const chat = page.getByRole('list', { name: 'Клиентский бот' });
      await chat.getByText('Что сделать?').last().waitFor();
      // An inline button of the bot's message, pressed: the bot answers with the client's list.
      // From the keyboard: the inline buttons are real buttons (focus, Enter).
      await chat
        .getByRole('button', { name: /Мои заявки/ })
        .last()
        .focus();
      await page.keyboard.press('Enter');
      await chat
        .getByText(/Заявок пока нет|Мои заявки/)
        .last()
        .waitFor();
      await shot(page, `sandbox-client-${size}`);

      // As the client manager: the role group is among the chats.
      await page.getByRole('combobox', { name: 'Кто вы' }).click();
      await page.getByRole('option', { name: 'Менеджерова Мария' }).click();
      await page.getByRole('button', { name: /Kabinet · Клиентский менеджер/ }).click();
      await page.getByRole('list', { name: 'Kabinet · Клиентский менеджер' }).waitFor();
      await shot(page, `sandbox-manager-${size}`);

      expect(await axeViolations(page)).toEqual([]);
      expect({ failed, problems: problems.filter((text) => !/status of 401/.test(text)) }).toEqual({
        failed: [],
        problems: [],
      });
      await page.context().close();
    }, 90_000);
  }

  /** Becomes someone else in the page ("Кто вы") and opens one of their chats; the chat's message list. */
  async function become(page: Page, name: string, chat: string | RegExp): Promise<Locator> {
    await page.getByRole('combobox', { name: 'Кто вы' }).click();
    await page.getByRole('option', { name }).click();
    await page.getByRole('button', { name: chat }).first().click();
    const list = page.getByRole('list', { name: chat });
    await list.waitFor();
    return list;
  }

  /** Types into the open chat and sends it with Enter. */
  async function say(page: Page, text: string): Promise<void> {
    const box = page.getByRole('textbox', { name: 'Сообщение' });
    await box.fill(text);
    await box.press('Enter');
    await until(async () => (await box.inputValue()) === '', `"${text}" sent`, 15_000);
  }

  /** Presses every unticked checklist item (☐) of a card, one by one as the card is redrawn, then `finish`. */
  async function tickAllThen(card: Locator, finish: RegExp): Promise<void> {
    const unticked = card.getByRole('button', { name: /^☐/ });
    while ((await unticked.count()) > 0) {
      const before = await unticked.count();
      await unticked.first().click();
      // The card is redrawn in place with that item ticked.
      await until(async () => (await unticked.count()) === before - 1, 'the item ticked', 15_000);
    }
    await card.getByRole('button', { name: finish }).click();
  }

  it('the client files and signs a request with the code from the phone panel; the manager and the accountant work it in their groups', async () => {
    const { page, problems } = await openSignedIn(world, '/admin/staff', 'admin@demo.local', DESKTOP);
    await page
      .getByRole('heading', { name: /Сотрудники/ })
      .first()
      .waitFor();
    // An administrator has the sandbox in the navigation (on PostgreSQL: theirs only).
    await page.getByRole('link', { name: 'Песочница' }).click();
    await page.getByRole('heading', { name: 'Telegram-песочница' }).waitFor();

    // The client, in the client bot's chat: a tax certificate, field by field.
    const chat = await become(page, 'Иванов Иван Иванович', 'Клиентский бот');
    await say(page, '/new');
    await chat.getByText('Какую заявку').last().waitFor();
    await chat.getByRole('button', { name: 'Налоговая справка' }).last().click();
    await chat.getByText('За какой год нужна справка?').last().waitFor();
    await say(page, '2025');
    await chat
      .getByRole('button', { name: /2-НДФЛ/ })
      .last()
      .click();
    await chat
      .getByRole('button', { name: /Электронно/ })
      .last()
      .click();
    await chat
      .getByText(/Проверьте заявку/)
      .last()
      .waitFor();
    await chat
      .getByRole('button', { name: /Подписать и отправить/ })
      .last()
      .click();
    // The print form arrives as a document; the code, on the person's phone in the side panel.
    await chat
      .getByRole('link', { name: /Документ: \d{4}-\d{6}\.pdf/ })
      .last()
      .waitFor();
    const phone = page.getByRole('region', { name: 'Телефон' });
    const sms = phone
      .getByRole('listitem')
      .filter({ hasText: /^Заявка \d{4}-\d{6}/ })
      .first();
    await sms.waitFor();
    const code = codeIn((await sms.textContent()) ?? '') ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(code).toBe(world.sms.code(demoPhone('client@demo.local')));
    await say(page, code);
    const signed = chat.getByText(/подписана/).last();
    await signed.waitFor();
    const number = /(\d{4}-\d{6})/.exec((await chat.innerText()) ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    await shot(page, 'sandbox-signed-desktop');

    // The client manager: the card in the managers' group; take, tick the review, accept.
    const managers = await become(page, 'Менеджерова Мария', 'Kabinet · Клиентский менеджер');
    const review = managers.getByRole('listitem').filter({ hasText: number }).last();
    await review.getByRole('button', { name: /Взять/ }).click();
    await review.getByText(/на рассмотрении у Менеджерова Мария/).waitFor();
    await tickAllThen(review, /Принять в работу/);
    await review.getByText(/принята в работу/).waitFor();

    // The accountant: the task card in the accounting group; take, tick, done.
    const accounting = await become(page, 'Бухгалтерова Анна', 'Kabinet · Бухгалтерия');
    const task = accounting
      .getByRole('listitem')
      .filter({ hasText: 'Подготовка справки' })
      .filter({ hasText: number })
      .last();
    await task.getByRole('button', { name: /Взять/ }).click();
    await task.getByText(/в работе у Бухгалтерова Анна/).waitFor();
    await tickAllThen(task, /Готово/);
    await task.getByText(/Состояние: выполнено \(Бухгалтерова Анна\)/).waitFor();
    await shot(page, 'sandbox-accountant-desktop');

    // The client hears it in the bot; the request is completed.
    const back = await become(page, 'Иванов Иван Иванович', 'Клиентский бот');
    await back
      .getByRole('listitem')
      .filter({ hasText: 'Заявка исполнена' })
      .filter({ hasText: number })
      .last()
      .waitFor();
    const row = await world.t.container.orm.em.fork().findOneOrFail(RequestSchema, { number });
    expect(row.status).toBe('completed');
    expect(await axeViolations(page)).toEqual([]);
    // Back to the cabinet from the sandbox's header: the administrator is still signed in.
    await page.getByRole('link', { name: 'В кабинет', exact: true }).click();
    await page.getByRole('link', { name: 'Песочница' }).waitFor();
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('a staff invite opens in the sandbox: the guest presses Start and the staff bot links them', async () => {
    const { page, problems } = await openSignedIn(world, '/admin/staff', 'admin@demo.local', PHONE);
    await page.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const form = page.getByRole('form', { name: 'Новый сотрудник' });
    await form.getByLabel('ФИО').fill('Песочникова Полина');
    await form.getByLabel('Электронная почта').fill('sandbox.new@demo.local');
    // The new employee's phone: the guest's, whose SMS the page's phone panel shows.
    await form.getByLabel(/^Телефон/).fill('+79990009999');
    await form.getByRole('checkbox', { name: 'Бэк-офис' }).check();
    await form.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('link', { name: 'Открыть в песочнице' }).click();
    await page.getByRole('heading', { name: 'Telegram-песочница' }).waitFor();
    // The address forgets the one-time link once read.
    await until(() => new URL(page.url()).search === '', 'the address without the link', 10_000);
    const chat = page.getByRole('list', { name: 'Бот сотрудников' });
    await chat.waitFor();
    await page.getByRole('button', { name: 'Запустить' }).click();
    await chat.getByText(/код/).last().waitFor();
    const sms = page
      .getByRole('region', { name: 'Телефон' })
      .getByRole('listitem')
      .filter({ hasText: /привязки Telegram/ })
      .first();
    await sms.waitFor();
    await say(page, codeIn((await sms.textContent()) ?? '') ?? '');
    await chat
      .getByText(/Telegram привязан/)
      .last()
      .waitFor();
    const links = await world.t.container.orm.em.fork().execute<{ telegram_user_id: string }[]>(
      `select l.telegram_user_id from telegram_links l join users u on u.id = l.user_id
          where u.email = 'sandbox.new@demo.local' and l.bot = 'staff' and l.status = 'active'`,
    );
    expect(links).toEqual([{ telegram_user_id: '7199999' }]);
    await shot(page, 'sandbox-invite-phone');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  }, 90_000);
});
