/** How a failed attempt may go on (notify/retry-policy.ts decides when). */
export type FailureKind =
  /** May work later; spends an attempt. `retryAfterMs`: the provider asked to wait at least that long. */
  | { kind: 'transient'; retryAfterMs?: number | undefined }
  /** The provider asked to wait `retryAfterMs` (Telegram 429): not the message's fault, no attempt spent. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** The recipient moved (a group became a supergroup): retry at once, no attempt spent. */
  | { kind: 'redirected' }
  /** Will never work (a blocked bot, a rejected address, a notice that cannot be built). */
  | { kind: 'permanent' };

/** One interface per channel (STYLE example 8). Providers throw DeliveryError on a failed attempt. */

export interface SmsMessage {
  /** E.164 phone, `+79990000001`. */
  to: string;
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Sends one SMS; resolves with the provider's message id once the provider accepted it. */
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
  /**
   * The texts sent to a phone, oldest first — only for providers whose messages stay readable here (the embedded
   * mode's outbox file, the tests' recorder): the Telegram sandbox's "phone" shows them. Real gateways have none.
   */
  sentTo?(phone: string): string[];
  close?(): Promise<void>;
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Files sent along (a questionnaire's PDF to the client managers). */
  attachments?: readonly EmailAttachment[];
}

export interface EmailSender {
  readonly name: string;
  send(message: EmailMessage): Promise<{ providerMessageId: string }>;
  close?(): Promise<void>;
}

/**
 * A failed delivery attempt. `permanent` stops retries (a blocked bot, a rejected number); `retryAfterMs`
 * asks the queue to wait at least that long (Telegram 429).
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;
  /**
   * A stable reason the worker acts on: `recipient_blocked` (Telegram 403: the link is marked blocked),
   * `rate_limited` (Telegram 429: waits without spending an attempt), `chat_migrated` (a group became a
   * supergroup: `migrateToChatId` is the new id).
   */
  readonly code: string | undefined;
  readonly migrateToChatId: string | undefined;
  constructor(
    message: string,
    options: { permanent?: boolean; retryAfterMs?: number; code?: string; migrateToChatId?: string } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
    this.migrateToChatId = options.migrateToChatId;
  }
}

/**
 * How a failed attempt counts for the retry policy, from what the channel said: its `code` first (a wait that
 * spends no attempt), then `permanent` and `retryAfterMs`. Anything but a DeliveryError is a bug or the database:
 * transient.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof DeliveryError)) return { kind: 'transient' };
  if (error.code === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: error.retryAfterMs ?? 0 };
  if (error.code === 'chat_migrated') return { kind: 'redirected' };
  if (error.permanent) return { kind: 'permanent' };
  return { kind: 'transient', retryAfterMs: error.retryAfterMs };
}
