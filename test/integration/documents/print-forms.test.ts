import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDecimal } from '../../../src/i18n/index.js';
import { printedValue } from '../../../src/documents/print-form.js';
import { applicableFields } from '../../../src/workflow/domain/form.js';
import { REQUEST_TYPE_CODES } from '../../../src/workflow/domain/definition.js';
import { getRequestType } from '../../../src/workflow/domain/types/index.js';
import { driveToCompletion } from '../../../src/demo/drive.js';
import { createApiFixture, WITHDRAWAL, type ApiFixture } from '../../support/api.js';
import { asExtracted, pdfText } from '../../support/pdf-text.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

/*
 * Print forms (issue 11 items 1, 3, 4): a PDF per request type rendered by pdfmake with Roboto embedded, read back
 * with pdftotext; the same access rules as the request; a client's copy never names internal checks.
 */

const FORMS = join(process.cwd(), 'test-results/print-forms');

let f: ApiFixture;
let client: string;
let manager: string;

async function pdf(
  id: string,
  token: string,
  query = '',
): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(`${f.base}/api/v1/requests/${id}/print.pdf${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

async function signedWithdrawal(body = WITHDRAWAL): Promise<string> {
  const created = await f.call('POST', '/api/v1/requests', {
    token: client,
    body: { type: 'withdrawal', payload: body },
  });
  const id = String(created.body['id']);
  const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
  const confirmed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
    token: client,
    body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
  });
  expect(confirmed.status).toBe(200);
  return id;
}

beforeAll(async () => {
  f = await createApiFixture();
  client = await f.login('client@demo.local');
  manager = await f.login('manager@demo.local');
});
afterAll(async () => {
  await f?.close();
});

describe('print forms', () => {
  it.each(REQUEST_TYPE_CODES)(
    '%s: a draft renders as a marked preview with the number, title and every field',
    async (code) => {
      const created = await f.call('POST', '/api/v1/requests', {
        token: client,
        body: { type: code, payload: SAMPLE_PAYLOADS[code] },
      });
      expect(created.status).toBe(201);
      const id = String(created.body['id']);
      const answer = await pdf(id, client);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(answer.headers.get('x-content-sha256')).toBe(
        createHash('sha256').update(answer.bytes).digest('hex'),
      );
      const text = pdfText(answer.bytes);
      const definition = getRequestType(code);
      expect(text).toContain(String(created.body['number']));
      expect(text).toContain(asExtracted(definition.title.ru));
      expect(text).toContain('ПРОЕКТ');
      expect(text).toContain('АО «Демо Инвест»');
      expect(text).toContain('Стр. 1 из');
      for (const field of applicableFields(definition, SAMPLE_PAYLOADS[code])) {
        const value = SAMPLE_PAYLOADS[code][field.name];
        if (value === undefined) continue;
        expect(text).toContain(asExtracted(printedValue(field, value, 'ru')));
      }
    },
  );

  it('a signed withdrawal carries the signature block: simple e-signature, masked phone, time and the hash', async () => {
    const id = await signedWithdrawal();
    const text = pdfText((await pdf(id, client)).bytes);
    expect(text).not.toContain('ПРОЕКТ');
    expect(text).toContain('Простая электронная подпись');
    expect(text).toContain('+7 *** ***-**-');
    expect(text).not.toContain(f.phoneOf('client@demo.local'));
    const view = await f.call('GET', `/api/v1/requests/${id}`, { token: manager });
    expect(text).toMatch(/SHA-256 документа [0-9a-f]{64}/);
    expect(view.status).toBe(200);
    // Money as in the SMS: grouped digits and a decimal comma.
    expect(text).toContain(asExtracted(formatDecimal(WITHDRAWAL.amount, 'ru')));
  });

  it('in English when asked; the same request renders the same bytes at the same moment', async () => {
    const id = await signedWithdrawal();
    const en = await pdf(id, client, '?lang=en');
    const text = pdfText(en.bytes);
    expect(text).toContain('Request No.');
    expect(text).toContain('Simple electronic signature');
    const again = await pdf(id, client, '?lang=en');
    expect(again.bytes.equals(en.bytes)).toBe(true);
  });

  it('a finished request: the client copy lists statuses only, the staff copy every task and who did it', async () => {
    const id = await signedWithdrawal();
    await driveToCompletion(f.workflow, id, f.actor('manager@demo.local'), staffActors());
    const clientCopy = (await pdf(id, client)).bytes;
    // Kept for a look (pdftoppm -png renders it).
    mkdirSync(FORMS, { recursive: true });
    writeFileSync(join(FORMS, 'withdrawal-completed-client.pdf'), clientCopy);
    const clientText = pdfText(clientCopy);
    expect(clientText).toContain('Исполнена');
    // No tipping-off (115-FZ): not the screening, not who worked the request.
    expect(clientText).not.toMatch(/115-ФЗ|мониторинг/i);
    expect(clientText).not.toContain('Мониторова');
    const staffCopy = (await pdf(id, manager)).bytes;
    writeFileSync(join(FORMS, 'withdrawal-completed-staff.pdf'), staffCopy);
    const staffText = pdfText(staffCopy);
    expect(staffText).toContain('Проверка операции (115-ФЗ) — выполнено (Мониторова Фаина)');
  });

  it('the client signs what it saw: the stored form while the code is out is the signed one, its hash in the record', async () => {
    const created = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const id = String(created.body['id']);
    const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
    expect(submitted.status).toBe(202);
    const beingSigned = await pdf(id, client);
    const shownText = pdfText(beingSigned.bytes);
    // (pdftotext joins a phone wrapped at its hyphen, so only its start is compared.)
    expect(shownText).toContain('код подтверждения отправлен в SMS на номер +7 ***');
    expect(shownText).not.toContain('ПРОЕКТ');
    // Asking again while the code is out gives the same document, byte for byte.
    expect((await pdf(id, client)).bytes.equals(beingSigned.bytes)).toBe(true);
    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token: client,
      body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
    });
    expect(confirmed.status).toBe(200);
    const signature = await f.container.signing.latestSignature(id);
    const signedCopy = await pdf(id, client, '?version=signed');
    expect(signedCopy.status).toBe(200);
    expect(signedCopy.bytes.equals(beingSigned.bytes)).toBe(true);
    expect(signature?.printFormHash).toBe(createHash('sha256').update(signedCopy.bytes).digest('hex'));
    // The current form names that hash in its signature block; staff get the same signed bytes.
    expect(pdfText((await pdf(id, client)).bytes)).toContain(
      `SHA-256 документа ${signature?.printFormHash ?? ''}`,
    );
    expect((await pdf(id, manager, '?version=signed')).bytes.equals(beingSigned.bytes)).toBe(true);
  });

  it('an edit after the code was sent makes a new document, and the old code is refused', async () => {
    const created = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const id = String(created.body['id']);
    const first = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
    const firstCode = f.sms.code(f.phoneOf('client@demo.local'));
    const firstForm = await pdf(id, client);
    const edited = await f.call('PATCH', `/api/v1/requests/${id}`, {
      token: client,
      body: { payload: { ...WITHDRAWAL, amount: '90000.00' } },
    });
    expect(edited.body['status']).toBe('draft');
    const refused = await f.call('POST', `/api/v1/confirmations/${String(first.body['challengeId'])}`, {
      token: client,
      body: { code: firstCode },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await f.call('GET', `/api/v1/requests/${id}`, { token: client })).body['status']).toBe('draft');
    await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
    const secondForm = await pdf(id, client);
    expect(secondForm.headers.get('x-content-sha256')).not.toBe(firstForm.headers.get('x-content-sha256'));
    expect(pdfText(secondForm.bytes)).toContain(asExtracted(formatDecimal('90000.00', 'ru')));
    // Nothing was signed yet: there is no signed version.
    expect((await pdf(id, client, '?version=signed')).status).toBe(404);
  });

  it('another client, and a malformed id, get 404; without a session 401', async () => {
    const id = await signedWithdrawal();
    const other = await f.login('ip@demo.local');
    expect((await pdf(id, other)).status).toBe(404);
    expect((await pdf('not-a-uuid', client)).status).toBe(404);
    const anonymous = await fetch(`${f.base}/api/v1/requests/${id}/print.pdf`);
    expect(anonymous.status).toBe(401);
  });
});

function staffActors() {
  return Object.values(f.actors).filter((actor) => !actor.roles.includes('client'));
}

describe('anyone can check a printed form (issue 11 item 8)', () => {
  const verify = async (path: string) => {
    const answer = await fetch(`${f.base}/api/v1/verifications/${path}`);
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('the signed copy carries a QR code and a short code; the check names the request and the date, nothing else', async () => {
    const id = await signedWithdrawal();
    const copy = (await pdf(id, client)).bytes;
    const text = pdfText(copy);
    const code = /Код проверки: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1] ?? '';
    expect(text).toContain('Код проверки');
    expect(code).not.toBe('');
    expect(text).toMatch(/\/verify\? ?code=/);
    const number = String((await f.call('GET', `/api/v1/requests/${id}`, { token: client })).body['number']);

    const byCopy = await verify(`documents/${sha(copy)}`);
    expect(byCopy.status).toBe(200);
    expect(byCopy.body).toEqual({
      result: 'match',
      requestNumber: number,
      signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      signature: 'simple_electronic',
      document: 'signed_copy',
    });
    const signed = (await pdf(id, client, '?version=signed')).bytes;
    expect((await verify(`documents/${sha(signed)}`)).body).toMatchObject({
      result: 'match',
      document: 'signed',
    });
    // Typed from paper: lower case, no dash, an O for a zero — still found.
    const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o');
    expect((await verify(`codes/${encodeURIComponent(typed)}`)).body).toMatchObject({
      result: 'match',
      requestNumber: number,
    });
    // Nothing personal: no name, phone, amount or account in any answer.
    const all = JSON.stringify([byCopy.body]);
    expect(all).not.toMatch(/Иванов|\+7|100000|4081/);
  });

  it('a changed PDF does not match; an unknown code does not match; nonsense is not an error', async () => {
    const id = await signedWithdrawal();
    const copy = Buffer.from((await pdf(id, client)).bytes);
    const tampered = Buffer.from(copy);
    const at = tampered.indexOf('Сумма') > 0 ? tampered.indexOf('Сумма') : Math.floor(tampered.length / 2);
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    expect((await verify(`documents/${sha(tampered)}`)).body).toEqual({ result: 'no_match' });
    expect((await verify('codes/ZZZZZ-ZZZZZ')).body).toEqual({ result: 'no_match' });
    // Malformed is not found, as everywhere in the API.
    expect((await verify('documents/not-a-hash')).status).toBe(404);
    // A draft's preview was never signed: it does not match either.
    const draft = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const preview = (await pdf(String(draft.body['id']), client)).bytes;
    expect((await verify(`documents/${sha(preview)}`)).body).toEqual({ result: 'no_match' });
  });

  it('is rate-limited per address: a 429 with Retry-After once the limit is spent', async () => {
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const answer = await fetch(`${f.base}/api/v1/verifications/codes/AAAAA-AAAA${i % 10}`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      last = answer.status;
      retryAfter = answer.headers.get('retry-after');
      await answer.arrayBuffer();
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
