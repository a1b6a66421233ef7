import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logger.js';
import { captureLog } from '../../support/log-capture.js';

describe('logger', () => {
  it('redacts secrets and personal data, keeps ids', () => {
    const { lines, stream } = captureLog();
    const logger = createLogger('info', stream);
    logger.info(
      {
        requestId: 'r-1',
        code: '123456',
        token: 'tok',
        user: { id: 'u-1', phone: '+79990000001', email: 'a@b.c', password: 'pw' },
        payload: { amount: '100.00' },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
      },
      'something happened',
    );
    const text = lines.join('');
    expect(text).toContain('r-1');
    expect(text).toContain('u-1');
    for (const secret of [
      '123456',
      'tok"',
      '+79990000001',
      'a@b.c',
      '"pw"',
      'Bearer abc',
      'sid=1',
      '100.00',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
