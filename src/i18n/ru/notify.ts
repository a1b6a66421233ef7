import { escapeHtml as h, formatDateTime } from '../format.js';
import type {
  ExchangeAlertContext,
  LocaleTemplates,
  NoticeContext,
  SecurityContext,
} from '../notice-types.js';
import { roles as allRoles, status as statuses } from './common.js';

const msk = (d: Date): string => `${formatDateTime(d, 'ru')} МСК`;

/** The common body of a Telegram card: number, type, status, summary, link. */
function card(headline: string, c: NoticeContext, extra: string[] = []): string {
  return [
    `<b>${h(headline)}</b>`,
    `Заявка № ${h(c.number)} · ${h(c.typeTitle)}`,
    `Статус: ${h(statuses[c.status])}`,
    h(c.summary),
    ...extra,
    `<a href="${h(c.link)}">Открыть в кабинете</a>`,
  ].join('\n');
}

function letter(c: NoticeContext, lines: string[]): string {
  return [
    'Здравствуйте!',
    '',
    ...lines,
    '',
    `Заявка № ${c.number} (${c.typeTitle}): ${c.summary}.`,
    `Статус: ${statuses[c.status]}.`,
    `Подробности в личном кабинете: ${c.link}`,
    '',
    'Это автоматическое сообщение, отвечать на него не нужно.',
  ].join('\n');
}

const task = (c: NoticeContext): string => c.taskTitle ?? 'задача';
const role = (c: NoticeContext): string => (c.role ? allRoles[c.role] : '');

export const notify: LocaleTemplates = {
  strictTelegram: (c) =>
    `Заявка № ${h(c.number)}: ${h(statuses[c.status])}.\n<a href="${h(c.link)}">Подробности в кабинете</a>`,
  events: {
    request_submitted: {
      telegram: (c) => card('Новая заявка на рассмотрение', c),
      email: (c) => ({
        subject: `Новая заявка № ${c.number}`,
        text: letter(c, ['Клиент подписал и подал заявку, она ждёт рассмотрения.']),
      }),
      sms: (c) => `Новая заявка № ${c.number} ждёт рассмотрения`,
      inapp: (c) => ({
        title: `Новая заявка № ${c.number}`,
        body: `${c.typeTitle}: ${c.summary}. Ждёт рассмотрения.`,
      }),
    },
    task_created: {
      telegram: (c) =>
        card(`Новая задача: ${task(c)}`, c, [
          `Исполнитель: ${h(role(c))}`,
          ...(c.dueAt ? [`Срок: ${h(msk(c.dueAt))}`] : []),
        ]),
      email: (c) => ({
        subject: `Задача по заявке № ${c.number}`,
        text: letter(c, [`Новая задача «${task(c)}» (${role(c)}).`]),
      }),
      sms: (c) => `Новая задача по заявке № ${c.number}`,
      inapp: (c) => ({
        title: `Задача по заявке № ${c.number}`,
        body: `${task(c)} — ${role(c)}. ${c.typeTitle}: ${c.summary}.`,
      }),
    },
    task_overdue: {
      telegram: (c) =>
        card(`Просрочена задача: ${task(c)}`, c, [
          `Исполнитель: ${h(role(c))}`,
          ...(c.dueAt ? [`Срок истёк: ${h(msk(c.dueAt))}`] : []),
          ...(c.step && c.step > 1 ? [`Напоминание № ${c.step}`] : []),
        ]),
      email: (c) => ({
        subject: `Просрочена задача по заявке № ${c.number}`,
        text: letter(c, [`Задача «${task(c)}» (${role(c)}) не выполнена в срок.`]),
      }),
      sms: (c) => `Просрочена задача по заявке № ${c.number}`,
      inapp: (c) => ({
        title: `Просрочена задача по заявке № ${c.number}`,
        body: `${task(c)} — ${role(c)}${c.dueAt ? `, срок ${msk(c.dueAt)}` : ''}.`,
      }),
    },
    task_rejected: {
      telegram: (c) => card(`Задача отклонена: ${task(c)}`, c, ['Заявка вернулась к вам на рассмотрение.']),
      email: (c) => ({
        subject: `Задача по заявке № ${c.number} отклонена`,
        text: letter(c, [
          `${role(c)} отклонил(а) задачу «${task(c)}». Заявка вернулась к вам на рассмотрение.`,
          ...(c.reason ? [`Причина: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Задача по заявке № ${c.number} отклонена`,
      inapp: (c) => ({
        title: `Задача по заявке № ${c.number} отклонена`,
        body: `${task(c)} — ${role(c)}.${c.reason ? ` Причина: ${c.reason}` : ''}`,
      }),
    },
    request_returned: {
      telegram: (c) => card('Заявка возвращена на доработку', c, ['Исправьте её в кабинете или в боте.']),
      email: (c) => ({
        subject: `Заявка № ${c.number} возвращена на доработку`,
        text: letter(c, [
          'Менеджер вернул вашу заявку на доработку.',
          ...(c.reason ? [`Что исправить: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Заявка № ${c.number} возвращена на доработку. Подробности в кабинете.`,
      inapp: (c) => ({
        title: `Заявка № ${c.number} возвращена на доработку`,
        body: c.reason ? `Что исправить: ${c.reason}` : `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_rejected: {
      telegram: (c) => card('Заявка отклонена', c),
      email: (c) => ({
        subject: `Заявка № ${c.number} отклонена`,
        text: letter(c, [
          'К сожалению, ваша заявка отклонена.',
          ...(c.reason ? [`Причина: ${c.reason}`] : []),
        ]),
      }),
      sms: (c) => `Заявка № ${c.number} отклонена. Подробности в кабинете.`,
      inapp: (c) => ({
        title: `Заявка № ${c.number} отклонена`,
        body: c.reason ? `Причина: ${c.reason}` : `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_cancelled: {
      telegram: (c) => card('Клиент отменил заявку', c),
      email: (c) => ({
        subject: `Заявка № ${c.number} отменена клиентом`,
        text: letter(c, ['Клиент отменил заявку; работу по ней можно прекратить.']),
      }),
      sms: (c) => `Заявка № ${c.number} отменена клиентом`,
      inapp: (c) => ({
        title: `Заявка № ${c.number} отменена клиентом`,
        body: `${c.typeTitle}: ${c.summary}.`,
      }),
    },
    request_completed: {
      telegram: (c) => card('Заявка исполнена', c),
      email: (c) => ({
        subject: `Заявка № ${c.number} исполнена`,
        text: letter(c, ['Ваша заявка исполнена.']),
      }),
      sms: (c) => `Заявка № ${c.number} исполнена.`,
      inapp: (c) => ({
        title: `Заявка № ${c.number} исполнена`,
        body: `${c.typeTitle}: ${c.summary}.`,
      }),
    },
  },
  exchangeAlert: {
    telegram: (c) =>
      [
        `<b>${c.reason === 'refused' ? 'Бэк-офис отклонил выгрузку' : 'Бэк-офис не ответил на выгрузку'}</b>`,
        `${h(exportWhat(c))}, попытка ${String(c.attempt)}`,
        ...(c.message ? [`Ответ: ${h(c.message)}`] : []),
        c.reason === 'refused'
          ? 'Исправьте данные и выгрузите снова.'
          : 'Проверьте, забрал ли бэк-офис файл, и при необходимости выгрузите снова.',
        `<a href="${h(c.link)}">Обмен с бэк-офисом</a>`,
      ].join('\n'),
    inapp: (c) => ({
      title: c.reason === 'refused' ? 'Бэк-офис отклонил выгрузку' : 'Выгрузка ждёт ответа бэк-офиса',
      body: `${exportWhat(c)}, попытка ${String(c.attempt)}${c.message ? `: ${c.message}` : ''}`,
    }),
  },
  security: {
    phone_changed: securityNotice('Номер телефона для входа и подтверждений изменён'),
    email_changed: securityNotice('Адрес электронной почты в кабинете изменён'),
    password_changed: securityNotice('Пароль от кабинета изменён'),
    totp_enrolled: securityNotice('Для входа в кабинет подключено приложение-аутентификатор'),
    totp_replaced: securityNotice('Приложение-аутентификатор для входа в кабинет заменено'),
    totp_reset: securityNotice(
      'Администратор отключил приложение-аутентификатор вашего кабинета; для входа снова нужен код из SMS',
    ),
    password_reset: securityNotice(
      'Администратор выдал новый временный пароль от вашего кабинета; все прежние входы завершены',
    ),
    telegram_linked: telegramLinkedNotice(),
  },
};

function telegramLinkedNotice() {
  const what = (c: SecurityContext) =>
    `К вашему кабинету привязан аккаунт Telegram ${c.telegram?.account ?? ''}`;
  return {
    email: (c: SecurityContext) => ({
      subject: 'Kabinet: к кабинету привязан аккаунт Telegram',
      text: [
        'Здравствуйте!',
        '',
        `${what(c)} (${msk(c.at)}). Из него можно подавать заявки и подписывать их кодами из SMS на ваш телефон.`,
        ...(c.telegram?.undoUrl
          ? [
              'Если это сделали не вы, сразу отвяжите его по этой одноразовой ссылке (действует 7 дней):',
              c.telegram.undoUrl,
              'затем смените пароль в кабинете и позвоните нам.',
            ]
          : ['Если это сделали не вы, срочно позвоните нам или войдите в кабинет и смените пароль:', c.link]),
        'Отвязать Telegram можно и в самом боте: команда /unlink.',
        '',
        'Это автоматическое сообщение, отвечать на него не нужно.',
      ].join('\n'),
    }),
    sms: () => 'Kabinet: к кабинету привязан аккаунт Telegram. Если это не вы, срочно позвоните нам.',
  };
}

function securityNotice(what: string) {
  return {
    email: (c: SecurityContext) => ({
      subject: `Kabinet: ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
      text: [
        'Здравствуйте!',
        '',
        `${what} (${msk(c.at)}).`,
        'Если это сделали не вы, срочно позвоните нам или войдите в кабинет и смените пароль:',
        c.link,
        '',
        'Это автоматическое сообщение, отвечать на него не нужно.',
      ].join('\n'),
    }),
    sms: () => `Kabinet: ${what}. Если это не вы, срочно позвоните нам.`,
  };
}

function exportWhat(c: ExchangeAlertContext): string {
  if (c.kind === 'client_created') return 'Новый клиент';
  const event = c.kind === 'request_completed' ? 'исполнение' : 'принятие';
  return `Заявка № ${c.number ?? '—'} (${event})`;
}
