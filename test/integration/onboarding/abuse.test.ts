import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logger.js';
import { DEFAULT_ONBOARDING_LIMITS } from '../../../src/onboarding/applications.service.js';
import { SAMPLE_ANSWERS } from '../../../src/onboarding/questionnaire/samples.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { captureLog } from '../../support/log-capture.js';

/*
 * The public questionnaire under abuse (issue 12 item 6): limits per address and per phone, oversized and malformed
 * bodies refused with problem+json, no answer telling whether someone is already a client, and no passport data in
 * the log even at trace level.
 */

const { lines, stream } = captureLog();
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({
    logger: createLogger('trace', stream),
    onboardingLimits: {
      ...DEFAULT_ONBOARDING_LIMITS,
      startsPerIp: { limit: 4, windowSeconds: 3600 },
      sendsPerAddress: { limit: 2, windowSeconds: 3600 },
    },
  });
});
afterAll(async () => {
  await f.close();
});

const started: { id: string; token: string }[] = [];

async function start(): Promise<{ id: string; token: string }> {
  const answer = await f.call('POST', '/api/v1/onboarding/applications', { body: { kind: 'individual' } });
  expect(answer.status).toBe(201);
  const draft = {
    id: String((answer.body['application'] as { id: string }).id),
    token: String(answer.body['token']),
  };
  started.push(draft);
  return draft;
}

async function save(draft: { id: string; token: string }, answers: Record<string, unknown>) {
  const headers = { 'x-application-token': draft.token };
  const current = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`, { headers });
  return f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
    headers,
    body: { answers, version: current.body['version'] },
  });
}

describe('the public questionnaire under abuse', () => {
  it('limits questionnaires per address: the next one waits, told how long', async () => {
    for (let i = 0; i < 4; i += 1) await start();
    const fifth = await f.call('POST', '/api/v1/onboarding/applications', { body: { kind: 'individual' } });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toContain('application/problem+json');
    expect(fifth.body['code']).toBe('throttled');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits codes per phone across questionnaires (SMS pumping)', async () => {
    const phone = '+79995551234';
    const statuses: number[] = [];
    for (const draft of started.slice(0, 3)) {
      expect((await save(draft, { phone })).status).toBe(200);
      const sent = await f.call('POST', `/api/v1/onboarding/applications/${draft.id}/contacts/phone/code`, {
        headers: { 'x-application-token': draft.token },
      });
      statuses.push(sent.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(f.sms.sent.filter((m) => m.to === phone)).toHaveLength(2);
  });

  it('refuses oversized and malformed bodies with problem+json, changing nothing', async () => {
    const draft = started[3] ?? (await start());
    const huge = await f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: { 'x-application-token': draft.token, 'content-type': 'application/json' },
      raw: JSON.stringify({ answers: { lastName: 'x'.repeat(3_000_000) }, version: 1 }),
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    const broken = await f.call('PATCH', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: { 'x-application-token': draft.token, 'content-type': 'application/json' },
      raw: '{"answers": {',
    });
    expect(broken.status).toBe(400);
    expect(broken.body['code']).toBe('malformed_request');
    const read = await f.call('GET', `/api/v1/onboarding/applications/${draft.id}`, {
      headers: { 'x-application-token': draft.token },
    });
    expect(read.body['version']).toBe(1);
  });

  it('answers an existing client’s phone and e-mail exactly like anyone else’s', async () => {
    const [existing, unknown] = [started[3], started[2]];
    if (!existing || !unknown) throw new Error('drafts missing');
    const answersFor = (phone: string, email: string) => ({ ...SAMPLE_ANSWERS.individual, phone, email });
    const a = await save(existing, answersFor('+79990000001', 'client@demo.local'));
    const b = await save(unknown, answersFor('+79990007777', 'nobody@example.ru'));
    const shape = (body: Record<string, unknown>) => ({
      status: body['status'],
      check: body['check'],
      contacts: body['contacts'],
    });
    expect(a.status).toBe(200);
    expect(shape(a.body)).toEqual(shape(b.body));
    const sentA = await f.call('POST', `/api/v1/onboarding/applications/${existing.id}/contacts/email/code`, {
      headers: { 'x-application-token': existing.token },
    });
    const sentB = await f.call('POST', `/api/v1/onboarding/applications/${unknown.id}/contacts/email/code`, {
      headers: { 'x-application-token': unknown.token },
    });
    expect(sentA.status).toBe(sentB.status);
    expect(Object.keys(sentA.body).sort()).toEqual(Object.keys(sentB.body).sort());
  });

  it('keeps passport data, names and codes out of the log', () => {
    // Ids and clock readings are random or moving digits: a passport's "4510" may turn up inside one by chance.
    const log = lines
      .join('')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/"time":\d+/g, '"time":0');
    expect(log).toContain('/api/v1/onboarding/applications');
    for (const secret of ['4510', '123456', 'Соколова', '112-233-445 95', 'client@demo.local'])
      expect(log).not.toContain(secret);
    for (const draft of started) expect(log).not.toContain(draft.token);
    for (const sms of f.sms.sent) {
      const code = /\d{6}/.exec(sms.text)?.[0];
      if (code) expect(log).not.toContain(code);
    }
  });
});
