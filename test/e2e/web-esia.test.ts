import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gostKeys, startFakeEsia, type FakeEsia } from '../support/peers/esia.js';
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
 * «Войти через Госуслуги» in headless Chromium (issue 12 item 3): the button, the round trip through a fake ESIA
 * (GOST-signed, on loopback), the questionnaire filled and marked "from Gosuslugi", and a refused consent said in
 * words on the questionnaire's page.
 */

const REDIRECT = 'https://kabinet.example.ru/api/v1/onboarding/esia/callback';
let esia: FakeEsia;
let world: WebWorld;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-web-esia-'));
  const ours = gostKeys(dir, 'kabinet');
  esia = await startFakeEsia({
    clientId: 'KABINET_TEST',
    redirectUris: [REDIRECT],
    clientPublicKeyFile: ours.publicKeyFile,
    issuer: 'http://esia-test.gosuslugi.ru/',
    person: {
      oid: '1000299655',
      person: {
        lastName: 'Кузнецова',
        firstName: 'Мария',
        middleName: 'Олеговна',
        birthDate: '03.02.1988',
        birthPlace: 'г. Санкт-Петербург',
        citizenship: 'RUS',
        snils: '112-233-445 95',
      },
      contacts: [{ type: 'MBT', vrfStu: 'VERIFIED', value: '+7(999)7776644' }],
      documents: [
        {
          type: 'RF_PASSPORT',
          series: '4008',
          number: '654988',
          issueDate: '15.03.2008',
          issueId: '780012',
          issuedBy: 'ТП № 12 УФМС России по г. Санкт-Петербургу',
        },
      ],
      addresses: [
        { type: 'PRG', zipCode: '190000', addressStr: 'г. Санкт-Петербург, ул. Садовая, д. 10, кв. 5' },
      ],
    },
  });
  world = await startWebWorld({
    env: {
      ESIA_URL: esia.url,
      ESIA_CLIENT_ID: 'KABINET_TEST',
      ESIA_CERT_HASH: 'A1B2C3D4E5F6',
      ESIA_SIGNER: 'openssl',
      ESIA_KEY_FILE: ours.keyFile,
      ESIA_PUBLIC_KEY_FILE: esia.keys.publicKeyFile,
      ESIA_ISSUER: 'http://esia-test.gosuslugi.ru/',
      ESIA_REDIRECT_URI: REDIRECT,
    },
  });
});
afterAll(async () => {
  await world?.close();
  await esia?.close();
});

describe('«Войти через Госуслуги»', () => {
  test('fills the questionnaire from Gosuslugi; a refused consent is said in words', async () => {
    const context = await world.browser.newContext({ viewport: PHONE });
    // The address registered with ESIA is the production one: here it leads back to the test's server.
    await context.route('https://kabinet.example.ru/**', async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({
        status: 302,
        headers: { location: `${world.t.base}${url.pathname}${url.search}` },
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/open-account`);
    await page.getByRole('button', { name: 'Войти через Госуслуги' }).click();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page.getByText('Данные получены из Госуслуг. Проверьте их и дополните недостающее.').waitFor();
    expect(await page.locator('[name="lastName"]').inputValue()).toBe('Кузнецова');
    expect(await page.getByText('Из Госуслуг', { exact: true }).count()).toBeGreaterThanOrEqual(5);
    expect(new URL(page.url()).hash).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-esia-390x844');

    esia.refuseNext();
    await page.goto(`${world.t.base}/open-account`);
    await page.getByRole('button', { name: 'Войти через Госуслуги' }).click();
    await page
      .getByText('Вы не дали согласие на передачу данных в Госуслугах. Можно заполнить анкету вручную.')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-esia-refused-390x844');
    expect(problems).toEqual([]);
    await context.close();
  });
});
