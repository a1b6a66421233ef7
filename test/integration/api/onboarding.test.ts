import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExchangeFolder } from '../../../src/backoffice/fansy/exchange-folder.js';
import { ClientSchema } from '../../../src/clients/client.entity.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
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
    // Ids are random hex: a passport's "4510" may turn up inside one by chance.
    const said = (JSON.stringify(mine[0]?.data) + JSON.stringify(outbox.map((m) => m.payload))).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '<id>',
    );
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

/** A questionnaire sent as an applicant would: started, answered, both contacts confirmed, submitted. */
async function submitted(
  kind: string,
  answers: Record<string, unknown>,
): Promise<{ id: string; number: string }> {
  const draft = await start(kind);
  expect((await save(draft, answers)).status).toBe(200);
  expect((await confirm(draft, 'phone', String(answers['phone']))).status).toBe(200);
  expect((await confirm(draft, 'email', String(answers['email']))).status).toBe(200);
  const sent = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/submit`, {
    headers: as(draft),
  });
  expect(sent.status).toBe(200);
  return { id: draft.id, number: String(sent.body['number']) };
}

describe("the client managers' desk", () => {
  let manager: string;
  let first: { id: string; number: string };
  let twin: { id: string; number: string };
  let proprietor: { id: string; number: string };
  const items = (answer: HttpAnswer) => answer.body['items'] as Record<string, unknown>[];

  beforeAll(async () => {
    manager = await f.login('manager@demo.local');
    first = await submitted('individual', {
      ...SAMPLE_ANSWERS.individual,
      lastName: 'Белова',
      email: 'belova@example.ru',
      phone: '+79995550001',
      passportNumber: '777001',
      inn: '770312345678',
    });
    // The same person again: the same INN, passport and phone.
    twin = await submitted('individual', {
      ...SAMPLE_ANSWERS.individual,
      lastName: 'Белова',
      email: 'belova2@example.ru',
      phone: '+79995550001',
      passportNumber: '777001',
      inn: '770312345678',
    });
    // An existing client's INN (the demo individual's).
    proprietor = await submitted('sole_proprietor', {
      ...SAMPLE_ANSWERS.sole_proprietor,
      inn: '771234567859',
    });
  });

  it('is for client managers only', async () => {
    for (const login of ['client@demo.local', 'backoffice@demo.local', 'admin@demo.local']) {
      const token = await f.login(login);
      const refused = await f.call('GET', '/api/v1/onboarding/desk', { token });
      expect(refused.status).toBe(403);
      const one = await f.call('GET', `/api/v1/onboarding/desk/${first.id}`, { token });
      expect(one.status).toBe(403);
    }
    expect((await f.call('GET', '/api/v1/onboarding/desk')).status).toBe(401);
  });

  it('lists sent questionnaires with search and filters, never drafts', async () => {
    const draft = await start('individual');
    const all = await f.call('GET', '/api/v1/onboarding/desk', { token: manager });
    expect(all.status).toBe(200);
    const ids = items(all).map((i) => i['id']);
    expect(ids).toEqual(expect.arrayContaining([first.id, twin.id, proprietor.id]));
    expect(ids).not.toContain(draft.id);
    expect((await f.call('GET', `/api/v1/onboarding/desk/${draft.id}`, { token: manager })).status).toBe(404);

    const byName = await f.call('GET', `/api/v1/onboarding/desk?q=${encodeURIComponent('белова')}`, {
      token: manager,
    });
    expect(
      items(byName)
        .map((i) => i['id'])
        .sort(),
    ).toEqual([first.id, twin.id].sort());
    const byNumber = await f.call('GET', `/api/v1/onboarding/desk?q=${first.number}`, { token: manager });
    expect(items(byNumber).map((i) => i['id'])).toEqual([first.id]);
    const proprietors = await f.call('GET', '/api/v1/onboarding/desk?kind=sole_proprietor', {
      token: manager,
    });
    expect(items(proprietors).map((i) => i['name'])).toEqual(['ИП Петров Илья Сергеевич']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(f.clock.now());
    const dated = await f.call('GET', `/api/v1/onboarding/desk?from=${today}&to=${today}`, {
      token: manager,
    });
    expect(items(dated).map((i) => i['id'])).toEqual(expect.arrayContaining([first.id, proprietor.id]));
    const future = await f.call('GET', '/api/v1/onboarding/desk?from=2099-01-01', { token: manager });
    expect(future.body['total']).toBe(0);
    const badDate = await f.call('GET', '/api/v1/onboarding/desk?from=yesterday', { token: manager });
    expect(badDate.status).toBe(400);
  });

  it('flags likely duplicates: another questionnaire, an existing client', async () => {
    const one = await f.call('GET', `/api/v1/onboarding/desk/${first.id}`, { token: manager });
    expect(one.body['duplicates']).toEqual(
      expect.arrayContaining([
        { reason: 'inn', with: 'application', ref: twin.number },
        { reason: 'document', with: 'application', ref: twin.number },
        { reason: 'phone', with: 'application', ref: twin.number },
      ]),
    );
    const proprietorView = await f.call('GET', `/api/v1/onboarding/desk/${proprietor.id}`, {
      token: manager,
    });
    expect(proprietorView.body['duplicates']).toContainEqual({
      reason: 'inn',
      with: 'client',
      ref: expect.stringContaining('БО-0001/26'),
    });
  });

  it('gives the PDF as e-mailed', async () => {
    const pdf = await fetch(`${f.base}/api/v1/onboarding/desk/${first.id}/pdf`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Белова');
  });

  it('imports once: the client (the manager’s) and its user without a password; a duplicate cannot be imported', async () => {
    const imported = await f.call('POST', `/api/v1/onboarding/desk/${first.id}/import`, {
      token: manager,
      body: { contracts: { main: 'БО-0101/26', depositary: 'ДЕ-0101/26' } },
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ status: 'imported', activated: false, contractsSignedAt: null });
    const again = await f.call('POST', `/api/v1/onboarding/desk/${first.id}/import`, {
      token: manager,
      body: { contracts: { main: 'БО-0102/26' } },
    });
    expect(again.status).toBe(409);
    const em = f.db.orm.em.fork();
    const client = await em.findOneOrFail(ClientSchema, { id: String(imported.body['clientId']) });
    expect(client).toMatchObject({
      kind: 'individual',
      name: 'Белова Анна Игоревна',
      inn: '770312345678',
      contractNumber: 'БО-0101/26',
      managerId: f.actor('manager@demo.local').userId,
    });
    const user = await em.findOneOrFail(UserSchema, { clientId: client.id });
    expect(user).toMatchObject({ email: 'belova@example.ru', phone: '+79995550001', passwordHash: null });

    // The twin has the same INN: the client exists now.
    const twinImport = await f.call('POST', `/api/v1/onboarding/desk/${twin.id}/import`, {
      token: manager,
      body: { contracts: { main: 'БО-0103/26' } },
    });
    expect(twinImport.status).toBe(409);
    expect(twinImport.body['code']).toBe('conflict');
    expect(
      (await f.call('GET', `/api/v1/onboarding/desk/${twin.id}`, { token: manager })).body['status'],
    ).toBe('submitted');
    const badContract = await f.call('POST', `/api/v1/onboarding/desk/${twin.id}/import`, {
      token: manager,
      body: { contracts: { main: '<script>' } },
    });
    expect(badContract.status).toBe(400);
  });

  it('access comes with the contracts: the activation link by e-mail and SMS, a password, then the usual sign-in', async () => {
    const other = await f.login('manager2@demo.local');
    const notHers = await f.call('POST', `/api/v1/onboarding/desk/${first.id}/activation`, { token: other });
    expect(notHers.status).toBe(403);
    // Imported, the questionnaire is that client's: another manager neither lists nor reads it.
    expect((await f.call('GET', `/api/v1/onboarding/desk/${first.id}`, { token: other })).status).toBe(404);
    expect((await f.call('GET', `/api/v1/onboarding/desk/${first.id}/pdf`, { token: other })).status).toBe(
      404,
    );
    const listed = await f.call('GET', '/api/v1/onboarding/desk?status=imported', { token: other });
    expect(items(listed).map((i) => i['id'])).not.toContain(first.id);
    const before = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'belova@example.ru', password: 'Svetlyi-parol-2026!' },
    });
    const sent = await f.call('POST', `/api/v1/onboarding/desk/${first.id}/activation`, { token: manager });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ sent: 2, contractsSignedAt: expect.any(String), activated: false });
    const mail = [...f.email.sent].reverse().find((m) => m.to === 'belova@example.ru');
    const link = /https?:\/\/\S+\/activate#([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    expect(f.sms.sent.some((m) => m.to === '+79995550001' && m.text.includes(`/activate#${token}`))).toBe(
      true,
    );

    const weak = await f.call('POST', '/api/v1/auth/activate', { body: { token, password: '1234567890' } });
    expect(weak.status).toBe(400);
    const done = await f.call('POST', '/api/v1/auth/activate', {
      body: { token, password: 'Svetlyi-parol-2026!' },
    });
    expect(done.status).toBe(204);
    const reused = await f.call('POST', '/api/v1/auth/activate', {
      body: { token, password: 'Another-parol-2026' },
    });
    expect(reused.status).toBe(404);

    // Before: the login answered like any other (no oracle); now the usual password and SMS code open it.
    expect(before.status).toBe(200);
    const login = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'belova@example.ru', password: 'Svetlyi-parol-2026!' },
    });
    expect(login.status).toBe(200);
    const confirmed = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: login.body['challengeId'], code: f.sms.code('+79995550001') },
    });
    expect(confirmed.status).toBe(200);
    const me = await f.call('GET', '/api/v1/me', { token: String(confirmed.body['token']) });
    expect(me.body).toMatchObject({ email: 'belova@example.ru', roles: ['client'] });

    const view = await f.call('GET', `/api/v1/onboarding/desk/${first.id}`, { token: manager });
    expect(view.body['activated']).toBe(true);
    const afterActivation = await f.call('POST', `/api/v1/onboarding/desk/${first.id}/activation`, {
      token: manager,
    });
    expect(afterActivation.status).toBe(409);
    const journal = await f.db.orm.em.fork().find(JournalEntrySchema, {
      action: {
        $in: ['onboarding.application_imported', 'onboarding.contracts_signed', 'identity.account_activated'],
      },
    });
    expect(journal.map((e) => e.action).sort()).toEqual([
      'identity.account_activated',
      'onboarding.application_imported',
      'onboarding.contracts_signed',
    ]);
  });

  it('a legal entity becomes a company client; its user is the person who acts for it', async () => {
    const company = await submitted('legal_entity', {
      ...SAMPLE_ANSWERS.legal_entity,
      representativeAuthority: 'power_of_attorney',
      representativeName: 'Иванова Елена Павловна',
      powerOfAttorneyNumber: '77 АБ 1234567',
      powerOfAttorneyDate: '2026-01-15',
      powerOfAttorneyValidUntil: '2027-12-31',
    });
    const imported = await f.call('POST', `/api/v1/onboarding/desk/${company.id}/import`, {
      token: manager,
      body: { contracts: { main: 'БО-0110/26', trust: 'ДУ-0110/26' } },
    });
    expect(imported.status).toBe(200);
    expect(imported.body['contracts']).toEqual({ main: 'БО-0110/26', trust: 'ДУ-0110/26' });
    const em = f.db.orm.em.fork();
    const client = await em.findOneOrFail(ClientSchema, { id: String(imported.body['clientId']) });
    expect(client).toMatchObject({
      kind: 'legal_entity',
      name: 'Общество с ограниченной ответственностью «Северный ветер»',
      inn: '7707083893',
      ogrn: '1027700132195',
      kpp: '773601001',
      address: '117997, г. Москва, ул. Вавилова, д. 19',
    });
    const user = await em.findOneOrFail(UserSchema, { clientId: client.id });
    expect(user).toMatchObject({
      fullName: 'Иванова Елена Павловна',
      email: SAMPLE_ANSWERS.legal_entity['email'],
    });
  });

  it('an individual without an INN is imported once the manager gives a valid one', async () => {
    const { inn: _inn, ...noInn } = SAMPLE_ANSWERS.individual;
    const person = await submitted('individual', {
      ...noInn,
      lastName: 'Зайцева',
      email: 'zaytseva@example.ru',
      phone: '+79995550077',
      passportNumber: '555777',
    });
    const body = (inn?: string) => ({ contracts: { main: 'БО-0120/26' }, ...(inn ? { inn } : {}) });
    const none = await f.call('POST', `/api/v1/onboarding/desk/${person.id}/import`, {
      token: manager,
      body: body(),
    });
    expect(none.status).toBe(400);
    expect(none.body['errors']).toEqual({ inn: ['This field is required'] });
    const wrong = await f.call('POST', `/api/v1/onboarding/desk/${person.id}/import`, {
      token: manager,
      body: body('695212345635'),
    });
    expect(wrong.body['errors']).toEqual({ inn: ['INN check digits are wrong'] });
    const done = await f.call('POST', `/api/v1/onboarding/desk/${person.id}/import`, {
      token: manager,
      body: body('695212345634'),
    });
    expect(done.status).toBe(200);
  });
});
