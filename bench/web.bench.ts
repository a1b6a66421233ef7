/**
 * Web cabinet benchmark (issue 9 item 12), on the embedded start exactly as `npm start` runs it (PGlite, demo data):
 *  1. the JavaScript the sign-in page loads — raw, gzip and as sent (the server sends precompressed Brotli/gzip
 *     files, scripts/build-web.ts) — target: < 250 KB gzip;
 *  2. time to interactive of the sign-in page in headless Chromium, cold cache, median of several loads: the later
 *     of "the login field is on screen and enabled" and the end of the last long task (> 50 ms) — target: < 1 s;
 *  3. for context, the embedded start to /readyz.
 * Prints the figures and the targets. Not a test: nothing here fails on speed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildWeb, webBuildIsStale } from '../scripts/build-web.js';
import { freePort } from '../test/support/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 7);
const SIZE_TARGET_KB = 250;
const TTI_TARGET_MS = 1000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `tsx src/main.ts` on a fresh DATA_DIR with nothing external configured: the embedded default. */
async function startEmbedded(port: number, dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the embedded start exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { base, child, startMs: performance.now() - started };
}

/**
 * Long tasks and the moment the login field is usable, recorded by the page itself (an init script runs through
 * DevTools, so the cabinet's CSP stays strict). A string: tsx's transpiled functions would carry helpers the page
 * does not have.
 */
const PROBE = `
  window.__longTaskEnd = 0;
  window.__ready = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__longTaskEnd = Math.max(window.__longTaskEnd, entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  (function poll() {
    const input = document.querySelector('input[autocomplete="username"]');
    if (input && !input.disabled && input.offsetParent !== null) window.__ready = performance.now();
    else requestAnimationFrame(poll);
  })();
`;

interface Load {
  ttiMs: number;
  readyMs: number;
  lastLongTaskEndMs: number;
  scripts: { url: string; raw: number; gzip: number; sent: number; encoding: string | null }[];
}

export async function runWebBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`web: skipped (no Chromium at ${CHROMIUM}; apt-get install -y chromium)`);
    return;
  }
  if (webBuildIsStale()) await buildWeb();
  const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-bench-web-'));
  const { base, child, startMs } = await startEmbedded(await freePort(), dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const loads: Load[] = [];
    // One warm-up load (the server's first answers, Chromium's own start), then the measured cold-cache loads.
    for (let i = 0; i <= LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.addInitScript(PROBE);
      const scripts: Load['scripts'] = [];
      const pending: Promise<void>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        pending.push(
          (async () => {
            const body = await response.body();
            const sizes = await response.request().sizes();
            scripts.push({
              url: new URL(response.url()).pathname,
              raw: body.length,
              gzip: gzipSync(body).length,
              sent: sizes.responseBodySize,
              encoding: (await response.allHeaders())['content-encoding'] ?? null,
            });
          })(),
        );
      });
      await page.goto(`${base}/sign-in`, { waitUntil: 'load' });
      await page.waitForFunction('window.__ready > 0');
      // Quiet for a moment, so a long task right after the first render is counted.
      await page.waitForTimeout(300);
      const timing = (await page.evaluate(
        '({ ready: window.__ready, longTaskEnd: window.__longTaskEnd })',
      )) as {
        ready: number;
        longTaskEnd: number;
      };
      await Promise.all(pending);
      if (i > 0)
        loads.push({
          ttiMs: Math.max(timing.ready, timing.longTaskEnd),
          readyMs: timing.ready,
          lastLongTaskEndMs: timing.longTaskEnd,
          scripts,
        });
      await context.close();
    }
    const first = loads[0];
    if (!first) throw new Error('no load measured (BENCH_WEB_LOADS must be at least 1)');
    const raw = first.scripts.reduce((sum, s) => sum + s.raw, 0);
    const gzip = first.scripts.reduce((sum, s) => sum + s.gzip, 0);
    const sent = first.scripts.reduce((sum, s) => sum + s.sent, 0);
    console.log(
      `\nweb cabinet — embedded start (PGlite, demo data), headless Chromium ${browser.version()}, 390×844`,
    );
    console.log(`  embedded start to /readyz: ${(startMs / 1000).toFixed(1)} s`);
    for (const s of first.scripts)
      console.log(
        `  script ${s.url}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.sent)} sent (${s.encoding ?? 'identity'})`,
      );
    console.log(
      `  first page JavaScript: ${kb(gzip)} gzip (target < ${SIZE_TARGET_KB} KB) · ${kb(raw)} raw · ${kb(sent)} as sent`,
    );
    const ttis = loads.map((l) => l.ttiMs);
    console.log(
      `  sign-in time to interactive, median of ${loads.length} cold loads: ${median(ttis).toFixed(0)} ms ` +
        `(target < ${TTI_TARGET_MS} ms; min ${Math.min(...ttis).toFixed(0)}, max ${Math.max(...ttis).toFixed(0)}; ` +
        `field ready ${median(loads.map((l) => l.readyMs)).toFixed(0)} ms, last long task ended ` +
        `${median(loads.map((l) => l.lastLongTaskEndMs)).toFixed(0)} ms)`,
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('web.bench.ts')) await runWebBench();
