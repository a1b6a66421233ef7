import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoPhone } from '../support/demo.js';
import { DESKTOP, startWebWorld, watchForProblems, type WebWorld } from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * Keyboard only (issue 9 item 10): signing in and reaching a request form with Tab, typing and Enter — no mouse.
 */

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Presses Tab until the focused element matches, as a person would; fails if it never gets there. */
async function tabTo(page: Page, matches: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(matches)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

describe('keyboard only', () => {
  test('sign in with password and code, open the catalogue and a form', async () => {
    const login = 'ip@demo.local';
    const context = await world.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/sign-in`);
    await page.getByRole('heading', { name: 'Вход в Кабинет' }).waitFor();
    await tabTo(page, 'input[name="login"]');
    await page.keyboard.type(login);
    await tabTo(page, 'input[name="password"]');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
    await tabTo(page, 'input[name="code"]');
    await page.keyboard.type(world.sms.code(demoPhone(login)));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    await tabTo(page, 'main a[href="/requests/new"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Новая заявка' }).waitFor();
    await tabTo(page, 'a[href="/requests/new/tax_certificate"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Налоговая справка' }).waitFor();
    // The first field takes typing straight away once reached.
    await tabTo(page, 'input[name="year"]');
    await page.keyboard.type('2025');
    expect(
      await page
        .getByLabel(/^За какой год|^Год/)
        .first()
        .inputValue(),
    ).toBe('2025');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });
});
