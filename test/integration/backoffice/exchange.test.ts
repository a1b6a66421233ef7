import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackofficeExportSchema } from '../../../src/backoffice/export.entity.js';
import { BackofficeExchange } from '../../../src/backoffice/exchange.service.js';
import { ExchangeFolder } from '../../../src/backoffice/fansy/exchange-folder.js';
import type { BackOfficeGateway } from '../../../src/backoffice/gateway.js';
import { driveToCompletion } from '../../../src/demo/drive.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { createLogger } from '../../../src/logger.js';
import { OutboxMessageSchema } from '../../../src/messaging/outbox.entity.js';
import { BACKOFFICE_EXPORT_STUCK_TOPIC, BACKOFFICE_EXPORT_TOPIC } from '../../../src/messaging/topics.js';
import { prepareOutgoing } from '../../../src/notify/prepare.js';
import { planDeliveries } from '../../../src/notify/recipients.js';
import { OutboxRelay } from '../../../src/notify/relay.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

/*
 * The back-office (FANSY) exchange folder (issue 11 items 5–7) on PostgreSQL and a real folder: exports written
 * atomically under stable names and valid against the XSD, answers read back and matched, bad files set aside with
 * a reason, unanswered exports alerting the back office, re-export after a refusal, and the API over it.
 */

const XSD = join(process.cwd(), 'docs/exchange/kabinet-exchange-1.xsd');

let f: ApiFixture;
let exchange: BackofficeExchange;
let dir: string;
let admin: string;
let backOffice: string;
let client: string;

beforeAll(async () => {
  f = await createApiFixture();
  if (!f.container.exchange || !f.container.config.exchange) throw new Error('the exchange is on by default');
  exchange = f.container.exchange;
  dir = f.container.config.exchange.dir;
  admin = await f.login('admin@demo.local');
  backOffice = await f.login('backoffice@demo.local');
  client = await f.login('client@demo.local');
});
afterAll(async () => {
  await f.close();
});

const out = () => readdirSync(join(dir, 'out')).sort();
const rows = () => f.db.orm.em.fork().find(BackofficeExportSchema, {}, { orderBy: { occurredAt: 'asc' } });
const journal = (action: string) => f.db.orm.em.fork().count(JournalEntrySchema, { action });

/** The file validates against the exchange's XSD (Debian's xmllint). */
function expectValid(path: string): void {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, path], { encoding: 'utf8' });
  expect({ path, status: run.status, stderr: run.stderr.trim() }).toEqual({
    path,
    status: 0,
    stderr: `${path} validates`,
  });
}

/** The back office writes an answer; `ageSeconds` old, so it has settled (or 0: still being written). */
function answer(name: string, xml: string, ageSeconds = 60): string {
  const path = join(dir, 'in', name);
  writeFileSync(path, xml, 'utf8');
  // Ages on the app's clock, which the tests move forward.
  const at = new Date(f.clock.now().getTime() - ageSeconds * 1000);
  utimesSync(path, at, at);
  return path;
}

const ack = (eventId: string, attempt: number, status: 'accepted' | 'error', extra = '', message = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<KabinetAck xmlns="urn:kabinet:exchange:1" version="1" eventId="${eventId}" attempt="${String(attempt)}" status="${status}"${extra}>${message ? `<Message>${message}</Message>` : ''}</KabinetAck>\n`;

async function completedWithdrawal(): Promise<string> {
  const actor = f.actor('client@demo.local');
  const draft = await f.workflow.createDraft(actor, {
    type: 'withdrawal',
    payload: SAMPLE_PAYLOADS.withdrawal,
  });
  // Signed as a client signs: the code by SMS, bound to the payload and the print form.
  const started = await f.call('POST', `/api/v1/requests/${draft.id}/submit`, { token: client });
  const signed = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
    token: client,
    body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
  });
  expect(signed.status).toBe(200);
  const staff = Object.values(f.actors).filter((a) => !a.roles.includes('client'));
  await driveToCompletion(f.workflow, draft.id, f.actor('manager@demo.local'), staff);
  return draft.id;
}

let requestId: string;
let accepted: string;
let completed: string;
let clientCreated: string;

describe('exports', () => {
  it('an accepted and a completed request and a new client become one XML file each, valid against the XSD', async () => {
    requestId = await completedWithdrawal();
    const created = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: {
        kind: 'legal_entity',
        name: 'ООО «Обмен & Ко» <тест>',
        inn: '7707083893',
        ogrn: '1027700132195',
        kpp: '773601001',
        contractNumber: 'БО-0777/26',
        user: { email: 'exchange@client.example', phone: '+79991117777', fullName: 'Обменов Олег' },
      },
    });
    expect(created.status).toBe(201);

    // The notifications relay leaves the exchange's rows alone.
    const relay = new OutboxRelay({
      orm: f.db.orm,
      logger: createLogger('silent'),
      recipients: () => ({ bots: new Set(), now: f.clock.now() }),
    });
    while ((await relay.relayBatch()).length > 0);
    const pending = await f.db.orm.em
      .fork()
      .find(OutboxMessageSchema, { topic: BACKOFFICE_EXPORT_TOPIC, status: 'pending' });
    expect(pending.map((m) => m.payload['kind']).sort()).toEqual([
      'client_created',
      'request_accepted',
      'request_completed',
    ]);

    expect(await exchange.exportPending()).toBe(3);
    const exports = await rows();
    expect(exports.map((e) => [e.kind, e.status, e.attempt])).toEqual([
      ['request_accepted', 'sent', 1],
      ['request_completed', 'sent', 1],
      ['client_created', 'sent', 1],
    ]);
    [accepted, completed, clientCreated] = exports.map((e) => e.id) as [string, string, string];
    expect(out()).toEqual(
      [
        `client_created_${clientCreated}_1.xml`,
        `request_accepted_${accepted}_1.xml`,
        `request_completed_${completed}_1.xml`,
      ].sort(),
    );
    for (const name of out()) expectValid(join(dir, 'out', name));

    const xml = readFileSync(join(dir, 'out', `request_completed_${completed}_1.xml`), 'utf8');
    expect(xml).toContain(`eventId="${completed}"`);
    expect(xml).toMatch(/<Request id="[^"]+" number="\d{4}-\d{6}" type="withdrawal"/);
    expect(xml).toContain('<Title>Вывод денежных средств</Title>');
    expect(xml).toMatch(/<Field name="amount" kind="decimal" label="[^"]+">\d+(\.\d+)?<\/Field>/);
    expect(xml).toMatch(
      /<Signature signedAt="[^"]+" payloadHash="[0-9a-f]{64}" printFormHash="[0-9a-f]{64}"\/>/,
    );
    // Names and markup in the data are escaped, not broken.
    expect(readFileSync(join(dir, 'out', `client_created_${clientCreated}_1.xml`), 'utf8')).toContain(
      '<Name>ООО «Обмен &amp; Ко» &lt;тест&gt;</Name>',
    );
    expect(await journal('backoffice.exported')).toBe(3);
  });

  it('a rerun writes nothing new; a file left by a crash before the commit is replaced, not doubled', async () => {
    expect(await exchange.exportPending()).toBe(0);
    expect(out()).toHaveLength(3);

    // A crash after the file and before the commit: the row is still pending, the file already there.
    await f.db.orm.em.fork().transactional(async (em) => {
      em.create(OutboxMessageSchema, {
        id: '11111111-2222-4333-8444-555555555555',
        topic: BACKOFFICE_EXPORT_TOPIC,
        requestId,
        payload: { kind: 'request_completed', requestId, clientId: f.actor('client@demo.local').clientId },
        status: 'pending',
        attempts: 0,
        availableAt: f.clock.now(),
        createdAt: f.clock.now(),
      });
    });
    const name = 'request_completed_11111111-2222-4333-8444-555555555555_1.xml';
    writeFileSync(join(dir, 'out', name), '<half', 'utf8');
    expect(await exchange.exportPending()).toBe(1);
    expect(out().filter((n) => n === name)).toHaveLength(1);
    expectValid(join(dir, 'out', name));
    expect(out().some((n) => n.startsWith('.'))).toBe(false);
  });

  it('a rolled-back change exports nothing', async () => {
    const before = await f.db.orm.em.fork().count(OutboxMessageSchema, { topic: BACKOFFICE_EXPORT_TOPIC });
    const duplicate = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: {
        kind: 'individual',
        name: 'Дублёв Дмитрий',
        inn: '500123456750',
        contractNumber: 'БО-0777/26',
        user: { email: 'duplicate@client.example', phone: '+79991118888', fullName: 'Дублёв Дмитрий' },
      },
    });
    expect(duplicate.status).toBe(409);
    expect(await f.db.orm.em.fork().count(OutboxMessageSchema, { topic: BACKOFFICE_EXPORT_TOPIC })).toBe(
      before,
    );
  });

  it('an export that cannot be written waits and retries, without blocking the others', async () => {
    const folder = new ExchangeFolder({ dir, settleSeconds: 0, now: f.clock.now });
    let failures = 1;
    const flaky: BackOfficeGateway = {
      name: 'flaky',
      deliver: async (fileName, content) => {
        if (failures > 0 && fileName.startsWith('client_created')) {
          failures -= 1;
          throw new Error('ENOSPC: no space left on device');
        }
        await folder.deliver(fileName, content);
      },
      inbox: () => folder.inbox(),
    };
    const flakyExchange = new BackofficeExchange({
      orm: f.db.orm,
      gateway: flaky,
      company: f.container.config.company,
      logger: createLogger('silent'),
      now: f.clock.now,
      ackTimeoutMinutes: 60,
    });
    const outbox = (id: string) => f.db.orm.em.fork().findOneOrFail(OutboxMessageSchema, { id });
    const clientId = f.actor('ip@demo.local').clientId;
    await f.db.orm.em.fork().transactional(async (em) => {
      for (const [id, kind] of [
        ['21111111-2222-4333-8444-555555555555', 'client_created'],
        ['31111111-2222-4333-8444-555555555555', 'request_accepted'],
      ] as const)
        em.create(OutboxMessageSchema, {
          id,
          topic: BACKOFFICE_EXPORT_TOPIC,
          requestId: kind === 'client_created' ? null : requestId,
          payload: { kind, clientId },
          status: 'pending',
          attempts: 0,
          availableAt: f.clock.now(),
          createdAt: f.clock.now(),
        });
    });
    expect(await flakyExchange.exportPending()).toBe(1);
    const failed = await outbox('21111111-2222-4333-8444-555555555555');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.lastError).toContain('ENOSPC');
    expect((await outbox('31111111-2222-4333-8444-555555555555')).status).toBe('dispatched');
    // It waits before the next try; then it goes.
    expect(await flakyExchange.exportPending()).toBe(0);
    f.clock.advance(60_000);
    expect(await flakyExchange.exportPending()).toBe(1);
    expect((await outbox('21111111-2222-4333-8444-555555555555')).status).toBe('dispatched');
  });
});

describe('answers', () => {
  it('an acknowledgement moves an export to acknowledged; the same answer twice changes nothing', async () => {
    answer('ack-accepted.xml', ack(accepted, 1, 'accepted', ' backofficeRef="FANSY-1001"'));
    expect(await exchange.readInbox()).toEqual([{ file: 'ack-accepted.xml', outcome: 'applied' }]);
    const row = (await rows()).find((r) => r.id === accepted);
    expect(row).toMatchObject({ status: 'acknowledged', backofficeRef: 'FANSY-1001' });
    expect(existsSync(join(dir, 'in', 'processed', 'ack-accepted.xml'))).toBe(true);
    const journaled = await journal('backoffice.acknowledged');

    answer('ack-accepted-again.xml', ack(accepted, 1, 'accepted', ' backofficeRef="FANSY-1001"'));
    answer('ack-accepted.xml', ack(accepted, 1, 'accepted', ' backofficeRef="FANSY-1001"'));
    const again = await exchange.readInbox();
    expect(again.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate']);
    expect((await rows()).find((r) => r.id === accepted)?.updatedAt).toEqual(row?.updatedAt);
    expect(await journal('backoffice.acknowledged')).toBe(journaled);
    expect(readdirSync(join(dir, 'in')).filter((n) => n.endsWith('.xml'))).toEqual([]);
  });

  it('a refusal alerts the back office; the fixed data is exported again as attempt 2 and acknowledged', async () => {
    answer(
      'ack-error.xml',
      ack(completed, 1, 'error', '', 'Счёт получателя не найден в FANSY &amp; не открыт'),
    );
    expect((await exchange.readInbox()).map((o) => o.outcome)).toEqual(['applied']);
    const refused = (await rows()).find((r) => r.id === completed);
    expect(refused).toMatchObject({
      status: 'error',
      error: 'Счёт получателя не найден в FANSY & не открыт',
    });
    const alerts = await f.db.orm.em
      .fork()
      .find(OutboxMessageSchema, { topic: BACKOFFICE_EXPORT_STUCK_TOPIC });
    expect(alerts.map((a) => a.payload)).toEqual([
      { exportId: completed, kind: 'request_completed', attempt: 1, reason: 'refused' },
    ]);

    // Over the API: the back office sends it again; a second press with the same attempt changes nothing.
    const again = await f.call('POST', `/api/v1/admin/exchange/exports/${completed}/re-export`, {
      token: backOffice,
      body: { attempt: 1 },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ attempt: 2, status: 'sent', error: null });
    const twice = await f.call('POST', `/api/v1/admin/exchange/exports/${completed}/re-export`, {
      token: backOffice,
      body: { attempt: 1 },
    });
    expect(twice.status).toBe(409);
    expect(out()).toContain(`request_completed_${completed}_2.xml`);
    expectValid(join(dir, 'out', `request_completed_${completed}_2.xml`));
    expect(readFileSync(join(dir, 'out', `request_completed_${completed}_2.xml`), 'utf8')).toContain(
      'attempt="2"',
    );

    // A late answer to attempt 1 is set aside; the answer to attempt 2 is applied.
    answer('late.xml', ack(completed, 1, 'accepted'));
    answer('ack-2.xml', ack(completed, 2, 'accepted', ' backofficeRef="FANSY-1002"'), 30);
    const outcomes = await exchange.readInbox();
    expect(outcomes).toEqual([
      { file: 'late.xml', outcome: 'rejected', reason: 'answers attempt 1, which attempt 2 replaced' },
      { file: 'ack-2.xml', outcome: 'applied' },
    ]);
    expect((await rows()).find((r) => r.id === completed)).toMatchObject({
      status: 'acknowledged',
      attempt: 2,
      backofficeRef: 'FANSY-1002',
    });
    const done = await f.call('POST', `/api/v1/admin/exchange/exports/${completed}/re-export`, {
      token: admin,
      body: {},
    });
    expect(done.status).toBe(409);
    expect(await journal('backoffice.reexported')).toBe(1);
  });

  it('bad files go to in/rejected with a reason and never block a good one; a half-written file waits', async () => {
    const halfWritten = answer(
      'half.xml',
      `<?xml version="1.0"?>\n<KabinetAck xmlns="urn:kabinet:exchange:1" eventId="${clientCreated}" att`,
      0,
    );
    answer('garbage.xml', 'this is not XML at all');
    answer('unknown.xml', ack('99999999-8888-4777-8666-555555555555', 1, 'accepted'));
    answer('wrong-root.xml', '<?xml version="1.0"?><Receipt xmlns="urn:kabinet:exchange:1"/>');
    answer('entity.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><KabinetAck/>');
    answer('no-message.xml', ack(clientCreated, 1, 'error'));
    answer('big.xml', `<KabinetAck>${'x'.repeat(70_000)}</KabinetAck>`);
    answer('.in-progress.xml', 'ignored: a dot-file');
    answer('upload.xml.part', 'ignored: still uploading');
    answer('good.xml', ack(clientCreated, 1, 'accepted', ' backofficeRef="FANSY-CL-7"'), 10);

    const outcomes = await exchange.readInbox();
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    expect(Object.keys(byFile).sort()).toEqual(
      [
        'big.xml',
        'entity.xml',
        'garbage.xml',
        'good.xml',
        'no-message.xml',
        'unknown.xml',
        'wrong-root.xml',
      ].sort(),
    );
    expect(byFile['good.xml']?.outcome).toBe('applied');
    const reasons = Object.fromEntries(
      Object.values(byFile)
        .filter((o) => o.outcome === 'rejected')
        .map((o) => [
          o.file,
          readFileSync(join(dir, 'in', 'rejected', `${o.file}.reason.txt`), 'utf8').trim(),
        ]),
    );
    expect(reasons).toEqual({
      'big.xml': 'too large to be an answer',
      'entity.xml': 'a DOCTYPE or entity declaration is not allowed',
      'garbage.xml': expect.stringMatching(/^not well-formed XML/),
      'no-message.xml': 'an error acknowledgement must say why in <Message>',
      'unknown.xml': 'no export with eventId 99999999-8888-4777-8666-555555555555',
      'wrong-root.xml': 'the root element is Receipt, not KabinetAck',
    });
    for (const file of Object.keys(reasons)) expect(existsSync(join(dir, 'in', 'rejected', file))).toBe(true);
    expect((await rows()).find((r) => r.id === clientCreated)?.status).toBe('acknowledged');

    // The half-written file was left alone while fresh; settled and still broken, it is set aside too.
    expect(existsSync(halfWritten)).toBe(true);
    const old = new Date(f.clock.now().getTime() - 60_000);
    utimesSync(halfWritten, old, old);
    expect((await exchange.readInbox()).map((o) => [o.file, o.outcome])).toEqual([['half.xml', 'rejected']]);
    expect(readFileSync(join(dir, 'in', 'rejected', 'half.xml.reason.txt'), 'utf8')).toMatch(
      /^not well-formed XML/,
    );
    expect(existsSync(join(dir, 'in', '.in-progress.xml'))).toBe(true);
    expect(existsSync(join(dir, 'in', 'upload.xml.part'))).toBe(true);
    expect(await journal('backoffice.answer_rejected')).toBe(8);
  });
});

describe('unanswered exports', () => {
  it('past the timeout an export alerts the back office once: its chat and its people in the cabinet', async () => {
    const waiting = (await rows()).filter((r) => r.status === 'sent');
    expect(waiting.length).toBeGreaterThan(0);
    expect(await exchange.checkStuck()).toBe(0);
    f.clock.advance(241 * 60_000);
    expect(await exchange.checkStuck()).toBe(waiting.length);
    expect(await exchange.checkStuck()).toBe(0);
    const alerts = await f.db.orm.em
      .fork()
      .find(OutboxMessageSchema, { topic: BACKOFFICE_EXPORT_STUCK_TOPIC, payload: { reason: 'unanswered' } });
    expect(alerts).toHaveLength(waiting.length);
    const em = f.db.orm.em.fork();
    const alert = alerts[0];
    if (!alert) throw new Error('no alert');
    const planned = await planDeliveries(em, alert, { bots: new Set(['staff']), now: f.clock.now() });
    expect(planned.map((p) => [p.channel, p.recipientKind, p.recipientRole ?? p.recipientUserId])).toEqual([
      ['telegram', 'role_chat', 'back_office'],
      ['inapp', 'user', f.actor('backoffice@demo.local').userId],
    ]);
    const inapp = await prepareOutgoing(
      em,
      {
        id: 'd1',
        outboxId: alert.id,
        requestId: alert.requestId ?? null,
        topic: alert.topic,
        channel: 'inapp',
        recipientKind: 'user',
        recipientKey: `user:${f.actor('backoffice@demo.local').userId}`,
        recipientUserId: f.actor('backoffice@demo.local').userId,
        recipientRole: null,
        bot: null,
        deferrals: 0,
      },
      { ...alert, requestId: alert.requestId ?? null },
      { publicUrl: 'https://cabinet.example', strict: false, now: f.clock.now() },
    );
    expect(inapp).toMatchObject({ kind: 'inapp', title: 'Выгрузка ждёт ответа бэк-офиса' });

    // Overdue in the administrator's list (sessions ended while the clock moved: sign in again).
    admin = await f.login('admin@demo.local');
    backOffice = await f.login('backoffice@demo.local');
    client = await f.login('client@demo.local');
    const list = await f.call('GET', '/api/v1/admin/exchange/exports?status=overdue', { token: admin });
    expect(list.status).toBe(200);
    expect((list.body['items'] as { overdue: boolean }[]).every((item) => item.overdue)).toBe(true);
    expect(list.body['total']).toBe(waiting.length);
  });
});

describe('the API', () => {
  it('shows the exchange state per request to administrators and the back office, and to nobody else', async () => {
    const mine = await f.call('GET', `/api/v1/admin/exchange/exports?requestId=${requestId}`, {
      token: admin,
    });
    expect(mine.status).toBe(200);
    const items = mine.body['items'] as {
      kind: string;
      status: string;
      requestNumber: string;
      attempt: number;
    }[];
    expect(items.map((i) => [i.kind, i.status])).toEqual(
      expect.arrayContaining([
        ['request_completed', 'acknowledged'],
        ['request_accepted', 'acknowledged'],
      ]),
    );
    expect(items.every((i) => /^\d{4}-\d{6}$/.test(i.requestNumber))).toBe(true);
    expect((await f.call('GET', '/api/v1/admin/exchange/exports', { token: backOffice })).status).toBe(200);
    expect((await f.call('GET', '/api/v1/admin/exchange/exports', { token: client })).status).toBe(403);
    const manager = await f.login('manager@demo.local');
    expect((await f.call('GET', '/api/v1/admin/exchange/exports', { token: manager })).status).toBe(403);
    expect(
      (
        await f.call('POST', `/api/v1/admin/exchange/exports/${accepted}/re-export`, {
          token: client,
          body: {},
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await f.call(
          'POST',
          '/api/v1/admin/exchange/exports/00000000-0000-4000-8000-000000000000/re-export',
          {
            token: admin,
            body: {},
          },
        )
      ).status,
    ).toBe(404);
    const bad = await f.call('GET', '/api/v1/admin/exchange/exports?status=lost', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body['code']).toBe('validation_failed');
  });
});
