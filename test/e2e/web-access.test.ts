import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoPhone } from '../support/demo.js';
import {
  axeViolations,
  DESKTOP,
  shot,
  signIn,
  startWebWorld,
  watchForProblems,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * Issue 9 item 10, for people: keyboard only (signing in, filling a request form and signing it with Tab, typing,
 * Space and Enter — no mouse), and the narrowest phone the cabinet supports (360 px: nothing wider than the screen).
 */

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

/**
 * Presses Tab until the focused element matches the selector (and, when given, its text includes `text`), as a
 * person would; fails if it never gets there.
 */
async function tabTo(page: Page, matches: string, text?: string, limit = 30): Promise<void> {
  const check =
    `(document.activeElement?.matches(${JSON.stringify(matches)}) ?? false)` +
    (text ? ` && (document.activeElement?.textContent ?? '').includes(${JSON.stringify(text)})` : '');
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(check)) return;
  }
  throw new Error(`Tab never reached ${matches}${text ? ` "${text}"` : ''}`);
}

describe('keyboard only', () => {
  test('sign in with password and code, fill a form, sign and submit it', async () => {
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
    // Radio groups: Tab lands on a group, Space chooses the focused option.
    await tabTo(page, 'input[type="radio"][value="ndfl_2"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[type="radio"][value="electronic"]');
    await page.keyboard.press('Space');
    // Sign and submit: the dialog takes the code from the keyboard and Enter confirms it.
    await tabTo(page, 'button', 'Подписать и отправить');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.getByText(/Мы отправили SMS с кодом/).waitFor();
    await tabTo(page, '[role="dialog"] input[autocomplete="one-time-code"]');
    await page.keyboard.type(world.sms.code(demoPhone(login)));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('Подана').first().waitFor();
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });
});

describe('a 360 px phone', () => {
  test('every client page fits the width: no sideways scrolling, no axe violations', async () => {
    const context = await world.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    const fits = async (name: string) => {
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
      }));
      expect({ name, ...widths }).toEqual({ name, page: widths.screen, screen: 360 });
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `${name}-360x740`);
    };
    await page.goto(`${world.t.base}/verify`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await fits('verify');
    await page.goto(`${world.t.base}/requests`);
    await signIn(page, world.sms, 'client@demo.local');
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    await fits('requests');
    const draft = await world.t.container.workflow.createDraft(world.t.actor('client@demo.local'), {
      type: 'tax_certificate',
      payload: {
        year: 2025,
        kind: 'ndfl_2',
        delivery: 'paper',
        postalAddress: 'г. Москва, ул. Тверская, д. 1',
      },
    });
    await page.goto(`${world.t.base}/requests/${draft.id}`);
    await page
      .getByText(/Печатная форма/)
      .first()
      .waitFor();
    await fits('request');
    for (const [path, heading, name] of [
      ['/requests/new', 'Новая заявка', 'catalogue'],
      ['/requests/new/withdrawal', 'Вывод денежных средств', 'withdrawal-form'],
      ['/notifications', 'Уведомления', 'notifications'],
      ['/profile', 'Профиль', 'profile'],
    ] as const) {
      await page.goto(`${world.t.base}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await fits(name);
    }
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });
});
