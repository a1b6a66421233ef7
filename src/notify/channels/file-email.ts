import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailMessage, EmailSender } from '../../messaging/channels.js';

/** The embedded mode's mail: one RFC 5322 `.eml` file per message in `<DATA_DIR>/outbox/email/`. */
export class FileEmailSender implements EmailSender {
  readonly name = 'file';
  constructor(
    private readonly dir: string,
    private readonly from = 'Kabinet <no-reply@kabinet.local>',
  ) {}

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    await mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    const messageId = `<${id}@kabinet.local>`;
    const encodedSubject = `=?UTF-8?B?${Buffer.from(message.subject, 'utf8').toString('base64')}?=`;
    const body = Buffer.from(message.text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
    const eml = [
      `From: ${this.from}`,
      `To: ${message.to}`,
      `Subject: ${encodedSubject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      body,
      '',
    ].join('\r\n');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writeFile(join(this.dir, `${stamp}-${id}.eml`), eml, 'utf8');
    return { providerMessageId: messageId };
  }
}
