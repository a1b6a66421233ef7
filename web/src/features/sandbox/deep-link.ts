/** The sandbox's two bots by their usernames (from `GET /api/v1/sandbox`). */
export interface SandboxBots {
  client: string;
  staff: string;
}

export interface SandboxDeepLink {
  bot: 'client' | 'staff';
  /** The `start` parameter: what the bot receives as `/start <payload>`. */
  start: string;
}

/** Telegram's deep-link payload: up to 64 of A–Z, a–z, 0–9, `_` and `-`. */
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A Telegram deep link (`https://t.me/<bot>?start=<payload>`, also `tg://resolve?domain=<bot>&start=…`) to one of
 * the sandbox's bots, or null: such links lead nowhere on the real Telegram, so the sandbox opens them itself.
 */
export function sandboxDeepLink(href: string, bots: SandboxBots | undefined): SandboxDeepLink | null {
  if (!bots) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const username =
    url.protocol === 'tg:'
      ? url.searchParams.get('domain')
      : url.protocol === 'https:' && (url.hostname === 't.me' || url.hostname === 'telegram.me')
        ? url.pathname.replace(/^\//, '')
        : null;
  const start = url.searchParams.get('start') ?? '';
  if (!username || !PAYLOAD.test(start)) return null;
  const name = username.toLowerCase();
  const bot =
    name === bots.client.toLowerCase() ? 'client' : name === bots.staff.toLowerCase() ? 'staff' : null;
  return bot ? { bot, start } : null;
}

/** The sandbox page's address that opens a deep link (as a given person when `as` is known). */
export function sandboxHref(link: SandboxDeepLink, as?: string): string {
  const query = new URLSearchParams({ bot: link.bot, start: link.start });
  if (as) query.set('as', as);
  return `/sandbox?${query.toString()}`;
}

/** A deep link the sandbox page was opened with (`/sandbox?bot=…&start=…&as=…`), or null. */
export function deepLinkFromSearch(
  search: URLSearchParams,
): (SandboxDeepLink & { as: string | null }) | null {
  const bot = search.get('bot');
  const start = search.get('start') ?? '';
  if ((bot !== 'client' && bot !== 'staff') || !PAYLOAD.test(start)) return null;
  return { bot, start, as: search.get('as') };
}
