import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from '../../src/demo/seed.js';

export { DEMO_PASSWORD };

/** Login → phone of every demo account, read from the demo seed. */
export const DEMO_PHONES: Readonly<Record<string, string>> = Object.fromEntries(
  [...DEMO_STAFF, ...DEMO_CLIENTS].map((account) => [account.email, account.phone]),
);

/** The phone of a demo account (throws for an unknown login). */
export function demoPhone(login: string): string {
  const phone = DEMO_PHONES[login];
  if (!phone) throw new Error(`no phone for ${login}`);
  return phone;
}

/** The six-digit confirmation code in an SMS or e-mail text, if it holds one (ru "код", en "code"). */
export function codeIn(text: string): string | undefined {
  return /(?:код|code)\D*(\d{6})/i.exec(text)?.[1];
}
