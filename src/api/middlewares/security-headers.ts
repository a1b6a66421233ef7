import type { Middleware } from 'koa';

export interface CspOptions {
  /**
   * Who may frame the pages: none by default. The Telegram Mini App build of the web cabinet passes Telegram's
   * web clients here (e.g. `https://web.telegram.org`).
   */
  frameAncestors?: readonly string[];
  /** Extra sources besides 'self' for scripts, styles, images and fetch/XHR (e.g. a Mini App SDK host). */
  scriptSrc?: readonly string[];
  styleSrc?: readonly string[];
  imgSrc?: readonly string[];
  connectSrc?: readonly string[];
}

const sources = (base: readonly string[], extra: readonly string[] = []): string =>
  [...base, ...extra].join(' ');

/**
 * A strict Content-Security-Policy: everything from our own origin only, no plugins, no `<base>` rewriting, forms
 * posting only to us, and no framing unless `frameAncestors` names who may. Images may also be `data:` (Swagger
 * UI's icons are data URIs in its stylesheet). No inline scripts or styles: pages load theirs from files.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const frameAncestors = options.frameAncestors?.length ? sources(options.frameAncestors) : "'none'";
  return [
    "default-src 'self'",
    `script-src ${sources(["'self'"], options.scriptSrc)}`,
    `style-src ${sources(["'self'"], options.styleSrc)}`,
    `img-src ${sources(["'self'", 'data:'], options.imgSrc)}`,
    `connect-src ${sources(["'self'"], options.connectSrc)}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

export interface SecurityHeadersOptions {
  /** Strict-Transport-Security: only when the app is reached over HTTPS (COOKIE_SECURE). */
  hsts: boolean;
  csp?: CspOptions;
}

/**
 * The security headers of every response, errors included (they are set before anything runs, and the problem
 * middleware answers errors without resetting headers): HSTS when secure, CSP, Referrer-Policy, nosniff, COOP.
 */
export function securityHeaders(options: SecurityHeadersOptions): Middleware {
  const csp = contentSecurityPolicy(options.csp);
  return async (ctx, next) => {
    if (options.hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    ctx.set('Content-Security-Policy', csp);
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    // For browsers without frame-ancestors; a page meant to be framed (the Mini App) relies on the CSP alone.
    if (!options.csp?.frameAncestors?.length) ctx.set('X-Frame-Options', 'DENY');
    await next();
  };
}
