import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger.js';
import { FileSmsProvider } from '../../../src/notify/channels/file-sms.js';

describe('the embedded SMS file (where a person reads codes)', () => {
  it('appends {"to","text","at"} JSON lines to <DATA_DIR>/outbox/sms.jsonl and echoes them to the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-sms-'));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    try {
      const path = join(dir, 'outbox', 'sms.jsonl');
      const provider = new FileSmsProvider(path, createLogger('info', sink));
      const first = await provider.send({ to: '+79990000001', text: 'Код для входа в Кабинет: 123456.' });
      await provider.send({ to: '+79990000002', text: 'Второе' });
      const written = readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      expect(written).toHaveLength(2);
      expect(Object.keys(written[0] ?? {})).toEqual(['to', 'text', 'at']);
      expect(written[0]).toMatchObject({ to: '+79990000001', text: 'Код для входа в Кабинет: 123456.' });
      expect(Number.isNaN(Date.parse(written[0]?.['at'] ?? ''))).toBe(false);
      expect(first.providerMessageId).toEqual(expect.any(String));
      expect(lines.join('')).toContain('123456');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createSmsProvider', () => {
  it('echoes SMS texts to the log only when asked (the embedded demo), never otherwise', async () => {
    const { createSmsProvider } = await import('../../../src/notify/channels/factory.js');
    const { loadConfig } = await import('../../../src/config.js');
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-sms-'));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const logger = createLogger('info', sink);
      await createSmsProvider(config, logger).send({ to: '+79990000001', text: 'Код 654321' });
      expect(lines.join('')).not.toContain('654321');
      await createSmsProvider(config, logger, { echoToLog: true }).send({
        to: '+79990000001',
        text: 'Код 111222',
      });
      expect(lines.join('')).toContain('111222');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
