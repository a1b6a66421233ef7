import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChallengeSchema } from '../../../src/identity/challenge.entity.js';
import { SignatureSchema } from '../../../src/identity/signature.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { RequestSchema } from '../../../src/workflow/request.entity.js';
import { createApiFixture, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
let token: string;
let otherToken: string;
const PHONE = '+79990000001';

beforeAll(async () => {
  f = await createApiFixture();
  token = await f.login('client@demo.local');
  otherToken = await f.login('ip@demo.local');
});
afterAll(async () => {
  await f.close();
});

async function draft(payload: Record<string, unknown> = WITHDRAWAL): Promise<string> {
  const created = await f.call('POST', '/api/v1/requests', { token, body: { type: 'withdrawal', payload } });
  expect(created.status).toBe(201);
  return String(created.body['id']);
}

async function submit(id: string): Promise<{ challengeId: string; code: string; number: string }> {
  const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token });
  expect(submitted.status).toBe(202);
  const request = submitted.body['request'] as { number: string };
  return {
    challengeId: String(submitted.body['challengeId']),
    code: f.sms.code(PHONE),
    number: request.number,
  };
}

function confirm(challengeId: string, code: string, as = token) {
  return f.call('POST', `/api/v1/confirmations/${challengeId}`, { token: as, body: { code } });
}

async function statusOf(id: string): Promise<string> {
  const row = await f.db.orm.em.fork().findOneOrFail(RequestSchema, { id });
  return row.status;
}

function other(code: string): string {
  return code === '999999' ? '999998' : '999999';
}

describe('signing a request with an SMS code', () => {
  it('sends an SMS naming the request number and its summary with the code, then signs and stores the record', async () => {
    const id = await draft();
    const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, {
      token,
      headers: { 'user-agent': 'kabinet-test/1' },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({
      purpose: 'sign_request',
      channel: 'sms',
      destination: '+7 *** ***-**-01',
    });
    const request = submitted.body['request'] as {
      number: string;
      status: string;
      payloadHash: string;
      version: number;
    };
    expect(request.status).toBe('awaiting_signature');
    const sms = f.sms.last(PHONE);
    expect(sms.text).toBe(
      `Заявка ${request.number}: вывод 100 000,00 ₽ на счёт …0001. Код ${f.sms.code(PHONE)}. Никому не сообщайте.`,
    );

    const code = f.sms.code(PHONE);
    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token,
      body: { code },
      headers: { 'user-agent': 'kabinet-test/1' },
    });
    expect(confirmed.status).toBe(200);
    const signed = confirmed.body['request'] as { status: string; signature: Record<string, unknown> };
    expect(signed.status).toBe('submitted');
    expect(signed.signature).toMatchObject({
      phone: '+7 *** ***-**-01',
      channel: 'api',
      payloadHash: request.payloadHash,
      requestVersion: request.version,
      challengeId: submitted.body['challengeId'],
      providerMessageId: sms.id,
      attempts: 1,
    });

    const record = await f.db.orm.em.fork().findOneOrFail(SignatureSchema, { requestId: id });
    expect(record).toMatchObject({
      phone: PHONE,
      payloadHash: request.payloadHash,
      userId: f.actor('client@demo.local').userId,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'kabinet-test/1',
      channel: 'api',
    });
    // Never the code: not in the signature, the challenge, or the journal.
    expect(JSON.stringify(record)).not.toContain(code);
    const challenge = await f.db.orm.em
      .fork()
      .findOneOrFail(ChallengeSchema, { id: String(submitted.body['challengeId']) });
    expect(JSON.stringify(challenge)).not.toContain(`"${code}"`);
    const journal = await f.db.orm.em.fork().find(JournalEntrySchema, { requestId: id });
    expect(JSON.stringify(journal.map((e) => e.data))).not.toContain(code);
    expect(journal.map((e) => e.action)).toContain('request.signed');

    // GET shows the same signature.
    const got = await f.call('GET', `/api/v1/requests/${id}`, { token });
    expect(got.body['signature']).toMatchObject({ id: record.id, phone: '+7 *** ***-**-01' });
  });

  it('refuses a replayed code with 422 and changes nothing', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    expect((await confirm(challengeId, code)).status).toBe(200);
    const replay = await confirm(challengeId, code);
    expect(replay.status).toBe(422);
    expect(replay.body['code']).toBe('code_invalid');
    expect(replay.body['refusal']).toEqual({ reason: 'used', attemptsLeft: 0 });
    expect(await f.db.orm.em.fork().count(SignatureSchema, { requestId: id })).toBe(1);
  });

  it('tells the signer why a code was refused and how many attempts are left; an edit voids the code', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    const wrong = await confirm(challengeId, code === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.body['refusal']).toEqual({ reason: 'wrong', attemptsLeft: 4 });
    const edited = await f.call('PATCH', `/api/v1/requests/${id}`, {
      token,
      body: { payload: { ...WITHDRAWAL, amount: '90000.00' } },
    });
    expect(edited.status).toBe(200);
    const voided = await confirm(challengeId, code);
    expect(voided.body['refusal']).toEqual({ reason: 'changed', attemptsLeft: 0 });
    expect(await statusOf(id)).toBe('draft');
  });

  it('refuses an expired code with 422 and leaves the request awaiting its signature', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    f.clock.advance(5 * 60_000 + 1);
    const late = await confirm(challengeId, code);
    expect(late.status).toBe(422);
    expect(late.body['code']).toBe('code_invalid');
    expect(late.body['refusal']).toMatchObject({ reason: 'expired' });
    expect(await statusOf(id)).toBe('awaiting_signature');
    expect(await f.db.orm.em.fork().count(SignatureSchema, { requestId: id })).toBe(0);
  });

  it('refuses a code sent for a payload that was edited since, with 422, and changes nothing', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    const edited = await f.call('PATCH', `/api/v1/requests/${id}`, {
      token,
      body: { payload: { ...WITHDRAWAL, amount: '200000.00' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body['status']).toBe('draft');
    const before = await f.db.orm.em.fork().findOneOrFail(RequestSchema, { id });
    const refused = await confirm(challengeId, code);
    expect(refused.status).toBe(422);
    expect(refused.body['code']).toBe('code_invalid');
    const after = await f.db.orm.em.fork().findOneOrFail(RequestSchema, { id });
    expect(after.status).toBe('draft');
    expect(after.version).toBe(before.version);
    expect(await f.db.orm.em.fork().count(SignatureSchema, { requestId: id })).toBe(0);

    // Re-submitted, the new code binds the new content and works.
    const again = await submit(id);
    expect(f.sms.last(PHONE).text).toContain('вывод 200 000,00 ₽');
    expect((await confirm(again.challengeId, again.code)).status).toBe(200);
  });

  it('voids the code even when the edit puts back the same content (the code was bound to the sent state)', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    await f.call('PATCH', `/api/v1/requests/${id}`, { token, body: { payload: WITHDRAWAL } });
    expect((await confirm(challengeId, code)).status).toBe(422);
  });

  it('locks the challenge after 5 wrong codes, then refuses the right one too', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await confirm(challengeId, other(code));
      expect(wrong.status).toBe(422);
    }
    expect((await confirm(challengeId, code)).status).toBe(422);
    expect(await statusOf(id)).toBe('awaiting_signature');
    // A new code for the same request is refused while the dead one would still be valid: no fresh attempts.
    const resubmit = await f.call('POST', `/api/v1/requests/${id}/submit`, { token });
    expect(resubmit.status).toBe(429);
    expect(Number(resubmit.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a second submit while awaiting the signature sends a new code and keeps the failures', async () => {
    const id = await draft();
    const first = await submit(id);
    expect((await confirm(first.challengeId, other(first.code))).status).toBe(422);
    expect((await confirm(first.challengeId, other(first.code))).status).toBe(422);
    const second = await submit(id);
    expect(second.challengeId).not.toBe(first.challengeId);
    const row = await f.db.orm.em.fork().findOneOrFail(ChallengeSchema, { id: second.challengeId });
    expect(row.attempts).toBe(2);
    expect((await confirm(first.challengeId, first.code)).status).toBe(422); // superseded
    expect((await confirm(second.challengeId, second.code)).status).toBe(200);
  });

  it('applies exactly once when 50 confirmations of one challenge race', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    const answers = await Promise.all(Array.from({ length: 50 }, () => confirm(challengeId, code)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 422)).toBe(true);
    expect(await statusOf(id)).toBe('submitted');
    expect(await f.db.orm.em.fork().count(SignatureSchema, { requestId: id })).toBe(1);
    const signedEntries = await f.db.orm.em
      .fork()
      .count(JournalEntrySchema, { requestId: id, action: 'request.signed' });
    expect(signedEntries).toBe(1);
  });

  it("another user's challenge does not exist for the caller (404)", async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    const foreign = await confirm(challengeId, code, otherToken);
    expect(foreign.status).toBe(404);
    expect(foreign.body['code']).toBe('not_found');
    expect((await confirm(challengeId, code)).status).toBe(200);
  });

  it('resends a signing code after the interval and keeps the attempt count', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    expect((await confirm(challengeId, other(code))).status).toBe(422);
    const early = await f.call('POST', `/api/v1/confirmations/${challengeId}/resend`, { token });
    expect(early.status).toBe(429);
    f.clock.advance(61_000);
    const resent = await f.call('POST', `/api/v1/confirmations/${challengeId}/resend`, { token });
    expect(resent.status).toBe(200);
    const row = await f.db.orm.em.fork().findOneOrFail(ChallengeSchema, { id: challengeId });
    expect(row.attempts).toBe(1);
    expect((await confirm(challengeId, f.sms.code(PHONE))).status).toBe(200);
  });

  it('refuses to submit a request that is not a draft (409) and another client’s request (404)', async () => {
    const id = await draft();
    const { challengeId, code } = await submit(id);
    await confirm(challengeId, code);
    const again = await f.call('POST', `/api/v1/requests/${id}/submit`, { token });
    expect(again.status).toBe(409);
    expect(again.body['code']).toBe('invalid_transition');
    const foreign = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: otherToken });
    expect(foreign.status).toBe(404);
  });
});
