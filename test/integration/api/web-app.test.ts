import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../../support/app.js';

/**
 * The web cabinet at `/` (issue 9 item 1, docs/0018): its files, client-side routes falling back to index.html,
 * and everything the server answers itself (API, health, docs, Telegram pages) untouched. A stand-in build keeps
 * this test independent of Vite; the end-to-end test (test/e2e/web-sign-in.test.ts) uses the real one.
 */

const INDEX =
  '<!doctype html><html lang="ru"><head><title>Кабинет</title></head><body>cabinet-index</body></html>';
const ASSET = 'console.log("cabinet-asset");';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kabinet-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets/index-AbC123.js'), ASSET);
  // What scripts/build-web.ts writes beside each text file of a real build.
  writeFileSync(join(dir, 'assets/index-AbC123.js.gz'), gzipSync(ASSET));
  writeFileSync(join(dir, 'assets/index-AbC123.js.br'), brotliCompressSync(ASSET));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(tmpdir(), 'kabinet-web-secret.txt'), 'outside');
  t = await createTestApp({ webDir: dir });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init: RequestInit = {}) => fetch(`${t.base}${path}`, init);

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the web cabinet at /', () => {
  it('sends the precompressed form the browser accepts (Brotli, then gzip), never compressing on the request path', async () => {
    const brotli = await get('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(brotli.headers.get('content-type')).toMatch(/javascript/);
    expect(await brotli.text()).toBe(ASSET);
    const gzip = await get('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(ASSET);
    const plain = await get('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(ASSET);
    // index.html has no precompressed sibling here: sent as it is.
    const index = await get('/', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(index.headers.get('content-encoding')).toBeNull();
    expect(await index.text()).toBe(INDEX);
  });

  it('serves index.html at /, revalidated each time (304 when unchanged), with the security headers', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
    expectSecurityHeaders(response);
    const lastModified = response.headers.get('last-modified') ?? '';
    // As a browser revalidates (fetch would add `Cache-Control: no-cache` to a bare If-Modified-Since).
    const again = await get('/', {
      headers: { 'if-modified-since': lastModified, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('falls back to index.html for a deep link, with its query', async () => {
    for (const path of ['/sign-in?next=%2Frequests', '/requests/7f1c/edit', '/apiary']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await get('/requests', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe('');
  });

  it('serves hashed assets for a year and other files revalidated', async () => {
    const asset = await get('/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe(ASSET);
    expectSecurityHeaders(asset);
    const icon = await get('/favicon.svg');
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing file with a 404, not with the page', async () => {
    for (const path of ['/assets/index-Old999.js', '/robots.txt']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('never serves a file outside the build', async () => {
    for (const path of [
      '/..%2fkabinet-web-secret.txt',
      '/%2e%2e/kabinet-web-secret.txt',
      '/assets/..%2f..%2fkabinet-web-secret.txt',
    ]) {
      const response = await get(path);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('leaves the API, health and docs alone', async () => {
    const unknown = await get('/api/v1/unknown');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    expectSecurityHeaders(unknown);

    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const openapi = await get('/api/openapi.json');
    expect(openapi.headers.get('content-type')).toMatch(/^application\/json/);
    const docs = await (await get('/api/docs')).text();
    expect(docs).not.toContain('cabinet-index');
    // /metrics is Prometheus text (open outside production, docs/0027), never the page.
    const metrics = await get('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).not.toContain('cabinet-index');
    for (const path of ['/telegram/webhook/client', '/readyz/x', '/api', '/ops/queues']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('cabinet-index');
    }
  });

  it('does not answer other methods with the page', async () => {
    const response = await get('/requests', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('cabinet-index');
  });
});
