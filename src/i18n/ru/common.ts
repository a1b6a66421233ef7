import type { ErrorCode } from '../../errors.js';
import type { StaffRole } from '../../workflow/domain/roles.js';
import type { RequestStatus, TaskStatus } from '../../workflow/domain/status.js';

/*
 * The words every audience shares, once: request and task statuses, role names, and what each error code means to
 * a person. The bots, notifications, code messages and the web cabinet all read these.
 */

export const errors: Record<ErrorCode, string> = {
  validation_failed: 'Проверьте данные: что-то заполнено неверно.',
  unauthorized: 'Сначала привяжите Telegram к Кабинету.',
  forbidden: 'Это действие вам недоступно.',
  password_change_required: 'Сначала задайте новый пароль в веб-кабинете.',
  authenticator_required: 'Сначала подключите приложение-аутентификатор в профиле веб-кабинета.',
  cross_site_request: 'Запрос пришёл не из Кабинета и не принят. Откройте Кабинет и повторите действие.',
  not_found: 'Не нашли: возможно, это уже удалено или недоступно вам.',
  invalid_transition: 'Сейчас это сделать нельзя: статус уже изменился.',
  conflict: 'Кто-то изменил это одновременно с вами. Обновите и попробуйте ещё раз.',
  code_invalid: 'Код неверный или больше не действует.',
  throttled: 'Слишком часто. Подождите немного и попробуйте снова.',
  unavailable: 'Сервис временно недоступен. Попробуйте позже.',
  malformed_request: 'Запрос не разобран.',
  method_not_allowed: 'Так нельзя.',
  payload_too_large: 'Слишком большой объём данных.',
  unsupported_media_type: 'Такой формат не поддерживается.',
  internal: 'Что-то пошло не так. Мы уже разбираемся; попробуйте ещё раз чуть позже.',
};

export const status: Record<RequestStatus, string> = {
  draft: 'черновик',
  awaiting_signature: 'ждёт подписи',
  submitted: 'подписана, ждёт менеджера',
  in_review: 'на рассмотрении',
  in_progress: 'в работе',
  returned: 'возвращена на доработку',
  rejected: 'отклонена',
  cancelled: 'отменена',
  completed: 'исполнена',
};

export const taskStatus: Record<TaskStatus, string> = {
  open: 'ожидает исполнителя',
  claimed: 'в работе',
  done: 'выполнено',
  rejected: 'отклонено',
  cancelled: 'снято',
};

export const roles: Record<StaffRole, string> = {
  client_manager: 'Клиентский менеджер',
  back_office: 'Бэк-офис',
  fin_monitoring: 'Финансовый мониторинг',
  brokerage: 'Брокерский отдел',
  depositary: 'Депозитарный отдел',
  trust_management: 'Доверительное управление',
  accountant: 'Бухгалтерия',
  admin: 'Администратор',
};
