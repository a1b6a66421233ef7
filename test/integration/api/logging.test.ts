import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logger.js';
import { captureLog } from '../../support/log-capture.js';
import { createApiFixture, DEMO_PASSWORD, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

const { lines, stream } = captureLog();
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({ logger: createLogger('trace', stream) });
});
afterAll(async () => {
  await f.close();
});

describe('logs', () => {
  it('carry no passwords, codes, tokens, phones or payloads, even at trace level', async () => {
    const phone = f.phoneOf('client@demo.local');
    const started = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'client@demo.local', password: DEMO_PASSWORD },
    });
    const loginCode = f.sms.code(phone);
    const session = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code: loginCode },
    });
    const token = String(session.body['token']);
    const created = await f.call('POST', '/api/v1/requests', {
      token,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const submitted = await f.call('POST', `/api/v1/requests/${String(created.body['id'])}/submit`, {
      token,
    });
    const signCode = f.sms.code(phone);
    await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token,
      body: { code: signCode },
    });
    await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'client@demo.local', password: 'wrong-password-xyz' },
    });

    const log = lines.join('');
    expect(log).toContain('/api/v1/requests');
    for (const secret of [
      DEMO_PASSWORD,
      'wrong-password-xyz',
      loginCode,
      signCode,
      token,
      phone,
      'client@demo.local',
      WITHDRAWAL.recipientAccount,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
