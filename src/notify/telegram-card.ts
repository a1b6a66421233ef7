import type { Em } from '../db/orm.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import type { Locale } from '../workflow/domain/definition.js';
import type { TaskRole } from '../workflow/domain/roles.js';
import type { ReplyMarkup } from './channels/telegram.js';

/** A Telegram notice about to be sent: what a renderer may use to add buttons (ids only, and the text). */
export interface TelegramCard {
  deliveryId: string;
  topic: string;
  requestId: string | null;
  /** The role chat's role, or the task's role for task notices. */
  role: TaskRole | null;
  taskKey: string | null;
  recipient: 'role_chat' | 'dm';
  bot: TelegramBot;
  locale: Locale;
  strict: boolean;
  /** The template's text, HTML, already escaped. */
  text: string;
}

export interface RenderedCard {
  text: string;
  replyMarkup?: ReplyMarkup;
}

/**
 * The seam the bots module plugs into: it turns a notice into a card with inline buttons (Take / Done /
 * Reject / Open) and may remember where the card went (to edit it later), inside the transaction that records
 * the delivery as sent. The default sends the template's text as it is.
 */
export interface TelegramCardRenderer {
  render(card: TelegramCard, em: Em): Promise<RenderedCard>;
  sent?(card: TelegramCard, message: { chatId: string; messageId: number }, em: Em): Promise<void>;
}

export const plainCardRenderer: TelegramCardRenderer = {
  render: async (card) => ({ text: card.text }),
};
