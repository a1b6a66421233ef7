import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { UserSchema } from '../../src/identity/user.entity.js';
import { BotDriver } from '../support/bot-driver.js';
import { createBotWorld, textOf, tgPerson, type BotWorld } from '../support/bot-world.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { axeViolations, buildWeb, DESKTOP, launchChromium, shot } from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * Issue 10 item 7: the administrator creates a staff member in the cabinet, and the invite link works in the staff
 * bot (the real bots against the fake Bot API, in headless Chromium): a re-sent invite voids the first link, the
 * new one links the person's Telegram after the SMS code. The new person's first sign-in opens only the password
 * change; an authenticator the administrator requires comes next, and then the cabinet.
 */
const PHONE_NUMBER = '+79995557788';
const EMAIL = 'novikova@staff.example';
const NAME = 'Новикова Нина Николаевна';

let w: BotWorld;
let d: BotDriver;
let browser: Browser;
beforeAll(async () => {
  const webDir = buildWeb();
  w = await createBotWorld({ mode: 'polling', webDir });
  d = new BotDriver(w);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await w?.close();
});

async function signIn(page: Page, login: string, password: string, phone: string): Promise<void> {
  await page.getByLabel(/^Электронная почта или телефон/).fill(login);
  await page.getByLabel(/^Пароль/).fill(password);
  const mark = w.smsCount();
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
  await page.getByLabel(/^Код из 6 цифр/).fill(await w.smsCodeTo(phone, mark));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
}

describe('a new staff member from the administrator’s invite', () => {
  let initialPassword = '';

  test('the administrator creates the account; the re-sent invite links Telegram, the first no longer does', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${w.base}/admin/staff`);
    await signIn(page, 'admin@demo.local', DEMO_PASSWORD, '+79990000100');
    await page.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const form = page.getByRole('form', { name: 'Новый сотрудник' });
    await form.getByLabel('ФИО').fill(NAME);
    await form.getByLabel('Электронная почта').fill(EMAIL);
    await form.getByLabel(/^Телефон/).fill(PHONE_NUMBER);
    await form.getByRole('checkbox', { name: 'Бэк-офис' }).check();
    await form.getByRole('button', { name: 'Создать' }).click();
    initialPassword = await page.getByLabel(/^Начальный пароль/).inputValue();
    const firstInvite = String(
      await page.getByRole('link', { name: 'Открыть приглашение' }).getAttribute('href'),
    );
    await page.getByRole('button', { name: 'Готово' }).click();

    const row = page.locator(`tr[data-staff="${EMAIL}"]`);
    await row.getByRole('button', { name: `Требовать аутентификатор: ${NAME}` }).click();
    await row.getByText('нет — требуется').waitFor();
    await row.getByRole('button', { name: `Новое приглашение: ${NAME}` }).click();
    await page
      .getByText(`Новое приглашение в бот для сотрудников: ${NAME}. Прежние ссылки больше не действуют.`)
      .waitFor();
    const secondInvite = String(
      await page.getByRole('link', { name: 'Открыть приглашение' }).getAttribute('href'),
    );
    expect(secondInvite).not.toBe(firstInvite);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-invite-resent-1440x900');
    await context.close();

    // The person opens the links in Telegram: the staff bot is the one they name.
    expect(new URL(secondInvite).pathname).toBe(`/${w.staffBot.username}`);
    const person = tgPerson(w.fake, 'Нина');
    const start = (url: string) => `/start ${new URL(url).searchParams.get('start') ?? ''}`;
    const refused = await d.say(w.staffBot, person, start(firstInvite));
    expect(textOf(refused)).toContain('Приглашение недействительно');
    const mark = w.smsCount();
    await d.say(w.staffBot, person, start(secondInvite), 'код');
    await d.say(w.staffBot, person, await w.smsCodeTo(PHONE_NUMBER, mark), 'Telegram привязан');
    const user = await w.container.orm.em.fork().findOneOrFail(UserSchema, { email: EMAIL });
    const links = await w.container.orm.em.fork().find(TelegramLinkSchema, { userId: user.id, bot: 'staff' });
    expect(links.map((link) => [link.status, link.telegramUserId])).toEqual([
      ['active', String(person.user.id)],
    ]);
  });

  test('the first sign-in opens only the password change, then the required authenticator', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${w.base}/tasks`);
    await signIn(page, EMAIL, initialPassword, PHONE_NUMBER);
    await page.getByRole('heading', { name: 'Задайте свой пароль' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByLabel('Текущий пароль').fill(initialPassword);
    await page.getByLabel(/^Новый пароль/).fill('Nina-own-password-2026');
    const mark = w.smsCount();
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByLabel('Код подтверждения').fill(await w.smsCodeTo(PHONE_NUMBER, mark));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    // Next, what the administrator requires: the authenticator, before anything else opens.
    await page.getByRole('heading', { name: 'Подключите приложение-аутентификатор' }).waitFor();
    await page.getByLabel('Текущий пароль').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'staff-setup-authenticator-1440x900');
    const tasks = await page.evaluate(async () => (await fetch('/api/v1/tasks')).status);
    expect(tasks).toBe(403);
    await context.close();
  });
});
