import type { ApiContext } from './state.js';

/** The session cookie of the web cabinet over plain HTTP (the embedded demo on localhost). */
export const SESSION_COOKIE = 'kabinet_session';
/**
 * The same cookie when COOKIE_SECURE is on (production): the `__Host-` prefix makes browsers accept it only with
 * `Secure`, `Path=/` and no `Domain`, so neither a sibling subdomain nor a plain-HTTP page can plant or shadow it.
 */
export const SECURE_SESSION_COOKIE = '__Host-kabinet_session';

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function readSessionCookie(ctx: ApiContext, secure: boolean): string | null {
  return ctx.cookies.get(sessionCookieName(secure)) ?? null;
}

/** Sets (a token) or clears (null) the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured. */
export function writeSessionCookie(
  ctx: ApiContext,
  secure: boolean,
  token: string | null,
  expires?: Date,
): void {
  // COOKIE_SECURE says TLS ends in front of the app (a proxy), whatever the hop to Koa looks like.
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || ctx.secure,
    path: '/',
    overwrite: true,
    ...(expires ? { expires } : {}),
  });
}
