import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { FileEmailSender } from './file-email.js';
import { FileSmsProvider, smsOutboxPath } from './file-sms.js';
import { HttpSmsProvider } from './http-sms.js';
import { SmppSmsProvider } from './smpp-sms.js';
import { SmtpEmailSender } from './smtp-email.js';
import type { EmailSender, SmsProvider } from '../../messaging/channels.js';

/**
 * The SMS provider `SMS_PROVIDER` names. One instance per process serves both the notification worker and the
 * identity module's codes (sent directly, never through the queue). `echoToLog` lets the file provider print each
 * SMS (codes included) to the log: for the embedded demo only, where the log is how a person reads their codes.
 */
export function createSmsProvider(
  config: Pick<Config, 'dataDir' | 'notify'>,
  logger?: Logger,
  options: { echoToLog?: boolean } = {},
): SmsProvider {
  const sms = config.notify.sms;
  switch (sms.provider) {
    case 'smpp':
      return new SmppSmsProvider({ url: sms.url, sourceAddr: sms.sourceAddr, ...(logger ? { logger } : {}) });
    case 'http':
      return new HttpSmsProvider({ url: sms.url, auth: sms.auth, idField: sms.idField });
    case 'file':
      return new FileSmsProvider(smsOutboxPath(config.dataDir), options.echoToLog ? logger : undefined);
  }
}

/** SMTP when `SMTP_URL` is set, `.eml` files under `<DATA_DIR>/outbox/email/` otherwise. */
export function createEmailSender(config: Pick<Config, 'dataDir' | 'notify'>): EmailSender {
  const { url, from } = config.notify.smtp;
  if (url) return new SmtpEmailSender(url, from);
  return new FileEmailSender(join(config.dataDir, 'outbox', 'email'), from);
}
