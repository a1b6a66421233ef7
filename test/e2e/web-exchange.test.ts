import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driveToCompletion } from '../../src/demo/drive.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';
import {
  axeViolations,
  openSignedIn,
  DESKTOP,
  PHONE,
  shot,
  signIn,
  startWebWorld,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(180_000);

/*
 * The back-office exchange page (issue 11 item 7) in headless Chromium: an administrator sees each export's state —
 * taken, refused with the back office's words — per request, and sends a refused one again; the back office has the
 * page in its navigation, a client has not. axe at a desk's and a phone's size.
 */

let world: WebWorld;
let requestId: string;
beforeAll(async () => {
  world = await startWebWorld();
  const t = world.t;
  const client = t.actor('client@demo.local');
  const draft = await t.container.workflow.createDraft(client, {
    type: 'withdrawal',
    payload: SAMPLE_PAYLOADS.withdrawal,
  });
  const { payloadHash } = await t.container.workflow.submit(client, draft.id);
  await t.container.workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
  const staff = Object.values(t.actors).filter((a) => !a.roles.includes('client'));
  await driveToCompletion(t.container.workflow, draft.id, t.actor('manager@demo.local'), staff);
  requestId = draft.id;
  const exchange = t.container.exchange;
  const dir = t.container.config.exchange?.dir;
  if (!exchange || !dir) throw new Error('the exchange is on by default');
  await exchange.exportPending();
  const exports = (await exchange.list({ requestId, page: 1, pageSize: 10 })).items;
  const answer = (name: string, xml: string) => {
    const path = join(dir, 'in', name);
    writeFileSync(path, xml);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
  };
  const accepted = exports.find((e) => e.kind === 'request_accepted');
  const completed = exports.find((e) => e.kind === 'request_completed');
  if (!accepted || !completed) throw new Error('both exports were written');
  answer(
    'a.xml',
    `<KabinetAck xmlns="urn:kabinet:exchange:1" eventId="${accepted.id}" attempt="1" status="accepted" backofficeRef="FANSY-77"/>`,
  );
  answer(
    'b.xml',
    `<KabinetAck xmlns="urn:kabinet:exchange:1" eventId="${completed.id}" attempt="1" status="error"><Message>Счёт получателя не открыт в FANSY</Message></KabinetAck>`,
  );
  await exchange.readInbox();
});
afterAll(async () => {
  await world?.close();
});

describe('the exchange page', () => {
  test('an administrator sees the states of a request’s exports and sends the refused one again', async () => {
    const { page, problems } = await openSignedIn(
      world,
      `/admin/exchange?requestId=${requestId}`,
      'admin@demo.local',
    );
    await page.getByRole('heading', { name: 'Обмен с бэк-офисом', level: 1 }).waitFor();
    await page.getByText(/^Выгрузки по заявке № \d{4}-\d{6}$/).waitFor();
    const table = page.getByRole('table', { name: 'Обмен с бэк-офисом' });
    await table.getByText('Принята', { exact: true }).waitFor();
    await table.getByText('Номер в FANSY: FANSY-77').waitFor();
    await table.getByText('Отклонена').waitFor();
    await table.getByText('Счёт получателя не открыт в FANSY').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'exchange-1440x900');

    await table.getByRole('button', { name: /^Выгрузить снова/ }).click();
    await page.getByText('Выгружено снова: попытка 2.').waitFor();
    await table.getByText('Ждёт ответа').waitFor();
    expect(await table.getByRole('button', { name: /^Выгрузить снова/ }).count()).toBe(0);

    // The filter lives in the URL; the phone gets cards.
    await page.setViewportSize(PHONE);
    await page.getByRole('combobox', { name: 'Состояние' }).click();
    await page.getByRole('option', { name: 'Принята' }).click();
    await page.waitForURL(/status=acknowledged/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'exchange-acknowledged-390x844');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();
  });

  test('the back office has the page in its navigation; a client has not, and the API refuses it', async () => {
    const { page } = await openSignedIn(world, `/requests`, 'backoffice@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Обмен с бэк-офисом' }).click();
    await page.getByRole('heading', { name: 'Обмен с бэк-офисом', level: 1 }).waitFor();
    await page
      .getByRole('table', { name: 'Обмен с бэк-офисом' })
      .getByText('Заявка исполнена')
      .first()
      .waitFor();
    await page.context().close();

    const clientContext = await world.browser.newContext({ viewport: DESKTOP });
    const clientPage = await clientContext.newPage();
    clientPage.setDefaultTimeout(15_000);
    await clientPage.goto(`${world.t.base}/requests`);
    await signIn(clientPage, world.sms, 'client@demo.local');
    await clientPage.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    expect(await clientPage.getByRole('link', { name: 'Обмен с бэк-офисом' }).count()).toBe(0);
    await clientPage.goto(`${world.t.base}/admin/exchange`);
    await clientPage.getByText('Не удалось загрузить выгрузки').waitFor();
    await clientContext.close();
  });
});
