import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { FULL_REVIEW_CHECKLIST, fullChecklist } from '../../src/demo/drive.js';
import { staffView } from '../../src/workflow/presenters.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';
import {
  axeViolations,
  openSignedIn,
  PHONE,
  shot,
  startWebWorld,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * My tasks (issue 10 item 1) in headless Chromium: the financial monitoring's open task of an accepted withdrawal,
 * the count in the navigation, a take and a done made elsewhere (here through the workflow, as the API or a role
 * chat would) showing in the open page by themselves; filters in the URL; axe at both sizes.
 */

let world: WebWorld;
let taskId: string;
let requestId: string;
let number: string;
beforeAll(async () => {
  world = await startWebWorld();
  const { workflow } = world.t.container;
  const client = world.t.actor('client@demo.local');
  const manager = world.t.actor('manager@demo.local');
  const draft = await workflow.createDraft(client, {
    type: 'withdrawal',
    payload: SAMPLE_PAYLOADS.withdrawal,
  });
  const { payloadHash } = await workflow.submit(client, draft.id);
  await workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
  await workflow.take(manager, draft.id);
  const accepted = staffView(await workflow.accept(manager, draft.id, FULL_REVIEW_CHECKLIST));
  const task = accepted.tasks.find((t) => t.status === 'open' && t.role === 'fin_monitoring');
  if (!task) throw new Error('the withdrawal starts with the financial monitoring');
  taskId = task.id;
  requestId = draft.id;
  number = accepted.number;
});
afterAll(async () => {
  await world?.close();
});

describe('my tasks', () => {
  test('the open task with its count; a take and a done made elsewhere show by themselves', async () => {
    const { page, problems } = await openSignedIn(world, `/tasks`, 'finmon@demo.local');
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor();
    const row = page.getByRole('table', { name: 'Мои задачи' }).locator(`tr[data-task="${taskId}"]`);
    await row.getByText(`№ ${number}`).waitFor();
    await row.getByText('свободна').waitFor();
    await row.getByText('Финансовый мониторинг').waitFor();
    await page
      .getByRole('navigation')
      .getByLabel(/^Открытых задач: \d+$/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'tasks-1440x900');

    // A colleague of the same role takes it (in a role chat, say): the open page shows who, by itself.
    const colleague = world.t.actor('finmon2@demo.local');
    await world.t.container.workflow.claimTask(colleague, taskId);
    await row.getByText('взял(а): Контролёв Фёдор').waitFor({ timeout: 5_000 });
    const view = await world.t.container.workflow.getStaffRequest(colleague, requestId);
    const current = view.tasks.find((t) => t.id === taskId);
    if (!current) throw new Error('the task is on its request');
    await world.t.container.workflow.completeTask(colleague, taskId, fullChecklist(current.checklist));
    await row.waitFor({ state: 'detached', timeout: 5_000 });

    // Done tasks on request; the filters live in the URL.
    await page.getByRole('combobox', { name: 'Состояние' }).click();
    await page.getByRole('option', { name: 'Выполнено' }).click();
    await page.waitForURL(/status=done/);
    await row.waitFor();
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'tasks-done-390x844');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('staff of a task role start at their tasks after signing in', async () => {
    const { page } = await openSignedIn(world, `/sign-in`, 'broker@demo.local');
    await page.waitForURL(`${world.t.base}/tasks`);
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor();
    await page.context().close();
  });
});
