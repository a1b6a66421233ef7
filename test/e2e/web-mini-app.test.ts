import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { TelegramLinkSchema } from '../../src/telegram/telegram-link.entity.js';
import { signInitData, TEST_CLIENT_BOT_TOKEN, TEST_STAFF_BOT_TOKEN } from '../support/mini-app.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';
import {
  axeViolations,
  PHONE,
  shot,
  startWebWorld,
  watchForProblems,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * Issue 10 items 6–7: the cabinet as a Telegram Mini App in headless Chromium against the real app. A page opened
 * the way a Telegram client opens it (the launch parameters in the address's hash, the client's postEvent proxy)
 * with correctly signed launch data of a linked user lands signed in, in Telegram's colours, with Telegram's Back
 * button; forged, stale and replayed launch data and an unlinked Telegram user are refused, the latter with the
 * linking instructions. The same build in a plain browser shows the usual sign-in.
 */
const CLIENT_TG = 910001;
const MANAGER_TG = 910002;
const STRANGER_TG = 910003;
const LIGHT_THEME = {
  bg_color: '#ffffff',
  secondary_bg_color: '#efeff3',
  text_color: '#000000',
  hint_color: '#707579',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  header_bg_color: '#f8f8f8',
};

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld({
    env: {
      CLIENT_BOT_TOKEN: TEST_CLIENT_BOT_TOKEN,
      STAFF_BOT_TOKEN: TEST_STAFF_BOT_TOKEN,
      // No Bot API here: pushes to the linked chats fail fast and are recorded as failed.
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    },
  });
  const em = world.t.container.orm.em.fork();
  for (const [login, bot, tg] of [
    ['client@demo.local', 'client', CLIENT_TG],
    ['manager@demo.local', 'staff', MANAGER_TG],
  ] as const)
    em.create(TelegramLinkSchema, {
      id: randomUUID(),
      userId: world.t.actor(login).userId,
      bot,
      chatId: String(tg),
      telegramUserId: String(tg),
      status: 'active',
      linkedAt: new Date(),
    });
  await em.flush();
});
afterAll(async () => {
  await world?.close();
});

const seconds = () => Math.floor(Date.now() / 1000);

/** The address a bot's web_app button opens, as a Telegram client completes it with the launch parameters. */
function launchUrl(path: string, bot: 'client' | 'staff', initData: string): string {
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'android',
    tgWebAppThemeParams: JSON.stringify(LIGHT_THEME),
  });
  return `${world.t.base}${path}?tgBot=${bot}#${hash.toString()}`;
}

/** A page in a fresh context with the Telegram client's side of the bridge: it records what the app posts. */
async function inTelegram(): Promise<{ page: Page; problems: string[]; events: () => Promise<string[]> }> {
  const context = await world.browser.newContext({ viewport: PHONE });
  await context.addInitScript(() => {
    const w = window as unknown as { __tg: string[]; TelegramWebviewProxy: unknown };
    w.__tg = [];
    w.TelegramWebviewProxy = {
      postEvent: (type: string, data: string) => w.__tg.push(`${type} ${data}`),
    };
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = watchForProblems(page);
  const events = () => page.evaluate(() => (window as unknown as { __tg: string[] }).__tg);
  return { page, problems, events };
}

const clientInitData = (tg = CLIENT_TG, authDate = seconds()) =>
  signInitData({ token: TEST_CLIENT_BOT_TOKEN, telegramUserId: tg, authDate, firstName: 'Иван' });

describe('the cabinet as a Telegram Mini App', () => {
  test('a linked client lands signed in, in Telegram’s colours, with Telegram’s Back button', async () => {
    const { workflow } = world.t.container;
    const client = world.t.actor('client@demo.local');
    const draft = await workflow.createDraft(client, {
      type: 'withdrawal',
      payload: SAMPLE_PAYLOADS.withdrawal,
    });
    const { payloadHash } = await workflow.submit(client, draft.id);
    await workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });

    const { page, problems, events } = await inTelegram();
    await page.goto(launchUrl('/requests', 'client', clientInitData()));
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    // The launch data left the address bar at once; the session is the client's.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByText(draft.number).filter({ visible: true }).waitFor();
    expect(await events()).toEqual(
      expect.arrayContaining(['web_app_ready {}', 'web_app_setup_back_button {"is_visible":false}']),
    );
    const html = page.locator('html');
    expect(await html.getAttribute('data-telegram')).toBe('android');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(239, 239, 243)',
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'mini-app-requests-390x844');

    await page.getByText(draft.number).filter({ visible: true }).click();
    await page.getByRole('heading', { name: 'Вывод денежных средств', level: 1 }).waitFor();
    await page.getByText(`№ ${draft.number}`, { exact: false }).first().waitFor();
    expect(await events()).toContain('web_app_setup_back_button {"is_visible":true}');
    // Telegram's Back button goes back, as the browser's would.
    await page.evaluate(() =>
      (
        window as unknown as { Telegram: { WebView: { receiveEvent(type: string, data: unknown): void } } }
      ).Telegram.WebView.receiveEvent('back_button_pressed', null),
    );
    await page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the staff bot’s button opens “My tasks” for the linked manager', async () => {
    const { page, problems } = await inTelegram();
    const initData = signInitData({
      token: TEST_STAFF_BOT_TOKEN,
      telegramUserId: MANAGER_TG,
      authDate: seconds(),
    });
    await page.goto(launchUrl('/tasks', 'staff', initData));
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'mini-app-tasks-390x844');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('replayed, forged and stale launch data are refused: the sign-in screen says so', async () => {
    const used = clientInitData();
    const first = await inTelegram();
    await first.page.goto(launchUrl('/requests', 'client', used));
    await first.page.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    await first.page.context().close();

    const forged = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: STRANGER_TG,
      authDate: seconds(),
      tamper: { user: JSON.stringify({ id: CLIENT_TG, first_name: 'Mallory' }) },
    });
    const stale = clientInitData(CLIENT_TG, seconds() - 3601);
    for (const initData of [used, forged, stale]) {
      const { page } = await inTelegram();
      await page.goto(launchUrl('/requests', 'client', initData));
      await page.getByText(/Не удалось войти через Telegram/).waitFor();
      await page.getByRole('button', { name: 'Войти' }).waitFor();
      expect(await page.context().cookies()).toEqual([]);
      await page.context().close();
    }
  });

  test('a Telegram user linked to no cabinet is told how to link, never signed in as anyone', async () => {
    const { page, problems } = await inTelegram();
    await page.goto(launchUrl('/requests', 'client', clientInitData(STRANGER_TG)));
    await page.getByRole('heading', { name: 'Этот Telegram не привязан к Кабинету' }).waitFor();
    await page.getByText(/отправьте \/start и поделитесь номером телефона/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'mini-app-not-linked-390x844');
    await page.getByRole('button', { name: 'Войти с паролем' }).click();
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
    expect(problems.filter((text) => !/status of (401|403)/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('the same build in a plain browser: no Telegram, the usual sign-in', async () => {
    const context = await world.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${world.t.base}/requests`);
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    expect(await page.locator('html').getAttribute('data-telegram')).toBeNull();
    await context.close();
  });
});
