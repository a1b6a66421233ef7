/**
 * P7 (issue 13, docs/0029): the embedded start — `npm start`'s very command (read from package.json: the compiled
 * `dist/main.js`) and, for comparison, `npm run start:sources` (tsx) — from spawn to `/readyz` on a fresh DATA_DIR with no
 * template cluster yet (initdb, migrations, the template kept, demo seed), on another fresh DATA_DIR (the template
 * copied, demo seed) and again on that folder (a restart); then the resident memory of the idle process
 * (VmRSS after IDLE seconds). Targets: < 5 s, < 250 MB. Not a test: nothing here fails on speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, serverBuildIsStale } from '../scripts/build.js';
import { freePort, until } from '../test/support/wait.js';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
/** Settled: the demo's first deliveries done, the PDF worker gone, V8's memory reducer through (docs/0029). */
const SETTLED_SECONDS = Number(process.env.BENCH_SETTLED_SECONDS ?? 30);
const START_TARGET_MS = 5000;
const RSS_TARGET_MB = 250;

/** An npm script's command line after `exec node`: the V8 flags and the entry point. */
/** The node arguments (and environment) a package.json script ends by `exec`ing. */
function scriptArgs(name: string): { args: string[]; env: Record<string, string> } {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const match = /exec (?:env ((?:\w+=\S+ )+))?node (.+)$/.exec(scripts[name] ?? '');
  if (!match?.[2])
    throw new Error(`package.json: "${name}" does not end with \`exec [env VAR=value …] node …\``);
  const env = Object.fromEntries(
    (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
  return { args: match[2].split(/\s+/), env };
}

function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

async function startOnce(
  { args, env }: { args: string[]; env: Record<string, string> },
  dataDir: string,
  templates: string,
): Promise<{ readyMs: number; rssMb: number; settledMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...env,
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
      PGLITE_TEMPLATES: templates,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await until(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the process ended with ${child.exitCode} before /readyz`);
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      },
      '/readyz',
      120_000,
      25,
    );
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const rssMb = residentMb(child.pid ?? 0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, SETTLED_SECONDS - IDLE_SECONDS) * 1000));
    return { readyMs, rssMb, settledMb: residentMb(child.pid ?? 0) };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

export async function runStartBench(): Promise<void> {
  if (serverBuildIsStale()) buildServer();
  const modes: [string, { args: string[]; env: Record<string, string> }][] = [
    ['npm start', scriptArgs('start')],
    ['start:sources (tsx)', scriptArgs('start:sources')],
  ];
  console.log(
    `\nP7 embedded start to /readyz and idle memory (${IDLE_SECONDS} s after ready, and settled at ${SETTLED_SECONDS} s)`,
  );
  for (const [name, { args, env }] of modes)
    console.log(
      `  ${name}: ${Object.entries(env)
        .map(([k, v]) => `${k}=${v} `)
        .join('')}node ${args.join(' ')}`,
    );
  console.log(
    '  first: a fresh DATA_DIR on a machine without the template (initdb and migrations, the template kept);' +
      ' fresh: another fresh DATA_DIR (a copy of the template); restart: the fresh one again',
  );
  for (const [name, command] of modes) {
    const scratch = mkdtempSync(join(tmpdir(), 'kabinet-start-bench-'));
    const templates = join(scratch, 'templates');
    try {
      const first = await startOnce(command, join(scratch, 'first'), templates);
      const fresh = await startOnce(command, join(scratch, 'fresh'), templates);
      const again = await startOnce(command, join(scratch, 'fresh'), templates);
      const line = (label: string, r: { readyMs: number; rssMb: number; settledMb: number }) =>
        console.log(
          `  ${name.padEnd(20)} ${label.padEnd(8)} ready ${(r.readyMs / 1000).toFixed(2)} s (target < ${START_TARGET_MS / 1000} s)` +
            `  idle RSS ${r.rssMb.toFixed(0)} MB, settled ${r.settledMb.toFixed(0)} MB (target < ${RSS_TARGET_MB} MB)`,
        );
      line('first', first);
      line('fresh', fresh);
      line('restart', again);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartBench();
