import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
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
 * The administrator's clients and their users (issue 10 item 4) in headless Chromium: the list with managers and
 * users, a search kept in the address, a user locked (their open session ends) and unlocked, a new password
 * issued once; axe at both sizes. Other staff have no such page.
 */
let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('the administrator’s clients', () => {
  test('finds a client, locks and unlocks its user, issues a password', async () => {
    const victim = await openSignedIn(world, '/requests', 'ip@demo.local');
    await victim.page.getByRole('heading', { name: 'Мои заявки' }).waitFor();

    const { page, problems } = await openSignedIn(world, '/requests', 'admin@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Клиенты' }).click();
    await page.getByRole('heading', { name: 'Клиенты', level: 1 }).waitFor();
    const ivanov = page.locator('[data-client="БО-0001/26"]');
    await ivanov.getByText('Менеджер: Менеджерова Мария').waitFor();
    await ivanov.getByText('client@demo.local', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-clients-1440x900');

    await page.getByLabel(/^Поиск/).fill('БО-0002');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/q=/);
    await page.getByText('Найдено клиентов: 1').waitFor();
    const ip = page.locator('[data-client="БО-0002/26"]');
    await ip.getByRole('heading', { name: 'ИП Петров Пётр Петрович' }).waitFor();
    expect(await ivanov.count()).toBe(0);

    const user = ip.locator('[data-user="ip@demo.local"]');
    await user.getByRole('button', { name: 'Заблокировать: Петров Пётр Петрович' }).click();
    await user.getByText('Заблокирован').waitFor();
    // The client's open tab: the next call finds the session ended and asks to sign in again.
    await victim.page.reload();
    await victim.page.getByRole('button', { name: 'Войти' }).waitFor();
    await user.getByRole('button', { name: 'Разблокировать: Петров Пётр Петрович' }).click();
    await user.getByText('Активен').waitFor();
    await user.getByRole('button', { name: 'Выдать новый пароль: Петров Пётр Петрович' }).click();
    await page.getByText(/^Новый пароль для Петров Пётр Петрович: \S{10,}\./).waitFor();

    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-clients-390x844');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
    await victim.page.context().close();
  });

  test('other staff have no clients page', async () => {
    const { page } = await openSignedIn(world, '/admin/clients', 'manager@demo.local');
    await page.getByText('Не удалось загрузить клиентов').waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Клиенты' }).count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/v1/admin/clients')).status);
    expect(status).toBe(403);
    await page.context().close();
  });
});
