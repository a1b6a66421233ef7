import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
      await chat
        .getByRole('button', { name: /Мои заявки/ })
        .last()
        .click();
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
});
