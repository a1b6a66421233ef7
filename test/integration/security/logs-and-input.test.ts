import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logger.js';
import { captureLog } from '../../support/log-capture.js';
import { createApiFixture, DEMO_PASSWORD, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

/**
 * Security drill, issue 17 item 7: nothing personal in the logs even when the database fails, a NUL character is
 * a 400 and not a 500, and Object.prototype names are not files of the docs page.
 */

const { lines, stream } = captureLog();
let f: ApiFixture;
let client: string;
beforeAll(async () => {
  f = await createApiFixture({ logger: createLogger('trace', stream) });
  client = await f.login('client@demo.local');
});
afterAll(async () => {
  await f.close();
});

/** Makes PostgreSQL itself refuse rows carrying `marker`: a real database error, raised deep in a flush. */
async function refuseInDatabase(table: string, column: string, marker: string): Promise<void> {
  await f.db.orm.em
    .fork()
    .execute(
      `alter table "${table}" add constraint "drill_${table}" check (${column}::text not like '%${marker}%') not valid`,
    );
}

describe('logs on a database error', () => {
  it('keep the statement, its values and PostgreSQL’s DETAIL out of the log when a request payload fails in the database', async () => {
    const marker = 'DrillPayloadMarker4711';
    await refuseInDatabase('requests', 'payload', marker);
    lines.length = 0;
    const answer = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: { ...WITHDRAWAL, recipientName: `Иванов ${marker}` } },
    });
    expect(answer.status).toBe(500);
    expect(answer.body['code']).toBe('internal');
    const log = lines.join('');
    // The failure is logged, with what helps: the kind, the SQLSTATE, the constraint, the stack.
    expect(log).toContain('unhandled error');
    expect(log).toContain('23514');
    expect(log).toContain('drill_requests');
    expect(log).toContain('"stack"');
    for (const leaked of [
      marker,
      WITHDRAWAL.recipientAccount,
      WITHDRAWAL.contract,
      'Failing row',
      'insert into',
    ])
      expect(log).not.toContain(leaked);
  });

  it('keep the login out of the log when the login step fails in the database', async () => {
    const marker = 'drill-login-marker-0815';
    // The login itself is never written by the login step (its throttle keys are keyed hashes), so the drill
    // breaks the first write the step makes: the per-address bucket.
    await refuseInDatabase('rate_limit_buckets', 'key', 'login:ip:');
    lines.length = 0;
    const answer = await f.call('POST', '/api/v1/auth/login', {
      body: { login: `${marker}@example.com`, password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('drill_rate_limit_buckets');
    expect(log).not.toContain(marker);
    expect(log).not.toContain(DEMO_PASSWORD);
  });
});

describe('NUL characters', () => {
  it('answers 400 validation_failed for a NUL in the login', async () => {
    const answer = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'client@demo.local\u0000', password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['code']).toBe('validation_failed');
    expect(answer.body['errors']).toEqual({ login: [expect.stringMatching(/NUL/)] });
  });

  it('answers 400 validation_failed for a NUL in a password', async () => {
    const answer = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'client@demo.local', password: `demo\u0000password` },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['errors']).toEqual({ password: [expect.stringMatching(/NUL/)] });
  });

  it('answers 400 validation_failed for a NUL deep in a request payload, naming the field', async () => {
    const answer = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: { ...WITHDRAWAL, recipientName: 'Иванов\u0000Иван' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['code']).toBe('validation_failed');
    expect(answer.body['errors']).toEqual({ 'payload.recipientName': [expect.stringMatching(/NUL/)] });
  });

  it('answers 400 validation_failed for a NUL in a query string or a JSON key', async () => {
    const query = await f.call('GET', '/api/v1/requests?type=withdrawal%00', { token: client });
    expect(query.status).toBe(400);
    expect(query.body['errors']).toEqual({ type: [expect.stringMatching(/NUL/)] });
    const key = await f.call('POST', '/api/v1/requests', {
      token: client,
      raw: '{"type":"withdrawal","payload":{"x\\u0000":"1"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(key.status).toBe(400);
    expect(Object.keys(key.body['errors'] as object)).toEqual(['payload.x\\u0000']);
  });
});

describe('the docs page', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'answers 404 problem+json for /api/docs/%s, not 500',
    async (name) => {
      const answer = await f.call('GET', `/api/docs/${name}`);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body['code']).toBe('not_found');
    },
  );
});
