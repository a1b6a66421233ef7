import type { TaskRole } from '../workflow/domain/roles.js';
import type { RequestStatus } from '../workflow/domain/status.js';

/** Topics that reach people. `signature_required` is not one: identity sends the code SMS itself. */
export const NOTICE_TOPICS = [
  'request_submitted',
  'task_created',
  'task_overdue',
  'task_rejected',
  'request_returned',
  'request_rejected',
  'request_cancelled',
  'request_completed',
] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

export const SECURITY_KINDS = [
  'phone_changed',
  'email_changed',
  'password_changed',
  'totp_enrolled',
  'totp_replaced',
  'totp_reset',
  'password_reset',
  'telegram_linked',
] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];

/**
 * What a request notice may say, resolved at delivery time in the recipient's language. `summary` comes from
 * the type definition and is already lean (accounts masked to the last 4, no document numbers).
 */
export interface NoticeContext {
  number: string;
  typeTitle: string;
  status: RequestStatus;
  summary: string;
  /** The cabinet page of the request. */
  link: string;
  role?: TaskRole;
  taskTitle?: string;
  dueAt?: Date;
  /** SLA escalation step, 1 for the first breach. */
  step?: number;
  /** The staff's reason for a return or rejection: email and in-app only, never Telegram or SMS. */
  reason?: string;
}

export interface SecurityContext {
  kind: SecurityKind;
  at: Date;
  /** The cabinet's address, for "if it was not you". */
  link: string;
  /** `telegram_linked`: the account linked (`@username (id …)`) and, in the e-mail, its one-time undo link. */
  telegram?: { account: string; undoUrl: string | null };
}

/** An export the back office has not answered in time, or refused (docs/0023): for the back office's people. */
export interface ExchangeAlertContext {
  reason: 'unanswered' | 'refused';
  /** `request_accepted`, `request_completed`, `client_created`. */
  kind: string;
  /** The request's number, or null for a client's record. */
  number: string | null;
  attempt: number;
  /** The back office's message for a refusal (role chat and in-app are staff-only). */
  message: string | null;
  /** The administrator's exchange page. */
  link: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

export interface RenderedInApp {
  title: string;
  body: string;
}

/** One event's texts per channel. Telegram texts are HTML (`parse_mode: HTML`), already escaped. */
export interface EventTemplates {
  telegram(c: NoticeContext): string;
  email(c: NoticeContext): RenderedEmail;
  sms(c: NoticeContext): string;
  inapp(c: NoticeContext): RenderedInApp;
}

export interface LocaleTemplates {
  events: Readonly<Record<NoticeTopic, EventTemplates>>;
  /** 149-FZ strict mode: number, status and the cabinet link, nothing else. */
  strictTelegram(c: NoticeContext): string;
  security: Readonly<
    Record<SecurityKind, { email(c: SecurityContext): RenderedEmail; sms(c: SecurityContext): string }>
  >;
  exchangeAlert: { telegram(c: ExchangeAlertContext): string; inapp(c: ExchangeAlertContext): RenderedInApp };
}
