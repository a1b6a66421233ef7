import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { DeliveryError, type EmailMessage, type EmailSender } from '../../messaging/channels.js';

interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

/** Mail over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@host:587`) through a small nodemailer pool. */
export class SmtpEmailSender implements EmailSender {
  readonly name = 'smtp';
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(url: string, from: string) {
    // The URL's own settings (host, port, auth, query options) win over these defaults.
    this.transport = nodemailer.createTransport(
      {
        url,
        pool: true,
        maxConnections: 3,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from },
    );
  }

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    let info: SMTPPool.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            }
          : {}),
      });
    } catch (error) {
      const failure = error as SmtpFailure;
      const status = failure.responseCode;
      // 5xx: the server refused for good (no such mailbox, policy); 4xx and connection trouble: try later.
      const permanent = status !== undefined && status >= 500 && status < 600;
      throw new DeliveryError(
        `smtp: ${status !== undefined ? `answered ${status}` : (failure.code ?? 'failed')}`,
        { permanent },
      );
    }
    if (info.rejected.length > 0) throw new DeliveryError('smtp: recipient rejected', { permanent: true });
    return { providerMessageId: info.messageId };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
