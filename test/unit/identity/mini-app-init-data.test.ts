import { describe, expect, it } from '@jest/globals';
import { verifyInitData } from '../../../src/identity/mini-app-init-data.js';
import { signInitData, TEST_CLIENT_BOT_TOKEN, TEST_STAFF_BOT_TOKEN } from '../../support/mini-app.js';

const NOW = new Date('2026-12-04T10:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const HOUR = 3600;

describe('Mini App launch data (initData)', () => {
  it('signed with the bot’s token and fresh: the Telegram user it speaks for', () => {
    const initData = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: 424242,
      authDate: nowSeconds - 60,
    });
    const verdict = verifyInitData(initData, TEST_CLIENT_BOT_TOKEN, NOW, HOUR);
    expect(verdict).toMatchObject({ ok: true, identity: { telegramUserId: '424242', languageCode: 'ru' } });
    if (verdict.ok) expect(verdict.identity.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the same data checked against another bot’s token', () => {
    const initData = signInitData({ token: TEST_CLIENT_BOT_TOKEN, telegramUserId: 1, authDate: nowSeconds });
    expect(verifyInitData(initData, TEST_STAFF_BOT_TOKEN, NOW, HOUR)).toEqual({
      ok: false,
      reason: 'init_data_invalid',
    });
  });

  it('refuses a changed field: another user id, an auth_date moved forward', () => {
    const tampers: Record<string, string>[] = [
      { user: JSON.stringify({ id: 2, first_name: 'Mallory' }) },
      { auth_date: String(nowSeconds) },
      { hash: '0'.repeat(64) },
    ];
    for (const tamper of tampers) {
      const initData = signInitData({
        token: TEST_CLIENT_BOT_TOKEN,
        telegramUserId: 1,
        authDate: nowSeconds - 7200,
        tamper,
      });
      expect(verifyInitData(initData, TEST_CLIENT_BOT_TOKEN, NOW, HOUR)).toEqual({
        ok: false,
        reason: 'init_data_invalid',
      });
    }
  });

  it('refuses data older than the allowed age, and data from the future', () => {
    const old = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: 1,
      authDate: nowSeconds - HOUR - 1,
    });
    expect(verifyInitData(old, TEST_CLIENT_BOT_TOKEN, NOW, HOUR)).toEqual({
      ok: false,
      reason: 'init_data_stale',
    });
    const future = signInitData({
      token: TEST_CLIENT_BOT_TOKEN,
      telegramUserId: 1,
      authDate: nowSeconds + 600,
    });
    expect(verifyInitData(future, TEST_CLIENT_BOT_TOKEN, NOW, HOUR)).toEqual({
      ok: false,
      reason: 'init_data_stale',
    });
  });

  it('refuses what is not launch data at all: empty, no hash, a repeated key, no user', () => {
    const good = signInitData({ token: TEST_CLIENT_BOT_TOKEN, telegramUserId: 1, authDate: nowSeconds });
    for (const initData of ['', 'auth_date=1', `${good}&auth_date=${nowSeconds}`, 'x'.repeat(9000)]) {
      expect(verifyInitData(initData, TEST_CLIENT_BOT_TOKEN, NOW, HOUR)).toEqual({
        ok: false,
        reason: 'init_data_invalid',
      });
    }
  });
});
