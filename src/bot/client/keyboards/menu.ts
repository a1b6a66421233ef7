import { miniAppLink } from '../../shared/mini-app.js';
import { InlineKeyboard, Keyboard } from 'grammy';
import type { CallbackRegistry } from '../../shared/callback-data.js';
import type { Catalog } from '../../../i18n/index.js';

/** The main menu under every "what next" message. */
export function menuKeyboard(t: Catalog, callbacks: CallbackRegistry, miniAppUrl?: string): InlineKeyboard {
  const keyboard = miniAppUrl
    ? new InlineKeyboard().webApp(t.client.menu.cabinet, miniAppLink(miniAppUrl, '/requests', 'client')).row()
    : new InlineKeyboard();
  return keyboard
    .text(t.client.menu.new, callbacks.fixed('menu.new'))
    .row()
    .text(t.client.menu.requests, callbacks.fixed('menu.requests'))
    .text(t.client.menu.drafts, callbacks.fixed('menu.drafts'))
    .row()
    .text(t.client.menu.notifications, callbacks.fixed('menu.notifications'))
    .text(t.client.menu.language, callbacks.fixed('menu.language'))
    .row()
    .text(t.client.menu.help, callbacks.fixed('menu.help'));
}

/** Turn the Telegram pushes on or off (email and in-app notices are not affected). */
export function notificationsKeyboard(t: Catalog, callbacks: CallbackRegistry, on: boolean): InlineKeyboard {
  return new InlineKeyboard().text(
    on ? t.client.notifications.turnOff : t.client.notifications.turnOn,
    callbacks.fixed(on ? 'notify.off' : 'notify.on'),
  );
}

/** The one-button keyboard that shares the person's own phone number (Telegram fills it in). */
export function shareContactKeyboard(t: Catalog): Keyboard {
  return new Keyboard().requestContact(t.client.link.shareContactButton).resized().oneTime();
}

export function languageKeyboard(t: Catalog, callbacks: CallbackRegistry): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.client.language.ru, callbacks.fixed('lang.ru'))
    .text(t.client.language.en, callbacks.fixed('lang.en'));
}

export function unlinkKeyboard(t: Catalog, callbacks: CallbackRegistry): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.client.unlink.confirmButton, callbacks.fixed('unlink.confirm'))
    .text(t.client.unlink.keepButton, callbacks.fixed('unlink.keep'));
}
