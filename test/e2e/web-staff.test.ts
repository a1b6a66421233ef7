import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { driveToCompletion } from '../../src/demo/drive.js';
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
 * Staff at work in the cabinet (issue 10 items 2–3) in headless Chromium on PostgreSQL: the client manager takes a
 * withdrawal of 1,000,000 RUB and accepts it with the review checklist the API serves; the financial monitoring's
 * mandatory control needs two people — the first approves, a stale second tab of the same person is refused in
 * words (four eyes), a colleague approves — and the rest is worked to completion.
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
    const secondForm = taskForm(second.page, control);
    await tickAll(secondForm);
    await secondForm.getByRole('button', { name: 'Готово' }).click();
    const done = second.page.locator('[data-task]').filter({ hasText: 'Обязательный контроль' });
    await done.getByText('Подтвердили: Мониторова Фаина, Контролёв Фёдор').waitFor();
    expect(second.problems.filter((text) => !/status of (401|403)/.test(text))).toEqual([]);
    await second.page.context().close();
  });

  test('the rest is worked to completion and the manager sees it completed with its journal', async () => {
    const staff = Object.values(world.t.actors).filter((a) => !a.roles.includes('client'));
    const done = await driveToCompletion(
      world.t.container.workflow,
      requestId,
      world.t.actor('manager@demo.local'),
      staff,
    );
    expect(done.status).toBe('completed');
    const { page } = await staffPage('manager@demo.local');
    await page.getByText('Исполнена', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Журнал' }).waitFor();
    await page
      .getByText(/Принята в работу/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'staff-completed-1440x900');
    await page.context().close();
  });
});
