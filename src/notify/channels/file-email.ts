import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailAttachment, EmailMessage, EmailSender } from '../../messaging/channels.js';

const base64Lines = (content: Buffer): string => content.toString('base64').replace(/.{76}/g, '$&\r\n');

/** RFC 2047 for a header value or a file name that is not plain ASCII. */
const encodedWord = (value: string): string => `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

function attachmentPart(boundary: string, attachment: EmailAttachment): string[] {
  const name = /^[\x20-\x7e]*$/.test(attachment.filename)
    ? attachment.filename.replace(/"/g, '')
    : encodedWord(attachment.filename);
  return [
    `--${boundary}`,
    `Content-Type: ${attachment.contentType}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment.content),
  ];
}

/**
 * The embedded mode's mail: one RFC 5322 `.eml` file per message in `<DATA_DIR>/outbox/email/` — a plain text part,
 * or multipart/mixed when files are attached (a questionnaire's PDF). Any mail reader opens them.
 */
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
    const headers = [
      `From: ${this.from}`,
      `To: ${message.to}`,
      `Subject: ${encodedWord(message.subject)}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
    ];
    const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'];
    const text = base64Lines(Buffer.from(message.text, 'utf8'));
    const attachments = message.attachments ?? [];
    const boundary = `kabinet-${id}`;
    const eml =
      attachments.length === 0
        ? [...headers, ...textPart, '', text, ''].join('\r\n')
        : [
            ...headers,
            `Content-Type: multipart/mixed; boundary="${boundary}"`,
            '',
            `--${boundary}`,
            ...textPart,
            '',
            text,
            ...attachments.flatMap((attachment) => attachmentPart(boundary, attachment)),
            `--${boundary}--`,
            '',
          ].join('\r\n');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writeFile(join(this.dir, `${stamp}-${id}.eml`), eml, 'utf8');
    return { providerMessageId: messageId };
  }
}
