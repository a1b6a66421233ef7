import { escapeHtml as h, formatDateTime } from '../format.js';
import type {
  ExchangeAlertContext,
  LocaleTemplates,
  NoticeContext,
  SecurityContext,
} from '../notice-types.js';
import { roles as allRoles, status as statuses } from './common.js';

const msk = (d: Date): string => `${formatDateTime(d, 'en')} Moscow time`;

function card(headline: string, c: NoticeContext, extra: string[] = []): string {
  return [
    `<b>${h(headline)}</b>`,
    `Request ${h(c.number)} · ${h(c.typeTitle)}`,
    `Status: ${h(statuses[c.status])}`,
    h(c.summary),
    ...extra,
    `<a href="${h(c.link)}">Open in the cabinet</a>`,
  ].join('\n');
}

function letter(c: NoticeContext, lines: string[]): string {
  return [
    'Hello,',
    '',
    ...lines,
    '',
    `Request ${c.number} (${c.typeTitle}): ${c.summary}.`,
    `Status: ${statuses[c.status]}.`,
    `Details in your cabinet: ${c.link}`,
    '',
    'This message was sent automatically; there is no need to reply.',
  ].join('\n');
}

const task = (c: NoticeContext): string => c.taskTitle ?? 'task';
const role = (c: NoticeContext): string => (c.role ? allRoles[c.role] : '');

export const notify: LocaleTemplates = {
  strictTelegram: (c) =>
    `Request ${h(c.number)}: ${h(statuses[c.status])}.\n<a href="${h(c.link)}">Details in the cabinet</a>`,
  events: {
    request_submitted: {
      telegram: (c) => card('New request to review', c),
      email: (c) => ({
        subject: `New request ${c.number}`,
        text: letter(c, ['A client signed and submitted a request; it waits for review.']),
      }),
      sms: (c) => `New request ${c.number} waits for review`,
      inapp: (c) => ({
        title: `New request ${c.number}`,
        body: `${c.typeTitle}: ${c.summary}. Waits for review.`,
      }),
    },
    task_created: {
      telegram: (c) =>
        card(`New task: ${task(c)}`, c, [
          `Assigned to: ${h(role(c))}`,
          ...(c.dueAt ? [`Due: ${h(msk(c.dueAt))}`] : []),
        ]),
      email: (c) => ({
        subject: `Task on request ${c.number}`,
        text: letter(c, [`A new task "${task(c)}" (${role(c)}).`]),
      }),
      sms: (c) => `New task on request ${c.number}`,
      inapp: (c) => ({
        title: `Task on request ${c.number}`,
        body: `${task(c)} — ${role(c)}. ${c.typeTitle}: ${c.summary}.`,
      }),
    },
    task_overdue: {
      telegram: (c) =>
        card(`Task overdue: ${task(c)}`, c, [
          `Assigned to: ${h(role(c))}`,
          ...(c.dueAt ? [`Was due: ${h(msk(c.dueAt))}`] : []),
          ...(c.step && c.step > 1 ? [`Reminder ${c.step}`] : []),
        ]),
      email: (c) => ({
        subject: `Overdue task on request ${c.number}`,
        text: letter(c, [`The task "${task(c)}" (${role(c)}) is past its due time.`]),
      }),
      sms: (c) => `Overdue task on request ${c.number}`,
      inapp: (c) => ({
        title: `Overdue task on request ${c.number}`,
        body: `${task(c)} — ${role(c)}${c.dueAt ? `, due ${msk(c.dueAt)}` : ''}.`,
      }),
    },
    task_rejected: {
      telegram: (c) => card(`Task rejected: ${task(c)}`, c, ['The request is back with you for review.']),
      email: (c) => ({
        subject: `Task on request ${c.number} rejected`,
        text: letter(c, [
          `${role(c)} rejected the task "${task(c)}". The request is back with you for review.`,
          ...(c.reason ? [`Reason: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Task on request ${c.number} rejected`,
      inapp: (c) => ({
        title: `Task on request ${c.number} rejected`,
        body: `${task(c)} — ${role(c)}.${c.reason ? ` Reason: ${c.reason}` : ''}`,
      }),
    },
    request_returned: {
      telegram: (c) => card('Request returned for rework', c, ['Correct it in the cabinet or in the bot.']),
      email: (c) => ({
        subject: `Request ${c.number} returned for rework`,
        text: letter(c, [
          'Your manager returned the request for rework.',
          ...(c.reason ? [`What to correct: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Request ${c.number} returned for rework. Details in the cabinet.`,
      inapp: (c) => ({
        title: `Request ${c.number} returned for rework`,
        body: c.reason ? `What to correct: ${c.reason}` : `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_rejected: {
      telegram: (c) => card('Request rejected', c),
      email: (c) => ({
        subject: `Request ${c.number} rejected`,
        text: letter(c, [
          'We are sorry: your request was rejected.',
          ...(c.reason ? [`Reason: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Request ${c.number} rejected. Details in the cabinet.`,
      inapp: (c) => ({
        title: `Request ${c.number} rejected`,
        body: c.reason ? `Reason: ${c.reason}` : `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_cancelled: {
      telegram: (c) => card('The client cancelled a request', c),
      email: (c) => ({
        subject: `Request ${c.number} cancelled by the client`,
        text: letter(c, ['The client cancelled the request; work on it can stop.']),
      }),
      sms: (c) => `Request ${c.number} cancelled by the client`,
      inapp: (c) => ({
        title: `Request ${c.number} cancelled by the client`,
        body: `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_completed: {
      telegram: (c) => card('Request completed', c),
      email: (c) => ({
        subject: `Request ${c.number} completed`,
        text: letter(c, ['Your request has been completed.']),
      }),
      sms: (c) => `Request ${c.number} completed.`,
      inapp: (c) => ({
        title: `Request ${c.number} completed`,
        body: `${c.typeTitle}: ${c.summary}.`,
      }),
    },
  },
  exchangeAlert: {
    telegram: (c) =>
      [
        `<b>${c.reason === 'refused' ? 'The back office refused an export' : 'The back office has not answered an export'}</b>`,
        `${h(exportWhat(c))}, attempt ${String(c.attempt)}`,
        ...(c.message ? [`Answer: ${h(c.message)}`] : []),
        c.reason === 'refused'
          ? 'Fix the data and export it again.'
          : 'Check whether the back office picked the file up; export it again if needed.',
        `<a href="${h(c.link)}">Back-office exchange</a>`,
      ].join('\n'),
    inapp: (c) => ({
      title:
        c.reason === 'refused' ? 'The back office refused an export' : 'An export waits for the back office',
      body: `${exportWhat(c)}, attempt ${String(c.attempt)}${c.message ? `: ${c.message}` : ''}`,
    }),
  },
  security: {
    phone_changed: securityNotice('The phone number for logins and confirmations was changed'),
    email_changed: securityNotice('The email address of your cabinet was changed'),
    password_changed: securityNotice('The password of your cabinet was changed'),
    totp_enrolled: securityNotice('An authenticator app was set up for logging in to your cabinet'),
    totp_replaced: securityNotice('The authenticator app for logging in to your cabinet was changed'),
    totp_reset: securityNotice(
      'An administrator removed the authenticator app of your cabinet; logins ask for an SMS code again',
    ),
    password_reset: securityNotice(
      'An administrator issued a new temporary password for your cabinet; every earlier sign-in was ended',
    ),
    telegram_linked: telegramLinkedNotice(),
  },
};

function telegramLinkedNotice() {
  const what = (c: SecurityContext) =>
    `A Telegram account ${c.telegram?.account ?? ''} was linked to your cabinet`;
  return {
    email: (c: SecurityContext) => ({
      subject: 'Kabinet: a Telegram account was linked to your cabinet',
      text: [
        'Hello,',
        '',
        `${what(c)} (${msk(c.at)}). From it, requests can be filed and signed with codes sent to your phone.`,
        ...(c.telegram?.undoUrl
          ? [
              'If it was not you, unlink it at once with this one-time link (valid 7 days):',
              c.telegram.undoUrl,
              'then change your password in the cabinet and call us.',
            ]
          : [
              'If it was not you, call us at once, or log in to the cabinet and change your password:',
              c.link,
            ]),
        'You can also unlink it yourself: /unlink in the bot.',
        '',
        'This message was sent automatically; there is no need to reply.',
      ].join('\n'),
    }),
    sms: () => 'Kabinet: a Telegram account was linked to your cabinet. If it was not you, call us at once.',
  };
}

function securityNotice(what: string) {
  return {
    email: (c: SecurityContext) => ({
      subject: `Kabinet: ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
      text: [
        'Hello,',
        '',
        `${what} (${msk(c.at)}).`,
        'If it was not you, call us at once, or log in to the cabinet and change your password:',
        c.link,
        '',
        'This message was sent automatically; there is no need to reply.',
      ].join('\n'),
    }),
    sms: () => `Kabinet: ${what}. If it was not you, call us at once.`,
  };
}

function exportWhat(c: ExchangeAlertContext): string {
  if (c.kind === 'client_created') return 'New client';
  const event = c.kind === 'request_completed' ? 'completion' : 'acceptance';
  return `Request No. ${c.number ?? '—'} (${event})`;
}
