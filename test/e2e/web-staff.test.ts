import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { LARGE_WITHDRAWAL } from '../support/sample-payloads.js';
import {
  axeViolations,
  openSignedIn,
  DESKTOP,
  PHONE,
  shot,
  startWebWorld,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(240_000);

/*
 * Staff at work in the cabinet (issue 10 items 2, 3 and 7) in headless Chromium on PostgreSQL: the client manager
 * takes a withdrawal of 1,000,000 RUB and accepts it with the review checklist the API serves; the financial
 * monitoring's mandatory control needs two people — the first approves, a stale second tab of the same person is
 * refused in words (four eyes), a colleague approves, and that colleague, who also holds the brokerage role, is
 * refused the funds check in words (segregation of duties); then every role does its task from the web — a
 * screening taken in one browser leaves a colleague's list of free tasks by itself — and the client reads
 * "Исполнена".
 */

let world: WebWorld;
let requestId: string;
beforeAll(async () => {
  world = await startWebWorld();
  const { workflow } = world.t.container;
  const client = world.t.actor('client@demo.local');
  const draft = await workflow.createDraft(client, { type: 'withdrawal', payload: LARGE_WITHDRAWAL });
  const { payloadHash } = await workflow.submit(client, draft.id);
  await workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
  requestId = draft.id;
  // One person in two roles whose duties must not meet on one request (docs/0004).
  await world.t.container.accounts.updateStaff(
    world.t.actor('finmon2@demo.local').userId,
    { roles: ['fin_monitoring', 'brokerage'] },
    null,
  );
});
afterAll(async () => {
  await world?.close();
});

async function staffPage(login: string, viewport: { width: number; height: number } = DESKTOP) {
  const opened = await openSignedIn(world, `/requests/${requestId}`, login, viewport);
  await opened.page.getByRole('heading', { name: 'Вывод денежных средств', level: 1 }).waitFor();
  return opened;
}

/** Marks every item of a checklist form done. */
async function tickAll(form: Locator): Promise<void> {
  for (const radio of await form.getByRole('radio', { name: 'Выполнено' }).all()) await radio.check();
}

/** The form of a task card by the task's title. */
const taskForm = (page: Page, title: RegExp) => page.getByRole('form', { name: title });

describe('staff in the cabinet', () => {
  test('the client manager takes the request and accepts it with the review checklist', async () => {
    const { page, problems } = await staffPage('manager@demo.local');
    // The incoming queue on "My tasks" leads to it.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Мои задачи/ })
      .click();
    const incoming = page.locator(`[data-incoming="${requestId}"]`);
    await incoming.waitFor();
    await page.getByText('Подписаны и ждут менеджера').waitFor();
    await incoming.getByRole('link').click();
    await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();
    await page.getByText('Рассматривает: Менеджерова Мария').waitFor();
    const review = page.getByRole('form', { name: 'Рассмотрение клиентским менеджером' });
    await review.getByRole('button', { name: 'Принять в работу' }).click();
    await review.getByText('Отметьте все пункты.').waitFor();
    await review
      .getByRole('radiogroup', { name: 'Данные заявки проверены' })
      .getByRole('radio', { name: 'Выполнено' })
      .check();
    await review
      .getByRole('radiogroup', { name: 'Полномочия заявителя подтверждены' })
      .getByRole('radio', { name: 'Не применимо' })
      .check();
    await review.getByLabel('Пояснение').fill('Клиент — физическое лицо, действует сам');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'staff-review-1440x900');
    await review.getByRole('button', { name: 'Принять в работу' }).click();
    await page.getByText('Этап 1 из', { exact: false }).waitFor();
    await page.getByText('В работе', { exact: true }).first().waitFor();
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('four eyes: one approval, a stale second tab refused in words, a colleague approves', async () => {
    const first = await staffPage('finmon@demo.local', PHONE);
    // The same person's second tab, opened before the first approval.
    const stale = await first.page.context().newPage();
    stale.setDefaultTimeout(15_000);
    await stale.goto(`${world.t.base}/requests/${requestId}`);
    const control = /Обязательный контроль/;
    await taskForm(stale, control).waitFor();

    const form = taskForm(first.page, control);
    await tickAll(form);
    expect(await axeViolations(first.page)).toEqual([]);
    await shot(first.page, 'staff-task-390x844');
    await form.getByRole('button', { name: 'Готово' }).click();
    const card = first.page.locator('[data-task]').filter({ hasText: 'Обязательный контроль' });
    await card.getByText('Подтверждений: 1 из 2').waitFor();
    await card.getByText('Подтвердили: Мониторова Фаина').waitFor();
    expect(await taskForm(first.page, control).count()).toBe(0);

    const staleForm = taskForm(stale, control);
    await tickAll(staleForm);
    await staleForm.getByRole('button', { name: 'Готово' }).click();
    await stale
      .locator('[data-task]')
      .filter({ hasText: 'Обязательный контроль' })
      .getByRole('alert')
      .getByText(/четырёх глаз/)
      .waitFor();
    await shot(stale, 'staff-four-eyes-refused-390x844');
    await first.page.context().close();

    const second = await staffPage('finmon2@demo.local');
    // The colleague also works in brokerage: the funds check is offered, until the approval below.
    const funds = /Проверка и блокировка средств/;
    await taskForm(second.page, funds).waitFor();
    const secondTab = await second.page.context().newPage();
    secondTab.setDefaultTimeout(15_000);
    await secondTab.goto(`${world.t.base}/requests/${requestId}`);
    const secondForm = taskForm(secondTab, control);
    await secondForm.waitFor();
    await tickAll(secondForm);
    await secondForm.getByRole('button', { name: 'Готово' }).click();
    const done = secondTab.locator('[data-task]').filter({ hasText: 'Обязательный контроль' });
    await done.getByText('Подтвердили: Мониторова Фаина, Контролёв Фёдор').waitFor();
    // No funds check for the one who approved the control: a fresh page no longer offers it…
    expect(await taskForm(secondTab, funds).count()).toBe(0);
    // …and the page opened before says why, in words, changing nothing.
    const fundsForm = taskForm(second.page, funds);
    await tickAll(fundsForm);
    expect(await fundsForm.getByRole('radio', { name: 'Выполнено', checked: true }).count()).toBe(3);
    await fundsForm.getByRole('button', { name: 'Готово' }).click();
    await second.page
      .locator('[data-task]')
      .filter({ hasText: 'Проверка и блокировка средств' })
      .getByRole('alert')
      .getByText(/разделени/i)
      .waitFor();
    await shot(second.page, 'staff-segregation-refused-1440x900');
    const view = await world.t.container.workflow.getStaffRequest(
      world.t.actor('manager@demo.local'),
      requestId,
    );
    expect(view.tasks.find((t) => t.title.ru === 'Проверка и блокировка средств')?.status).toBe('open');
    expect(second.problems.filter((text) => !/status of (401|403)/.test(text))).toEqual([]);
    await second.page.context().close();
  });

  test('a screening taken in one browser leaves a colleague’s free list by itself', async () => {
    const watcher = await openSignedIn(world, '/tasks?status=open', 'finmon2@demo.local');
    const free = watcher.page.locator('tr[data-task]').filter({ hasText: 'Проверка операции' });
    await free.waitFor();
    const { page, problems } = await staffPage('finmon@demo.local');
    const card = page.locator('[data-task]').filter({ hasText: 'Проверка операции' });
    await card.getByRole('button', { name: 'Взять' }).click();
    await card.getByText('Взял(а): Мониторова Фаина').waitFor();
    // The other browser's list of free tasks polls by itself (docs/0024): the task leaves it.
    await free.waitFor({ state: 'detached', timeout: 5_000 });
    const form = taskForm(page, /Проверка операции/);
    await form.waitFor();
    await tickAll(form);
    await form.getByRole('button', { name: 'Готово' }).click();
    await card.getByText('выполнено', { exact: true }).waitFor();
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
    await watcher.page.context().close();
  });

  test('every other role does its task from the web, and the client reads "completed"', async () => {
    for (const [login, title] of [
      ['broker@demo.local', /Проверка и блокировка средств/],
      ['backoffice@demo.local', /Платёжное поручение/],
      ['accountant@demo.local', /Исполнение платежа/],
    ] as const) {
      const { page, problems } = await staffPage(login, login === 'accountant@demo.local' ? PHONE : DESKTOP);
      const form = taskForm(page, title);
      await form.waitFor();
      await tickAll(form);
      await form.getByRole('button', { name: 'Готово' }).click();
      await page
        .locator('[data-task]')
        .filter({ hasText: title })
        .getByText('выполнено', { exact: true })
        .waitFor();
      expect([login, problems.filter((text) => !/status of 401/.test(text))]).toEqual([login, []]);
      if (login === 'accountant@demo.local') await shot(page, 'staff-last-task-done-390x844');
      await page.context().close();
    }
    const manager = await staffPage('manager@demo.local');
    await manager.page.getByText('Исполнена', { exact: true }).first().waitFor();
    await manager.page.getByRole('heading', { name: 'Журнал' }).waitFor();
    await manager.page
      .getByText(/Принята в работу/)
      .first()
      .waitFor();
    expect(await axeViolations(manager.page)).toEqual([]);
    await shot(manager.page, 'staff-completed-1440x900');
    await manager.page.context().close();

    const client = await openSignedIn(world, `/requests/${requestId}`, 'client@demo.local', PHONE);
    await client.page.getByText('Исполнена', { exact: true }).first().waitFor();
    // The client's page carries none of the staff's work.
    expect(await client.page.getByText('Проверка операции').count()).toBe(0);
    expect(await client.page.getByText('Мониторова Фаина').count()).toBe(0);
    expect(await axeViolations(client.page)).toEqual([]);
    await shot(client.page, 'client-completed-390x844');
    await client.page.context().close();
  });
});
