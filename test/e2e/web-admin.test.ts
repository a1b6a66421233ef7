import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
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
 * The administrator's staff page (issue 10 item 4, part) in headless Chromium: create a staff member (the initial
 * password once, the staff-bot invite as a link and a QR code), lock the account, issue a new password, check the
 * journal's hash chain; axe at both sizes. Other staff do not have the page.
 */

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('the administrator', () => {
  test('creates a staff member with an invite, locks the account, issues a password, checks the journal', async () => {
    const { page, problems } = await openSignedIn(world, `/requests`, 'admin@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
    await page
      .getByRole('table', { name: 'Сотрудники' })
      .getByText('backoffice@demo.local', { exact: false })
      .waitFor();

    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const form = page.getByRole('form', { name: 'Новый сотрудник' });
    await form.getByLabel('ФИО').fill('Новикова Нина Николаевна');
    await form.getByLabel('Электронная почта').fill('nina@staff.example');
    await form.getByLabel(/^Телефон/).fill('+79995554433');
    await form.getByRole('checkbox', { name: 'Брокерский отдел' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Создать' }).click();
    await page.getByText('Учётная запись создана: Новикова Нина Николаевна.').waitFor();
    const password = await page.getByLabel(/^Начальный пароль/).inputValue();
    expect(password.length).toBeGreaterThanOrEqual(10);
    const invite = page.getByRole('link', { name: 'Открыть приглашение' });
    expect(await invite.getAttribute('href')).toMatch(/^https:\/\/t\.me\/.+\?start=/);
    await page.getByRole('img', { name: 'QR-код приглашения в бот для сотрудников' }).waitFor();
    await shot(page, 'admin-staff-created-1440x900');
    await page.getByRole('button', { name: 'Готово' }).click();

    const row = page.locator('tr[data-staff="nina@staff.example"]');
    await row.getByRole('button', { name: 'Изменить роли: Новикова Нина Николаевна' }).click();
    const dialog = page.getByRole('dialog', { name: 'Роли: Новикова Нина Николаевна' });
    await dialog.getByRole('checkbox', { name: 'Бэк-офис' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await row.getByText('Брокерский отдел, Бэк-офис').waitFor();
    await row.getByRole('button', { name: 'Заблокировать: Новикова Нина Николаевна' }).click();
    await row.getByText('Заблокирован').waitFor();
    await row.getByRole('button', { name: 'Выдать новый пароль: Новикова Нина Николаевна' }).click();
    await page.getByText(/^Новый пароль для Новикова Нина Николаевна: \S{10,}\./).waitFor();

    const chats = page.getByRole('table', { name: 'Чаты ролей' });
    await chats.getByText('Бэк-офис', { exact: true }).waitFor();
    expect(await chats.getByText('не привязан — карточки роли никуда не уходят').count()).toBe(7);
    await page.getByRole('button', { name: 'Проверить журнал' }).click();
    await page.getByText(/^Журнал цел: проверено записей — \d+\.$/).waitFor();
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-staff-390x844');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('sees who was told what about a request, by which channel, with the state', async () => {
    const { workflow } = world.t.container;
    const client = world.t.actor('client@demo.local');
    const draft = await workflow.createDraft(client, {
      type: 'withdrawal',
      payload: SAMPLE_PAYLOADS.withdrawal,
    });
    const { payloadHash } = await workflow.submit(client, draft.id);
    await workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
    const { page, problems } = await openSignedIn(world, `/requests/${draft.id}`, 'admin@demo.local');
    const table = page.getByRole('table', { name: 'Уведомления по заявке' });
    const row = table
      .getByRole('row')
      .filter({ hasText: 'Менеджерова Мария' })
      .filter({ hasText: 'В кабинете' });
    await row.getByText('Заявка подана').waitFor();
    await row.getByText('отправлено').waitFor({ timeout: 20_000 });
    await table.getByText('Чат роли «Клиентский менеджер»').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-deliveries-1440x900');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('other staff have no staff page: neither in the navigation nor through the API', async () => {
    const { page } = await openSignedIn(world, `/requests`, 'manager@demo.local');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Мои задачи/ })
      .waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Сотрудники' }).count()).toBe(0);
    await page.goto(`${world.t.base}/admin/staff`);
    await page.getByText('Не удалось загрузить сотрудников').waitFor();
    await page.context().close();
  });
});
