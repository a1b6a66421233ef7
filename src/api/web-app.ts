import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context, Middleware } from 'koa';
import { projectRoot } from '../project-root.js';

/**
 * Paths the cabinet never answers: the API and its documents, health, the Telegram webhooks and pages, metrics,
 * the operators' pages (/ops: the queue board).
 * Anything else that a browser GETs is a file of the build or a client-side route (docs/0018).
 */
const SERVER_PATHS = ['/api', '/healthz', '/readyz', '/telegram', '/metrics', '/ops'];

function isServerPath(path: string): boolean {
  return SERVER_PATHS.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`),
  );
}

/** Vite's hashed output: its name changes with its content, so browsers may keep it forever. */
const HASHED = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The forms scripts/build-web.ts writes beside each text file, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The file as the browser prefers it: its precompressed .br or .gz sibling when accepted and present, else itself.
 * No compression on the request path.
 */
async function negotiate(ctx: Context, file: string, size: number, mtime: Date) {
  for (const encoding of ENCODINGS) {
    if (ctx.acceptsEncodings(encoding.name, 'identity') !== encoding.name) continue;
    const found = await stat(`${file}${encoding.suffix}`).catch(() => null);
    if (found?.isFile())
      return {
        path: `${file}${encoding.suffix}`,
        size: found.size,
        mtime: found.mtime,
        encoding: encoding.name,
      };
  }
  return { path: file, size, mtime, encoding: null };
}

async function sendFile(ctx: Context, file: string, size: number, mtime: Date, cacheControl: string) {
  const chosen = await negotiate(ctx, file, size, mtime);
  ctx.status = 200;
  ctx.set('Cache-Control', cacheControl);
  ctx.vary('Accept-Encoding');
  ctx.type = extname(file);
  if (chosen.encoding) ctx.set('Content-Encoding', chosen.encoding);
  ctx.length = chosen.size;
  ctx.lastModified = chosen.mtime;
  // `no-cache` means "revalidate": an unchanged file is a 304 without a body.
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  // HEAD: the headers only (Koa sends no body for HEAD; no stream is opened to be left behind).
  if (ctx.method === 'GET') ctx.body = createReadStream(chosen.path);
}

/** The built web cabinet, if there is one: web/dist of the repository. */
export function defaultWebDir(): string {
  return join(projectRoot(), 'web', 'dist');
}

export function hasWebBuild(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the built SPA from `dir` at `/`: its files (hashed assets cached for a year, everything else revalidated)
 * and, for GET/HEAD of any other path outside SERVER_PATHS that does not name a file, index.html (no-cache), so
 * client-side routes and deep links work. Other requests pass through untouched.
 */
export function serveWebApp(dir: string): Middleware {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isServerPath(ctx.path)) return next();
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const file = resolve(root, `.${path}`);
    const inside = file === root || file.startsWith(`${root}${sep}`);
    const found = inside && path !== '/' ? await stat(file).catch(() => null) : null;
    if (found?.isFile())
      return sendFile(ctx, file, found.size, found.mtime, HASHED.test(path) ? IMMUTABLE : 'no-cache');
    // A missing asset is a 404, not the page: a stale tab asking for an old bundle must not get HTML back.
    if (HASHED.test(path) || extname(path) !== '') return next();
    const index = await stat(indexFile).catch(() => null);
    if (!index?.isFile()) return next();
    await sendFile(ctx, indexFile, index.size, index.mtime, 'no-cache');
  };
}
