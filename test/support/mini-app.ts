import { randomBytes } from 'node:crypto';
import { initDataHash } from '../../src/identity/mini-app-init-data.js';

/** Bot tokens of the right shape for tests that sign Mini App launch data as Telegram would. */
export const TEST_CLIENT_BOT_TOKEN = '7000000001:AAClientBotTokenForTests_abcdefghijklmn';
export const TEST_STAFF_BOT_TOKEN = '7000000002:AAStaffBotTokenForTests_abcdefghijklmno';

/**
 * A Mini App `initData` as a Telegram client passes it: the fields URL-encoded, signed with the bot's token.
 * `authDate` is in seconds; `tamper` changes a field after signing (a forgery).
 */
export function signInitData(options: {
  token: string;
  telegramUserId: number;
  authDate: number;
  firstName?: string;
  queryId?: string;
  tamper?: Record<string, string>;
}): string {
  const fields = new Map<string, string>([
    ['auth_date', String(options.authDate)],
    ['query_id', options.queryId ?? `AAH${randomBytes(12).toString('base64url')}`],
    [
      'user',
      JSON.stringify({
        id: options.telegramUserId,
        first_name: options.firstName ?? 'Test',
        language_code: 'ru',
        allows_write_to_pm: true,
      }),
    ],
    ['signature', 'c2lnbmF0dXJlLWZvci10aGlyZC1wYXJ0aWVz'],
  ]);
  fields.set('hash', initDataHash(fields, options.token));
  for (const [key, value] of Object.entries(options.tamper ?? {})) fields.set(key, value);
  return new URLSearchParams([...fields.entries()]).toString();
}
