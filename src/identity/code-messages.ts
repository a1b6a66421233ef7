import type { ChallengePurpose, CodeChannel } from './challenge.entity.js';
import { catalog, resolveLocale } from '../i18n/index.js';

export type CodeMessage = { kind: 'sms'; text: string } | { kind: 'email'; subject: string; text: string };

function text(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}

function localized(data: Record<string, unknown>, key: string, locale: string): string {
  const value = data[key];
  if (typeof value !== 'object' || value === null) return '';
  const byLocale = value as Record<string, unknown>;
  const chosen = byLocale[resolveLocale(locale)];
  return typeof chosen === 'string' ? chosen : '';
}

/**
 * The message that carries a code to one destination of a challenge, in the user's language. `data` is the
 * challenge's data (`locale`; for signing the request `number` and `summary`).
 */
export function renderCodeMessage(
  purpose: ChallengePurpose,
  destinationKey: string,
  channel: CodeChannel,
  code: string,
  data: Record<string, unknown>,
): CodeMessage {
  const locale = text(data, 'locale');
  const t = catalog(locale).codes;
  if (channel === 'email')
    return { kind: 'email', subject: t.emailChangeEmail.subject, text: t.emailChangeEmail.text(code) };
  switch (purpose) {
    case 'login':
      return { kind: 'sms', text: t.login(code) };
    case 'sign_request':
      return {
        kind: 'sms',
        text: t.signRequest(text(data, 'number'), localized(data, 'summary', locale), code),
      };
    case 'change_phone':
      return {
        kind: 'sms',
        text: destinationKey === 'new_phone' ? t.phoneChangeNew(code) : t.phoneChangeCurrent(code),
      };
    case 'change_email':
      return { kind: 'sms', text: t.emailChangeSms(code) };
    case 'change_password':
      return { kind: 'sms', text: t.passwordChange(code) };
    case 'link_telegram':
      return { kind: 'sms', text: t.telegramLink(code) };
    case 'enrol_totp':
      // The step-up of a first enrolment: an SMS code to the person's phone.
      return { kind: 'sms', text: t.totpEnrol(code) };
    default: {
      const exhaustive: never = purpose;
      throw new Error(`no code message for ${String(exhaustive)}`);
    }
  }
}

/**
 * The message to an inert destination (see `DestinationInput.inert`): today only an email change to an address
 * another account has, told to that address's owner. It carries no code.
 */
export function renderInertNotice(
  purpose: ChallengePurpose,
  data: Record<string, unknown>,
): { subject: string; text: string } {
  if (purpose !== 'change_email') throw new Error(`no address-in-use notice for ${purpose}`);
  return catalog(text(data, 'locale')).codes.emailInUse;
}
