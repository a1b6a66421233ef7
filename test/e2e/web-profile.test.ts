import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { generate } from 'otplib';
import { DEMO_PASSWORD, demoPhone } from '../support/demo.js';
import {
  axeViolations,
  DESKTOP,
  PHONE,
  shot,
  signIn,
  startWebWorld,
  watchForProblems,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * The profile (issue 9 item 8) in headless Chromium: contacts, the password changed with the SMS code, a Telegram
 * linking link as a button and a QR code, unlinking, the language; axe at a phone's and a desktop's size.
 */

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('the profile', () => {
  test('contacts, a password change confirmed by SMS, a Telegram link with its QR code, unlinking', async () => {
    const login = 'company@demo.local';
    const context = await world.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/profile`);
    await signIn(page, world.sms, login);
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();
    await page.getByText(login).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'profile-1440x900');

    await page.getByLabel(/^Текущий пароль/).fill('demo-password-1');
    await page.getByLabel(/^Новый пароль/).fill('Kabinet-new-passphrase-2026');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText(/Мы отправили код на/).waitFor();
    await page.getByLabel(/^Код подтверждения/).fill(world.sms.code(demoPhone(login)));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Пароль изменён.').waitFor();

    await page.getByRole('button', { name: 'Получить ссылку для привязки' }).click();
    const open = page.getByRole('link', { name: 'Открыть Telegram' });
    await open.waitFor();
    expect(await open.getAttribute('href')).toMatch(/^https:\/\/t\.me\/.+\?start=/);
    await page.getByRole('img', { name: /QR-код ссылки для привязки/ }).waitFor();
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'profile-telegram-390x844');
    await page.getByRole('button', { name: 'Отвязать Telegram' }).click();
    await page.getByText('Telegram не был привязан.').waitFor();

    // The language switch is here too, and remembered.
    await page.getByRole('main').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });

  test('the email and the phone changed with a code to each place, a wrong code changing nothing', async () => {
    const login = 'ip@demo.local';
    const oldPhone = demoPhone(login);
    const context = await world.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/profile`);
    await signIn(page, world.sms, login);
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();

    // The email: one code to the new address, one by SMS; the same address is caught before any code goes.
    await page.getByRole('button', { name: 'Изменить электронную почту' }).click();
    const newEmail = page.getByLabel(/^Новый адрес электронной почты/);
    await newEmail.fill(login);
    await page.getByRole('button', { name: 'Отправить коды' }).click();
    await page.getByText('Это ваш текущий адрес.').waitFor();
    await newEmail.fill('ip.new@example.com');
    await page.getByRole('button', { name: 'Отправить коды' }).click();
    await page.getByText(/Мы отправили коды/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'profile-email-codes-390x844');
    const emailCode = world.email.code('ip.new@example.com');
    const smsCode = world.sms.code(oldPhone);
    const fields = page.getByLabel(/^Код, отправленный на/);
    expect(await fields.count()).toBe(2);
    // A wrong code: said in words, nothing changed.
    await page.getByLabel(/^Код, отправленный на .+@/).fill(emailCode === '000000' ? '111111' : '000000');
    await page.getByLabel(/^Код, отправленный на \+7/).fill(smsCode);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText(/Хотя бы один код неверный.*осталось попыток: 4/).waitFor();
    const me = await world.t.container.orm.em
      .fork()
      .getConnection()
      .execute(`select email from users where phone = ?`, [oldPhone]);
    expect(me[0]?.email).toBe(login);
    // The right codes on the same challenge then apply it.
    await page.getByLabel(/^Код, отправленный на .+@/).fill(emailCode);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Адрес электронной почты изменён.').waitFor();
    await page.getByText('ip.new@example.com').waitFor();

    // The phone: codes to the current and the new number.
    await page.getByRole('button', { name: 'Изменить телефон' }).click();
    await page.getByLabel(/^Новый номер телефона/).fill('+79995550011');
    await page.getByRole('button', { name: 'Отправить коды' }).click();
    await page.getByText(/Мы отправили коды/).waitFor();
    const phoneFields = page.getByLabel(/^Код, отправленный на/);
    expect(await phoneFields.count()).toBe(2);
    await phoneFields.nth(0).fill(world.sms.code(oldPhone));
    await phoneFields.nth(1).fill(world.sms.code('+79995550011'));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Номер телефона изменён.').waitFor();
    await page.getByText('+79995550011').waitFor();
    expect(problems.filter((text) => !/status of (401|422)/.test(text))).toEqual([]);
    await context.close();
  });

  test('a screen whose code fails to load says so inside the frame and offers a reload; the rest still works', async () => {
    const login = 'client@demo.local';
    const context = await world.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${world.t.base}/requests`);
    await signIn(page, world.sms, login);
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    // A release replaced the notifications screen's chunk while this tab was open.
    await page.route(/\/assets\/notifications-[^/]+\.js$/, (route) => route.abort());
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Уведомления/ })
      .click();
    await page.getByText('Страница не открылась').waitFor();
    await page.getByRole('button', { name: 'Обновить страницу' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'screen-failed-1440x900');
    // The frame survived: the navigation leads back to a screen that loads.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Мои заявки/ })
      .click();
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    await context.close();
  });

  test('a staff member is reminded of the authenticator and sets it up with the QR code and two codes', async () => {
    const login = 'depo@demo.local';
    const context = await world.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/requests`);
    await signIn(page, world.sms, login);
    const reminder = page.getByRole('note').getByText(/Подключите приложение-аутентификатор/);
    await reminder.waitFor();
    await page.getByRole('note').getByRole('link', { name: 'Открыть профиль' }).click();
    await page.getByRole('heading', { name: 'Приложение-аутентификатор' }).waitFor();
    await page.getByRole('button', { name: 'Подключить приложение' }).click();
    await page
      .getByLabel(/^Текущий пароль/)
      .first()
      .fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).waitFor();
    const secret = await page.getByLabel('Ключ для ручного ввода').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'profile-authenticator-1440x900');
    await page.getByLabel('Код из нового приложения').fill(await generate({ secret }));
    await page.getByLabel(/^Код из SMS на/).fill(world.sms.code(demoPhone(login)));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Приложение подключено. При следующем входе введите код из него.').waitFor();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Заявки/ })
      .click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });
});
