import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../src/config.js';

const TOKEN = '123456:ABC-def_ghi';

describe("the bots' settings", () => {
  test('webhooks (PUBLIC_URL with a bot token) need TELEGRAM_WEBHOOK_SECRET', () => {
    const env = { PUBLIC_URL: 'https://cabinet.example.ru', CLIENT_BOT_TOKEN: TOKEN };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toContain('TELEGRAM_WEBHOOK_SECRET');
    }
    const secret = 's3cr3t-webhook-token-0123456789';
    expect(loadConfig({ ...env, TELEGRAM_WEBHOOK_SECRET: secret }).telegram.webhookSecret).toBe(secret);
  });

  test('no tokens, no secret needed; a malformed secret is named without being echoed', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://cabinet.example.ru' }).telegram.webhookSecret).toBeUndefined();
    try {
      loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'short & spaced' });
      throw new Error('accepted');
    } catch (error) {
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toContain('TELEGRAM_WEBHOOK_SECRET');
      expect(text).not.toContain('short & spaced');
    }
  });
});

describe('the bots without tokens', () => {
  test('are off, and the log says so', async () => {
    const { BotRuntime } = await import('../../../src/bot/runtime.js');
    const { createLogger } = await import('../../../src/logger.js');
    const { Writable } = await import('node:stream');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({});
    // Nothing is touched before start(): the services are never used by a runtime that is off.
    const unused = {} as never;
    const runtime = new BotRuntime({
      telegram: config.telegram,
      publicUrl: undefined,
      orm: unused,
      workflow: unused,
      confirmations: unused,
      signing: unused,
      passwords: unused,
      logger: createLogger('info', sink),
    });
    await runtime.start();
    await runtime.stop();
    expect(runtime.mode).toBe('off');
    const log = lines.join('');
    expect(log).toContain('client bot is off: CLIENT_BOT_TOKEN is not set');
    expect(log).toContain('staff bot is off: STAFF_BOT_TOKEN is not set');
    expect(log).toContain('Telegram bots are off');
  });
});
