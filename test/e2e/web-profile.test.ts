import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { demoPhone } from '../support/demo.js';
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
});
