import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { DEMO_PASSWORD, demoPhone } from '../support/demo.js';
import type { RecordingSms } from '../support/doubles.js';
import {
  axeViolations,
  shot,
  startWebWorld,
  watchForProblems,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * The web cabinet's sign-in end to end (issue 9 items 1–2): the real build served by the real app on PostgreSQL,
 * driven in Debian's headless Chromium (test/support/web-browser.ts). Screenshots go to test-results/screenshots.
 */

const CLIENT = 'client@demo.local';
/** Its own account: a challenge killed by wrong codes holds that account's new logins until it would have expired. */
const LOCKED_OUT = 'ip@demo.local';

let world: WebWorld;
let t: TestApp;
let browser: Browser;
let sms: RecordingSms;

beforeAll(async () => {
  world = await startWebWorld();
  ({ t, browser, sms } = world);
});
afterAll(async () => {
  await world?.close();
});

describe('the web cabinet', () => {
  test("is React's production build, though the tests run with NODE_ENV=test (and may have built it)", () => {
    const assets = join(process.cwd(), 'web/dist/assets');
    const maps = readdirSync(assets).filter((name) => name.endsWith('.js.map'));
    const sources = maps.flatMap(
      (name) => (JSON.parse(readFileSync(join(assets, name), 'utf8')) as { sources: string[] }).sources,
    );
    expect(sources.some((s) => s.endsWith('react-dom/cjs/react-dom-client.production.js'))).toBe(true);
    expect(sources.filter((s) => /\/(react|react-dom|scheduler)\/cjs\/.*\.development\.js$/.test(s))).toEqual(
      [],
    );
  });

  test('a client signs in with password and SMS code, lands where they were going, switches to English and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchForProblems(page);

    // Not signed in: the cabinet sends to sign-in, remembering where the person was going.
    await page.goto(`${t.base}/requests?from=e2e`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('heading', { name: 'Вход в Кабинет' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await shot(page, 'sign-in-1440x900');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'sign-in-390x844');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByLabel(/^Электронная почта или телефон/).fill(CLIENT);
    await page.getByLabel(/^Пароль/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
    await page.getByText(/Мы отправили код в SMS на номер/).waitFor();
    await page.getByText(/приложение-аутентификатор/).waitFor();

    // A wrong code is explained in words; then the right one.
    const code = sms.code(demoPhone(CLIENT));
    const wrong = code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
    await page.getByLabel(/^Код из 6 цифр/).fill(wrong);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    // Attempts left are told (decoys count them alike, docs/0013).
    await page
      .getByRole('alert')
      .getByText(/Код неверный.*осталось попыток: 4/)
      .waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'code-wrong-390x844');
    // "Send again" within the server's resend interval: its Retry-After becomes a countdown.
    await page.getByRole('button', { name: 'Отправить код ещё раз' }).click();
    await page
      .getByRole('timer')
      .getByText(/Новый можно запросить через \d+ с/)
      .waitFor();
    await shot(page, 'code-resend-countdown-390x844');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByLabel(/^Код из 6 цифр/).fill(code);
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    // Back where the person was going, signed in.
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/requests?from=e2e');
    await shot(page, 'home-1440x900');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'home-390x844');

    // English, remembered across a reload; localStorage holds the language only.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate('Object.keys(localStorage)')).toEqual(['kabinet.locale']);

    // Sign out: back to sign-in (in English), and the session is gone.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Kabinet' }).waitFor();
    expect((await context.cookies()).filter((cookie) => cookie.value !== '')).toEqual([]);
    await page.goto(`${t.base}/`);
    await page.waitForURL(/\/sign-in\?next=%2F$/);

    // The only console errors allowed: the expected 401s of /me, the wrong code's 422, the early resend's 429.
    expect(problems.filter((text) => !/status of (401|422|429)/.test(text))).toEqual([]);
    await context.close();
  });

  test('a code refused too often ends the attempt, and the screen says to sign in again', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.base}/sign-in`);
    await page.getByLabel(/^Электронная почта или телефон/).fill(LOCKED_OUT);
    await page.getByLabel(/^Пароль/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
    const code = sms.code(demoPhone(LOCKED_OUT));
    const wrong = code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/auth/login/confirm'));
      await page.getByLabel(/^Код из 6 цифр/).fill(wrong);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      expect((await answered).status()).toBe(422);
      if (attempt < 5) await page.getByText(new RegExp(`осталось попыток: ${String(5 - attempt)}`)).waitFor();
    }
    // The fifth wrong code ends it: no form to type into, only "sign in again".
    await page.getByText(/Этот код больше не действует/).waitFor();
    expect(await page.getByLabel(/^Код из 6 цифр/).count()).toBe(0);
    await shot(page, 'challenge-over-390x844');
    await page.getByRole('button', { name: 'Войти заново' }).click();
    await page.getByRole('heading', { name: 'Вход в Кабинет' }).waitFor();
    await context.close();
  });

  test('a session that ends returns to sign-in and, after it, to the page the person was on', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const signIn = async () => {
      await page.getByLabel(/^Электронная почта или телефон/).fill(CLIENT);
      await page.getByLabel(/^Пароль/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
      await page.getByLabel(/^Код из 6 цифр/).fill(sms.code(demoPhone(CLIENT)));
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    };
    await page.goto(`${t.base}/requests?tab=history`);
    await page.waitForURL(/\/sign-in\?next=/);
    await signIn();
    // The session cookie disappears (expired, revoked elsewhere): the next load goes to sign-in and back here.
    await context.clearCookies();
    await page.reload();
    await page.waitForURL(`${t.base}/sign-in?next=${encodeURIComponent('/requests?tab=history')}`);
    await signIn();
    expect(page.url()).toBe(`${t.base}/requests?tab=history`);
    await context.close();
  });
});
