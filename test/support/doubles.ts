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
  sentTo(phone: string): string[] {
    return this.sent.filter((m) => m.to === phone).map((m) => m.text);
  }
  /** The last message to a phone. */
  last(to: string): SmsMessage & { id: string } {
    const found = [...this.sent].reverse().find((m) => m.to === to);
    if (!found) throw new Error(`no SMS to ${to}`);
    return found;
  }
  /** The newest code sent to a phone, as its owner reads it: a notice that came after the code (say, "your
   *  e-mail was changed", relayed a moment later) does not hide it. */
  code(to: string): string {
    this.last(to);
    const code = [...this.sent]
      .reverse()
      .filter((m) => m.to === to)
      .map((m) => codeIn(m.text))
      .find((found) => found !== undefined);
    if (!code) throw new Error(`no code in an SMS to ${to}`);
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
