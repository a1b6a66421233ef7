import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExchangeFolder } from '../../../src/backoffice/fansy/exchange-folder.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { OutboxMessageSchema } from '../../../src/messaging/outbox.entity.js';
import { SmtpEmailSender } from '../../../src/notify/channels/smtp-email.js';
import { ApplicationDispatch } from '../../../src/onboarding/application-dispatch.js';
import { AccountApplicationSchema } from '../../../src/onboarding/application.entity.js';
import { SAMPLE_ANSWERS } from '../../../src/onboarding/questionnaire/samples.js';
import { createApiFixture, type ApiFixture, type HttpAnswer } from '../../support/api.js';
import { pdfText } from '../../support/pdf-text.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/peers/smtp.js';

/*
 * The public account-opening questionnaire over HTTP (issue 12 items 1, 2, 4, 6): a draft kept by its secret,
 * the check at the fields, contacts confirmed by code, the submission numbered and journaled, then handed on —
 * the PDF e-mailed to the client managers (read back by a real SMTP server), the applicant's letter, and one file
 * in the exchange folder that a retry replaces rather than doubles.
 */

const XSD = join(process.cwd(), 'docs/exchange/kabinet-questionnaire-1.xsd');

let f: ApiFixture;
let smtp: TestSmtpServer;
beforeAll(async () => {
  [f, smtp] = await Promise.all([createApiFixture(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([f.close(), smtp.close()]);
});

interface Draft {
  id: string;
  token: string;
}

const as = (draft: Draft) => ({ 'x-application-token': draft.token });

async function start(kind: string): Promise<Draft & { body: Record<string, unknown> }> {
  const started = await f.call('POST', '/api/v1/onboarding/applications', { body: { kind } });
  expect(started.status).toBe(201);
  const application = started.body['application'] as Record<string, unknown>;
  return { id: String(application['id']), token: String(started.body['token']), body: application };
}

async function save(draft: Draft, answers: Record<string, unknown>): Promise<HttpAnswer> {
  const current = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`, { headers: as(draft) });
  return f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
    headers: as(draft),
    body: { answers, version: current.body['version'] },
  });
}

async function confirm(draft: Draft, channel: 'phone' | 'email', to: string): Promise<HttpAnswer> {
  const sent = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/${channel}/code`, {
    headers: as(draft),
  });
  expect(sent.status).toBe(200);
  const code = channel === 'phone' ? f.sms.code(to) : f.email.code(to);
  return f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/${channel}/confirm`, {
    headers: as(draft),
    body: { code },
  });
}

describe('the questionnaire itself', () => {
  it('is public: three kinds in steps, every field labelled, the consent with its version', async () => {
    const answer = await f.call('GET', '/api/v1/onboarding/questionnaires');
    expect(answer.status).toBe(200);
    const kinds = answer.body['kinds'] as {
      kind: string;
      steps: { fields: string[] }[];
      fields: unknown[];
    }[];
    expect(kinds.map((k) => k.kind)).toEqual(['individual', 'sole_proprietor', 'legal_entity']);
    for (const kind of kinds) expect(kind.steps.flatMap((s) => s.fields)).toHaveLength(kind.fields.length);
    expect(answer.body['consent']).toMatchObject({ version: expect.any(String) });
    expect(answer.body['draftRetentionDays']).toBe(30);
  });
});

describe('a draft', () => {
  it('belongs to whoever holds its secret: a wrong or missing token is the same 404 as no questionnaire', async () => {
    const draft = await start('individual');
    expect(draft.body).toMatchObject({ status: 'draft', number: null, version: 1 });
    const wrong = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: { 'x-application-token': `${draft.token.slice(0, -2)}xx` },
    });
    const missing = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`);
    const unknown = await f.call(
      'GET',
      '/api/v1/onboarding/applications/00000000-0000-4000-8000-000000000000',
      {
        headers: as(draft),
      },
    );
    for (const refused of [wrong, missing, unknown]) {
      expect(refused.status).toBe(404);
      expect(refused.body['code']).toBe('not_found');
    }
  });

  it('keeps what was typed, says at each field what is wrong, and refuses a stale version', async () => {
    const draft = await start('individual');
    const saved = await save(draft, {
      ...SAMPLE_ANSWERS.individual,
      snils: '112-233-445 96',
      birthDate: '2010-01-01',
      notAField: 'dropped',
    });
    expect(saved.status).toBe(200);
    expect(saved.body['answers']).not.toHaveProperty('notAField');
    const check = saved.body['check'] as { complete: boolean; errors: Record<string, string[]> };
    expect(check.complete).toBe(false);
    expect(check.errors['snils']).toEqual(['the SNILS check number is wrong']);
    expect(check.errors['birthDate']).toEqual(['an account can be opened from the age of 18']);

    const stale = await f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: as(draft),
      body: { answers: {}, version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body['code']).toBe('conflict');

    const russian = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: { ...as(draft), 'accept-language': 'ru' },
    });
    expect((russian.body['check'] as { errors: Record<string, string[]> }).errors['snils']).toEqual([
      'Неверное контрольное число СНИЛС',
    ]);
  });

  it('refuses malformed bodies with problem+json and changes nothing', async () => {
    const draft = await start('legal_entity');
    const nested = await f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: as(draft),
      body: { answers: { companyName: { $ne: '' } }, version: 1 },
    });
    expect(nested.status).toBe(400);
    expect(nested.headers.get('content-type')).toContain('application/problem+json');
    const long = await f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: as(draft),
      body: { answers: { companyName: 'x'.repeat(2001) }, version: 1 },
    });
    expect(long.status).toBe(400);
    const unknownKind = await f.call('POST', '/api/v1/onboarding/applications', { body: { kind: 'trust' } });
    expect(unknownKind.status).toBe(400);
    const row = await f.db.orm.em.fork().findOneOrFail(AccountApplicationSchema, { id: draft.id });
    expect(row).toMatchObject({ version: 1, answers: { actualSameAsLegal: true } });
  });
});

describe('contacts confirmed by code, then the submission', () => {
  const PHONE = SAMPLE_ANSWERS.individual['phone'] as string;
  const EMAIL = SAMPLE_ANSWERS.individual['email'] as string;
  let draft: Draft;
  let number: string;

  it('cannot be sent before both contacts are confirmed', async () => {
    draft = await start('individual');
    expect((await save(draft, SAMPLE_ANSWERS.individual)).status).toBe(200);
    const early = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/submit`, {
      headers: as(draft),
    });
    expect(early.status).toBe(400);
    expect(early.body['errors']).toEqual({
      phone: ['confirm it with the code we sent there'],
      email: ['confirm it with the code we sent there'],
    });
  });

  it('a wrong code says how many attempts are left; the right one confirms; a second send waits a minute', async () => {
    const sent = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/phone/code`, {
      headers: as(draft),
    });
    expect(sent.status).toBe(200);
    expect((sent.body['contacts'] as Record<string, unknown>)['phone']).toMatchObject({
      sentTo: expect.stringMatching(/^\+7\*+\d{2,4}$|\*/),
      confirmed: false,
      resendAfterSeconds: 60,
    });
    const again = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/phone/code`, {
      headers: as(draft),
    });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);

    const code = f.sms.code(PHONE);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/phone/confirm`, {
      headers: as(draft),
      body: { code: wrongCode },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body['refusal']).toEqual({ reason: 'wrong', attemptsLeft: 4 });
    const right = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/phone/confirm`, {
      headers: as(draft),
      body: { code },
    });
    expect(right.status).toBe(200);
    expect((right.body['contacts'] as Record<string, { confirmed: boolean }>)['phone']?.confirmed).toBe(true);
  });

  it('a changed phone needs a new code', async () => {
    const changed = await save(draft, { ...SAMPLE_ANSWERS.individual, phone: '+79991112233' });
    expect((changed.body['contacts'] as Record<string, { confirmed: boolean }>)['phone']?.confirmed).toBe(
      false,
    );
    const back = await save(draft, SAMPLE_ANSWERS.individual);
    expect((back.body['contacts'] as Record<string, { confirmed: boolean }>)['phone']?.confirmed).toBe(true);
  });

  it('is sent once, numbered, journaled without personal data; pressing again answers the same', async () => {
    expect((await confirm(draft, 'email', EMAIL)).status).toBe(200);
    const [first, second] = await Promise.all([
      f.call('POST', `/api/v1/onboarding/applications/${draft.id}/submit`, { headers: as(draft) }),
      f.call('POST', `/api/v1/onboarding/applications/${draft.id}/submit`, { headers: as(draft) }),
    ]);
    const answered = [first, second].filter((a) => a.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const a of [first, second]) expect([200, 409]).toContain(a.status);
    number = String(answered[0]?.body['number']);
    expect(number).toMatch(/^A-\d{4}-\d{6}$/);
    const third = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/submit`, {
      headers: as(draft),
    });
    expect(third.body).toMatchObject({ status: 'submitted', number });
    expect((third.body['answers'] as Record<string, unknown>)['phone']).toBe(PHONE);

    const edit = await save(draft, {});
    expect(edit.status).toBe(409);
    expect(edit.body['code']).toBe('invalid_transition');

    const em = f.db.orm.em.fork();
    const outbox = await em.find(OutboxMessageSchema, { topic: 'account_application_submitted' });
    expect(outbox.filter((m) => m.payload['applicationId'] === draft.id)).toHaveLength(1);
    const entries = await em.find(JournalEntrySchema, { action: 'onboarding.application_submitted' });
    const mine = entries.filter((e) => e.data['applicationId'] === draft.id);
    expect(mine).toHaveLength(1);
    const said = JSON.stringify(mine[0]?.data) + JSON.stringify(outbox.map((m) => m.payload));
    for (const personal of ['Соколова', PHONE, EMAIL, '4510', '112-233-445 95'])
      expect(said).not.toContain(personal);
  });

  it('is handed on: the PDF to each client manager over real SMTP, the applicant told the number, one exchange file', async () => {
    const dir = f.container.config.exchange?.dir ?? '';
    const dispatch = new ApplicationDispatch({
      orm: f.db.orm,
      email: new SmtpEmailSender(smtp.url, 'Kabinet <no-reply@kabinet.test>'),
      gateway: new ExchangeFolder({ dir, settleSeconds: 0, now: f.clock.now }),
      company: f.container.config.company,
      publicUrl: 'https://kabinet.example.ru',
      logger: f.container.logger,
      now: f.clock.now,
    });
    expect(await dispatch.dispatchPending()).toBe(1);
    const mails = await smtp.waitForAccepted(3);
    const toManagers = mails.filter((m) => /Новая анкета|New application/.test(m.subject ?? ''));
    expect(toManagers.map((m) => m.to && 'text' in m.to && m.to.text).sort()).toEqual([
      'manager2@demo.local',
      'manager@demo.local',
    ]);
    for (const mail of toManagers) {
      expect(mail.subject).toContain(number);
      expect(mail.text).toContain(`https://kabinet.example.ru/onboarding/${draft.id}`);
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf?.filename).toBe(`${number}.pdf`);
      const text = pdfText(pdf?.content ?? Buffer.alloc(0));
      expect(text).toContain(`Анкета на открытие счёта ${number}`);
      expect(text).toContain('Соколова');
      expect(text).toContain('112-233-445 95');
      expect(text).toContain('Согласие на обработку персональных данных');
    }
    const applicant = mails.find((m) => m.to && 'text' in m.to && m.to.text === EMAIL);
    expect(applicant?.text).toContain(number);

    const files = readdirSync(join(dir, 'out')).filter((name) => name.startsWith('questionnaire_'));
    expect(files).toEqual([`questionnaire_${number}.xml`]);
    const path = join(dir, 'out', files[0] ?? '');
    const run = spawnSync('xmllint', ['--noout', '--schema', XSD, path], { encoding: 'utf8' });
    expect(run.stderr.trim()).toBe(`${path} validates`);
    const xml = readFileSync(path, 'utf8');
    expect(xml).toContain('<Field name="snils" kind="text" label="СНИЛС">112-233-445 95</Field>');

    // Nothing left: a second round sends nothing. A replay of the row (a crash before its commit) writes the same
    // file again under the same name, never a second one.
    expect(await dispatch.dispatchPending()).toBe(0);
    const em = f.db.orm.em.fork();
    const row = await em.findOneOrFail(OutboxMessageSchema, { topic: 'account_application_submitted' });
    expect(row.status).toBe('dispatched');
    await em.nativeUpdate(
      OutboxMessageSchema,
      { id: row.id },
      { status: 'pending', payload: { applicationId: draft.id } },
    );
    expect(await dispatch.dispatchPending()).toBe(1);
    expect(readdirSync(join(dir, 'out')).filter((name) => name.startsWith('questionnaire_'))).toEqual(files);
    expect(readFileSync(path, 'utf8')).toBe(xml);
  });
});

describe('abandoned drafts', () => {
  it('are deleted after the retention period, and the deletion is journaled without personal data', async () => {
    const old = await start('sole_proprietor');
    await save(old, SAMPLE_ANSWERS.sole_proprietor);
    f.clock.advance(31 * 86_400_000);
    const fresh = await start('individual');
    const deleted = await f.container.applications.purgeAbandoned();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const em = f.db.orm.em.fork();
    expect(await em.findOne(AccountApplicationSchema, { id: old.id })).toBeNull();
    expect(await em.findOne(AccountApplicationSchema, { id: fresh.id })).not.toBeNull();
    const entries = await em.find(JournalEntrySchema, { action: 'onboarding.draft_deleted' });
    const entry = entries.find((e) => e.data['applicationId'] === old.id);
    expect(entry?.data).toMatchObject({ kind: 'sole_proprietor', retentionDays: 30 });
    expect(JSON.stringify(entry?.data)).not.toContain('Петров');
    // Submitted questionnaires are not drafts: they stay.
    expect(await em.count(AccountApplicationSchema, { status: 'submitted' })).toBe(1);
    expect(existsSync(f.container.config.dataDir)).toBe(true);
  });
});
