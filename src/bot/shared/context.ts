import type { Context } from 'grammy';
import type { Locale } from '../../workflow/domain/definition.js';
import type { Actor } from '../../workflow/domain/roles.js';
import type { CallbackAction } from './callback-data.js';
import type { Catalog } from '../../i18n/index.js';

/** The linked Kabinet user behind a Telegram account, as the bots see them. */
export interface LinkedPerson {
  actor: Actor;
  linkId: string;
  locale: Locale;
  /** The phone the user's codes go to (signing), if the user has one. */
  phone: string | null;
}

/** What every Kabinet bot adds to grammY's context. */
export interface KabinetFlavor {
  locale: Locale;
  t: Catalog;
  /** The linked user, or undefined for a stranger (or an unlinked one). */
  person: LinkedPerson | undefined;
  /** What the pressed inline button means, resolved on the server; undefined when it means nothing. */
  action: CallbackAction | undefined;
}

export type BotContext = Context & KabinetFlavor;
