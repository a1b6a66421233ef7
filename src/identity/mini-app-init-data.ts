import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Telegram Mini App `initData` (core.telegram.org/bots/webapps, "Validating data received via the Mini App"):
 * a query string signed by Telegram with the bot's token. Pure: the caller gives the token and the time.
 */

/** The Telegram user a valid `initData` speaks for, and what makes that `initData` single. */
export interface MiniAppIdentity {
  telegramUserId: string;
  firstName: string;
  languageCode: string | null;
  authDate: Date;
  /** The signature: unique per `initData`, the key of its one use. */
  hash: string;
}

export type InitDataVerdict =
  { ok: true; identity: MiniAppIdentity } | { ok: false; reason: 'init_data_invalid' | 'init_data_stale' };

/** Telegram signs 64 hex characters; anything much longer than a real initData is not one. */
const MAX_INIT_DATA_LENGTH = 8192;
/** A client clock a little ahead of ours is tolerated, an `auth_date` far in the future is not. */
const FUTURE_SKEW_SECONDS = 60;

/** `secret_key = HMAC-SHA256(key "WebAppData", bot token)`; the hash is HMAC-SHA256(secret_key, data-check-string). */
export function initDataHash(fields: ReadonlyMap<string, string>, botToken: string): string {
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const dataCheckString = [...fields.entries()]
    .filter(([key]) => key !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  return createHmac('sha256', secret).update(dataCheckString).digest('hex');
}

/**
 * Checks an `initData` against one bot's token: the signature over every field but `hash` (the `signature` field
 * of third-party validation included, as Telegram computes it), then `auth_date` within `maxAgeSeconds` of `now`,
 * then a `user` with an id. A duplicated key is refused: Telegram never sends one, a forger might.
 */
export function verifyInitData(
  initData: string,
  botToken: string,
  now: Date,
  maxAgeSeconds: number,
): InitDataVerdict {
  const invalid = { ok: false, reason: 'init_data_invalid' } as const;
  if (initData.length === 0 || initData.length > MAX_INIT_DATA_LENGTH) return invalid;
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    if (fields.has(key)) return invalid;
    fields.set(key, value);
  }
  const hash = fields.get('hash') ?? '';
  if (!/^[0-9a-f]{64}$/.test(hash)) return invalid;
  const expected = Buffer.from(initDataHash(fields, botToken), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return invalid;

  const authDate = Number(fields.get('auth_date'));
  if (!Number.isInteger(authDate) || authDate <= 0) return invalid;
  const ageSeconds = now.getTime() / 1000 - authDate;
  if (ageSeconds > maxAgeSeconds || ageSeconds < -FUTURE_SKEW_SECONDS)
    return { ok: false, reason: 'init_data_stale' };

  let user: unknown;
  try {
    user = JSON.parse(fields.get('user') ?? 'null');
  } catch {
    return invalid;
  }
  if (typeof user !== 'object' || user === null) return invalid;
  const { id, first_name: firstName, language_code: languageCode } = user as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return invalid;
  return {
    ok: true,
    identity: {
      telegramUserId: String(id),
      firstName: typeof firstName === 'string' ? firstName : '',
      languageCode: typeof languageCode === 'string' ? languageCode : null,
      authDate: new Date(authDate * 1000),
      hash,
    },
  };
}
