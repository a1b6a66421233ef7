import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../../logger.js';
import type { SmsMessage, SmsProvider } from '../../messaging/channels.js';

/**
 * The embedded mode's SMS "gateway": JSON lines `{"to","text","at"}` appended to `<DATA_DIR>/outbox/sms.jsonl`
 * and echoed to the log so a person trying the product can read their codes (the one place codes are logged).
 */
/** Where the embedded mode's SMS go. */
export function smsOutboxPath(dataDir: string): string {
  return join(dataDir, 'outbox', 'sms.jsonl');
}

/** One line of the SMS outbox file. */
export interface OutboxSms {
  to: string;
  text: string;
  at: string;
}

/** What the SMS outbox file holds, oldest first (empty before the first SMS). */
export function readSmsOutbox(path: string): OutboxSms[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutboxSms);
}

/**
 * The outbox read again only when it grew (it is append-only): for a page that polls it every second or two.
 */
export class SmsOutboxReader {
  private size = -1;
  private lines: OutboxSms[] = [];

  constructor(private readonly path: string) {}

  read(): OutboxSms[] {
    const size = existsSync(this.path) ? statSync(this.path).size : 0;
    if (size !== this.size) {
      this.lines = readSmsOutbox(this.path);
      this.size = size;
    }
    return this.lines;
  }
}

export class FileSmsProvider implements SmsProvider {
  readonly name = 'file';
  private readonly reader: SmsOutboxReader;
  constructor(
    private readonly path: string,
    private readonly logger?: Logger,
  ) {
    this.reader = new SmsOutboxReader(path);
  }

  sentTo(phone: string): string[] {
    return this.reader.read().flatMap((sms) => (sms.to === phone ? [sms.text] : []));
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    await mkdir(dirname(this.path), { recursive: true });
    const line = { to: message.to, text: message.text, at: new Date().toISOString() };
    await appendFile(this.path, `${JSON.stringify(line)}\n`, 'utf8');
    this.logger?.info(
      { smsTo: message.to, smsText: message.text },
      'SMS (embedded mode: written to the SMS outbox file)',
    );
    return { providerMessageId: `file-${randomUUID()}` };
  }
}
