import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { BotDriver } from '../support/bot-driver.js';
import { createBotWorld, textOf, type BotWorld, type TgPerson } from '../support/bot-world.js';
import type { StoredMessage } from '../support/fake-telegram/server.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';

jest.setTimeout(120_000);

/*
 * Issue 10 item 6, the bots' side: with MINI_APP_URL the client bot's menu button, /start and pushes open the
 * cabinet inside Telegram, and the staff bot's menu button, /tasks and private pushes open "My tasks" and the
 * request — as `web_app` buttons, which Telegram allows over https and in private chats only (the fake Bot API
 * refuses the rest as Telegram does, so a role-chat card with such a button would fail here).
 */
const CABINET = 'https://cabinet.example.ru';

const webApps = (message: StoredMessage): { text: string; url: string }[] =>
  (
    (message.message.reply_markup?.['inline_keyboard'] ?? []) as {
      text: string;
      web_app?: { url: string };
    }[][]
  )
    .flat()
    .filter((button) => button.web_app)
    .map((button) => ({ text: button.text, url: button.web_app?.url ?? '' }));

/** The demo client files and signs a withdrawal through the service: the manager's chat gets its card. */
async function fileSignedWithdrawal(w: BotWorld) {
  const { workflow } = w.container;
  const actor = w.actor('client@demo.local');
  const draft = await workflow.createDraft(actor, {
    type: 'withdrawal',
    payload: SAMPLE_PAYLOADS.withdrawal,
  });
  const { payloadHash } = await workflow.submit(actor, draft.id);
  await workflow.confirmSignature(actor, draft.id, payloadHash, { channel: 'api' });
  return draft;
}

describe('the cabinet inside Telegram: the bots’ buttons', () => {
  let w: BotWorld;
  let d: BotDriver;
  let client: TgPerson;
  let manager: TgPerson;

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling', env: { MINI_APP_URL: CABINET } });
    d = new BotDriver(w);
    client = await d.linkClientByDeepLink('client@demo.local');
    manager = await d.linkStaff('manager@demo.local', 'Мария');
  });
  afterAll(async () => {
    await w?.close();
  });

  test('each bot’s menu button opens its part of the cabinet', () => {
    expect(w.clientBot.menuButton).toEqual({
      type: 'web_app',
      text: 'Кабинет',
      web_app: { url: `${CABINET}/requests?tgBot=client` },
    });
    expect(w.staffBot.menuButton).toEqual({
      type: 'web_app',
      text: 'Мои задачи',
      web_app: { url: `${CABINET}/tasks?tgBot=staff` },
    });
  });

  test('a linked client’s /start and a staff member’s /tasks offer the cabinet', async () => {
    const start = await d.say(w.clientBot, client, '/start', 'Что сделать?');
    expect(webApps(start)).toEqual([{ text: '🏦 Открыть кабинет', url: `${CABINET}/requests?tgBot=client` }]);
    const tasks = await d.say(w.staffBot, manager, '/tasks');
    expect(webApps(tasks)).toEqual([
      { text: '🗂 Мои задачи в кабинете', url: `${CABINET}/tasks?tgBot=staff` },
    ]);
  });

  test('a push to the client opens the request in the cabinet; the manager chat’s card has no such button', async () => {
    const group = await d.bindGroup(await d.linkStaff('admin@demo.local', 'Админ'), 'client_manager');
    const { workflow } = w.container;
    const draft = await fileSignedWithdrawal(w);
    const card = await d.next(group, draft.number);
    expect(webApps(card)).toEqual([]);
    // Outside strict mode the card names the amount (the strict test below checks it does not).
    expect(textOf(card)).toMatch(/150\s000/);
    const manager = w.actor('manager@demo.local');
    await workflow.take(manager, draft.id);
    await workflow.returnForRework(manager, draft.id, 'Уточните назначение платежа');
    const push = await d.next(client.chat, draft.number);
    expect(webApps(push)).toEqual([
      { text: '🏦 Открыть в кабинете', url: `${CABINET}/requests/${draft.id}?tgBot=client` },
    ]);
    // What the bots and the deliveries did shows in the metrics (issue 14 item 1).
    const { metrics } = w.container;
    const counted = async (counter: typeof metrics.botUpdates | typeof metrics.deliveries, labels: object) =>
      (await counter.get()).values.find((v) =>
        Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x),
      )?.value ?? 0;
    expect(await counted(metrics.botUpdates, { bot: 'client', kind: 'message' })).toBeGreaterThan(0);
    expect(await counted(metrics.botUpdates, { bot: 'staff', kind: 'message' })).toBeGreaterThan(0);
    expect(await counted(metrics.deliveries, { channel: 'telegram', outcome: 'sent' })).toBeGreaterThan(0);
  });
});

describe('strict mode (149-FZ): the chats carry numbers and statuses, the Mini App the rest', () => {
  let w: BotWorld;
  let d: BotDriver;

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling', env: { MINI_APP_URL: CABINET, TELEGRAM_STRICT: 'true' } });
    d = new BotDriver(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  test('a push and a role-chat card name no amount and no account; the push opens the request in the cabinet', async () => {
    const client = await d.linkClientByDeepLink('client@demo.local');
    const group = await d.bindGroup(await d.linkStaff('admin@demo.local', 'Админ'), 'client_manager');
    const { workflow } = w.container;
    const draft = await fileSignedWithdrawal(w);
    const card = await d.next(group, draft.number);
    const manager = w.actor('manager@demo.local');
    await workflow.take(manager, draft.id);
    await workflow.returnForRework(manager, draft.id, 'Уточните назначение платежа');
    const push = await d.next(client.chat, draft.number);
    for (const message of [card, push]) {
      const text = textOf(message);
      expect(text).not.toMatch(/150\s000|…1234|Вывод денежных средств на|Иванов/);
      expect(text).not.toContain(SAMPLE_PAYLOADS.withdrawal['recipientAccount'] as string);
    }
    expect(textOf(push)).toContain('Подробности в кабинете');
    expect(webApps(push)).toEqual([
      { text: '🏦 Открыть в кабинете', url: `${CABINET}/requests/${draft.id}?tgBot=client` },
    ]);
  });
});
