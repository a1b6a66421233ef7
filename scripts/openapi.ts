/**
 * The API's OpenAPI document, the one served at /api/openapi.json, built without a database: the routes are
 * made on services that are never called (only their handlers use them).
 *
 *   tsx scripts/openapi.ts [file]   writes it to the file, or to stdout
 *   tsx scripts/openapi.ts --lint   writes it to a temp file and lints it with Redocly (redocly.yaml): fails on
 *                                   errors (`npm run lint:openapi`, a CI step)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { API_VERSION } from '../src/api/app.js';
import { buildOpenApi } from '../src/api/openapi.js';
import { apiRoutes } from '../src/api/routes/index.js';
import type { ApiServices } from '../src/api/services.js';

const unused = new Proxy(
  {},
  {
    get(_target, name) {
      throw new Error(`scripts/openapi.ts: the routes read services.${String(name)} while being built`);
    },
  },
) as ApiServices;

const json = `${JSON.stringify(buildOpenApi(apiRoutes(unused), { version: API_VERSION }), null, 2)}\n`;
const arg = process.argv[2];

if (arg === '--lint') {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, json);
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
    'bin/cli.js',
  );
  const config = new URL('../redocly.yaml', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [cli, 'lint', '--config', config, '--format', 'stylish', file], {
    stdio: 'inherit',
    // Offline: no usage report, no update check.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  rmSync(dir, { recursive: true, force: true });
  if (run.error) throw run.error;
  process.exitCode = run.status ?? 1;
} else if (arg) {
  writeFileSync(arg, json);
} else {
  process.stdout.write(json);
}
