import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Orm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { readSmsOutbox, smsOutboxPath } from '../../src/notify/channels/file-sms.js';
import { NotificationService } from '../../src/notify/notification.service.js';
import { notifyConfig, TEST_TUNING, waitForSettled } from './notify.js';

/** A notification as it left through the file providers: an e-mail (decoded) or an SMS. */
export interface Delivered {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
}

/**
 * Runs the real notification pipeline (relay, queue, executor, file providers) over whatever the outbox holds and
 * returns what it sent. Security notices are resolved here exactly as in production: the old contact read from
 * the journal entry the payload names.
 */
export async function deliverOutbox(orm: Orm, options: { atLeast?: number } = {}): Promise<Delivered[]> {
  const config = notifyConfig({});
  const service = new NotificationService({
    orm,
    logger: createLogger('silent'),
    config,
    tuning: TEST_TUNING,
  });
  await service.start();
  try {
    await waitForSettled(orm, { atLeast: options.atLeast ?? 1 });
  } finally {
    await service.close();
  }
  const sent: Delivered[] = [];
  for (const sms of readSmsOutbox(smsOutboxPath(config.dataDir)))
    sent.push({ channel: 'sms', to: sms.to, subject: '', text: sms.text });
  const emailDir = join(config.dataDir, 'outbox', 'email');
  if (existsSync(emailDir)) {
    for (const file of readdirSync(emailDir).sort())
      sent.push(parseEml(readFileSync(join(emailDir, file), 'utf8')));
  }
  return sent;
}

function parseEml(eml: string): Delivered {
  const [head = '', body = ''] = eml.split('\r\n\r\n');
  const header = (name: string): string =>
    head
      .split('\r\n')
      .find((line) => line.startsWith(`${name}: `))
      ?.slice(name.length + 2) ?? '';
  const subject = /^=\?UTF-8\?B\?(.*)\?=$/.exec(header('Subject'))?.[1] ?? '';
  return {
    channel: 'email',
    to: header('To'),
    subject: Buffer.from(subject, 'base64').toString('utf8'),
    text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'),
  };
}
