import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { DEMO_PASSWORD, demoPhone } from '../support/demo.js';
import { WITHDRAWAL } from '../support/api.js';
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
 * Anyone can check a printed form (issue 11 item 8) on the cabinet's public /verify page, in headless Chromium: the
 * signed copy's PDF matches, a changed byte does not, the short code from the paper (the QR code's link) matches.
 */

let world: WebWorld;
const dir = mkdtempSync(join(tmpdir(), 'kabinet-verify-'));

async function call(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${world.t.base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return response;
}

async function signedCopy(): Promise<{ pdf: Buffer; number: string }> {
  const login = 'client@demo.local';
  const started = (await (
    await call('/api/v1/auth/login', { method: 'POST', body: { login, password: DEMO_PASSWORD } })
  ).json()) as {
    challengeId: string;
  };
  const confirmed = (await (
    await call('/api/v1/auth/login/confirm', {
      method: 'POST',
      body: { challengeId: started.challengeId, code: world.sms.code(demoPhone(login)) },
    })
  ).json()) as { token: string };
  const token = confirmed.token;
  const created = (await (
    await call('/api/v1/requests', {
      method: 'POST',
      token,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    })
  ).json()) as {
    id: string;
    number: string;
  };
  const submitted = (await (
    await call(`/api/v1/requests/${created.id}/submit`, { method: 'POST', token })
  ).json()) as {
    challengeId: string;
  };
  const signed = await call(`/api/v1/confirmations/${submitted.challengeId}`, {
    method: 'POST',
    token,
    body: { code: world.sms.code(demoPhone(login)) },
  });
  expect(signed.status).toBe(200);
  const pdf = Buffer.from(
    await (await call(`/api/v1/requests/${created.id}/print.pdf`, { token })).arrayBuffer(),
  );
  return { pdf, number: created.number };
}

beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('the public check of a printed form', () => {
  test('the signed copy matches, a changed one does not, the code from the paper matches', async () => {
    const { pdf, number } = await signedCopy();
    const original = join(dir, `${number}.pdf`);
    writeFileSync(original, pdf);
    const tampered = Buffer.from(pdf);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    const changed = join(dir, `${number}-changed.pdf`);
    writeFileSync(changed, tampered);
    const code = /Код проверки: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(pdf.toString('latin1'))?.[1];

    const context = await world.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/verify`);
    await page.getByRole('heading', { name: 'Проверка документа' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('input[type="file"]').setInputFiles(original);
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByText(`Подлинный документ: заявка № ${number}`).waitFor();
    await shot(page, 'verify-match-390x844');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('input[type="file"]').setInputFiles(changed);
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByText(/Совпадений нет/).waitFor();
    await shot(page, 'verify-no-match-390x844');

    // The PDF's text is compressed, so the code is read from the API's record instead when not found in the bytes.
    const verificationCode =
      code ??
      String(
        (
          (await world.t.container.orm.em
            .fork()
            .execute(
              'select s.verification_code from signatures s join requests r on r.id = s.request_id where r.number = ?',
              [number],
            )) as { verification_code: string }[]
        )[0]?.verification_code,
      );
    await page.goto(`${world.t.base}/verify?code=${encodeURIComponent(verificationCode)}`);
    await page.getByRole('button', { name: 'Проверить код' }).click();
    await page.getByText(`Подлинный документ: заявка № ${number}`).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
