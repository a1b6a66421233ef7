import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { linkingAdapter } from '../../../src/identity/bot-adapters.js';
import { CodeRefused } from '../../../src/identity/bot-ports.js';
import { AppError } from '../../../src/errors.js';
import { createApiFixture, LOOSE_LIMITS, type ApiFixture } from '../../support/api.js';

/*
 * Security drill, issue 17 item 5: code attempts in the bots have no address; they were all counted in one
 * bucket (`ip: null`), so one Telegram user's guesses throttled every other. They are limited per Telegram user.
 */
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({
    limits: { ...LOOSE_LIMITS, codeAttemptsPerIp: { limit: 3, windowSeconds: 900 } },
  });
});
afterAll(async () => {
  await f.close();
});

const ALICE = 700_001;
const BOB = 700_002;

/** What a typed linking code comes to: `wrong`, `throttled`, or another refusal. */
async function attempt(
  linking: ReturnType<typeof linkingAdapter>,
  challengeId: string,
  telegramUserId: number,
): Promise<string> {
  try {
    await linking.confirm(challengeId, '000000', { telegramUserId }, async () => undefined);
    return 'linked';
  } catch (error) {
    if (error instanceof CodeRefused) return error.reason;
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('code attempts in the bots', () => {
  it('are limited per Telegram user: one user’s guesses do not throttle another’s', async () => {
    const linking = linkingAdapter({
      orm: f.db.orm,
      workflow: f.workflow,
      confirmations: f.identity.confirmations,
      signing: f.identity.signing,
      passwords: f.identity.passwords,
      now: f.clock.now,
    });
    // Phones nobody has: challenges that can never succeed, counted like real ones.
    const alices = await linking.startByPhone('+79161110001', 'some-password-1', 'ru');
    const bobs = await linking.startByPhone('+79161110002', 'some-password-1', 'ru');
    const alice: string[] = [];
    for (let i = 0; i < 4; i += 1) alice.push(await attempt(linking, alices.challengeId, ALICE));
    expect(alice).toEqual(['wrong', 'wrong', 'wrong', 'throttled']);
    expect(await attempt(linking, bobs.challengeId, BOB)).toBe('wrong');

    const buckets = await f.db.orm.em
      .fork()
      .execute<{ key: string }[]>("select key from rate_limit_buckets where key like 'code:%'");
    const keys = buckets.map((b) => b.key);
    expect(keys).toEqual(expect.arrayContaining([`code:tg:${String(ALICE)}`, `code:tg:${String(BOB)}`]));
    expect(keys).not.toContain('code:ip:unknown');
  });
});
