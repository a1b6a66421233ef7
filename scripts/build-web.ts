/**
 * Builds the web cabinet (web/ → web/dist) with Vite.
 *
 *   tsx scripts/build-web.ts             always builds (`npm run build:web`)
 *   tsx scripts/build-web.ts --if-stale  builds only when web/dist/index.html is missing or older than any source
 *                                        (web/src, web/public, web/index.html, web/vite.config.ts, src/i18n): what
 *                                        `npm start` runs first, so a fresh clone serves a cabinet and a warm start
 *                                        stays fast (docs/0018)
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/i18n',
  'package-lock.json',
];
const BUILT = join(repo, 'web/dist/index.html');

/** The newest modification time under a file or folder (0 when it does not exist). */
export function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newest(join(repo, source)) > built);
}

/** Text files of the build worth compressing ahead of time (served as-is when the browser accepts them). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|map)$/;

/** Beside each text file of web/dist, its Brotli (.br) and gzip (.gz) forms, so the server never compresses. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(name) || name.endsWith('.map')) continue;
    const content = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(content, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
  }
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  // A production build whatever NODE_ENV the builder runs under: jest sets `test`, a dev shell may set
  // `development`, and Vite then bundles React's development build (65 KB gzip more, slower) — which `npm start`
  // would go on serving, the build not being stale. Vite reads NODE_ENV from the process (and sets it when unset).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repo, 'web/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress(join(repo, 'web/dist'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !webBuildIsStale()) {
    console.log('web cabinet: web/dist is up to date');
  } else {
    const started = Date.now();
    console.log('web cabinet: building web/dist …');
    await buildWeb();
    console.log(`web cabinet: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
