import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { FakeTelegram } from '../../support/fake-telegram/server.js';
import { freePort, until } from '../../support/wait.js';

/*
 * Issue 14 item 5: a process given SIGTERM stops taking work, finishes what it holds and exits by itself within a
 * bounded time — here the `all` role with both bots long-polling a Bot API, the case that used to hang.
 */
const ROOT = process.cwd();
let db: TestDatabase;
let fake: FakeTelegram;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await FakeTelegram.start({ rateLimits: false });
  dataDir = mkdtempSync(join(tmpdir(), 'kabinet-shutdown-'));
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(
  env: Record<string, string>,
  command: readonly string[] = [process.execPath, 'node_modules/tsx/dist/cli.mjs', 'src/main.ts'],
): { child: ChildProcess; output: () => string } {
  const [file = process.execPath, ...args] = command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DOTENV_CONFIG_PATH: '/nonexistent/.env',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

describe('SIGTERM', () => {
  it('the all role with both bots long-polling exits by itself, promptly, with code 0', async () => {
    const clientBot = fake.addBot({ username: 'shutdown_client_bot' });
    const staffBot = fake.addBot({ username: 'shutdown_staff_bot' });
    const port = await freePort();
    const { child, output } = start({
      PROCESS_ROLE: 'all',
      PORT: String(port),
      CLIENT_BOT_TOKEN: clientBot.token,
      STAFF_BOT_TOKEN: staffBot.token,
      CLIENT_BOT_USERNAME: clientBot.username,
      STAFF_BOT_USERNAME: staffBot.username,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 'readiness');
      await until(
        () => /bot is up \(long polling\)[\s\S]*bot is up \(long polling\)/.test(output()),
        'both bots',
      );
      // Both bots are now inside a long poll the Bot API holds open.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sent = Date.now();
      child.kill('SIGTERM');
      const code = await closed;
      const took = Date.now() - sent;
      expect({ code, output: output().includes('"msg":"stopped"') }).toEqual({ code: 0, output: true });
      expect(took).toBeLessThan(15_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('`npm start` given SIGTERM takes the app down with it (no orphan left running)', async () => {
    const port = await freePort();
    const { child, output } = start({ PROCESS_ROLE: 'all', PORT: String(port) }, ['npm', 'start']);
    // 'exit', not 'close': an orphan would keep the output pipes open.
    const closed = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        'readiness',
        60_000,
      );
      child.kill('SIGTERM');
      await closed;
      // The app itself heard the signal and stopped; nothing answers on its port any more.
      await until(() => output().includes('"msg":"stopped"'), 'the app to stop', 15_000);
      await until(
        async () => {
          try {
            await fetch(`http://127.0.0.1:${port}/healthz`);
            return false;
          } catch {
            return true;
          }
        },
        'the port to close',
        15_000,
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
