import type { TelegramBot } from '../../telegram/telegram-link.entity.js';

/**
 * The cabinet's address inside Telegram (docs/0026): `MINI_APP_URL` + a path, with `tgBot` naming the bot whose
 * token signs the launch data, so the cabinet knows which bot's session to ask for.
 */
export function miniAppLink(base: string, path: string, bot: TelegramBot): string {
  const url = new URL(path, `${base.replace(/\/+$/, '')}/`);
  url.searchParams.set('tgBot', bot);
  return url.toString();
}
