import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../logger.js';
import type { SmsMessage, SmsProvider } from '../../messaging/channels.js';

/**
 * The embedded mode's SMS "gateway": JSON lines `{"to","text","at"}` appended to `<DATA_DIR>/outbox/sms.jsonl`
 * and echoed to the log so a person trying the product can read their codes (the one place codes are logged).
 */
export class FileSmsProvider implements SmsProvider {
  readonly name = 'file';
  constructor(
    private readonly path: string,
    private readonly logger?: Logger,
  ) {}

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
