import type { EmailMessage, EmailSender, SmsMessage, SmsProvider } from '../../src/messaging/channels.js';
import { codeIn } from './demo.js';

/** An SMS provider that remembers what it sent (the file provider is tested on its own against the disk). */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: (SmsMessage & { id: string })[] = [];
  private counter = 0;
  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    this.counter += 1;
    const id = `sms-${this.counter}`;
    this.sent.push({ ...message, id });
    return { providerMessageId: id };
  }
  /** The last message to a phone. */
  last(to: string): SmsMessage & { id: string } {
    const found = [...this.sent].reverse().find((m) => m.to === to);
    if (!found) throw new Error(`no SMS to ${to}`);
    return found;
  }
  /** The code in the last message to a phone. */
  code(to: string): string {
    const code = codeIn(this.last(to).text);
    if (!code) throw new Error(`no code in the last SMS to ${to}`);
    return code;
  }
}

export class RecordingEmail implements EmailSender {
  readonly name = 'recording';
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    this.sent.push(message);
    return { providerMessageId: `email-${this.sent.length}` };
  }
  /** The code in the last e-mail to an address. */
  code(to: string): string {
    const found = [...this.sent].reverse().find((m) => m.to === to);
    const code = found ? codeIn(found.text) : undefined;
    if (!code) throw new Error(`no code in an email to ${to}`);
    return code;
  }
}

/** Real time plus an offset that tests move forward: expiry and idle timeouts without sleeping. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
