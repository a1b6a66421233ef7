import { InlineKeyboard } from 'grammy';

/** The keyboard without empty rows (a `.row()` after the last button of a list leaves one). */
export function withoutEmptyRows(keyboard: InlineKeyboard): InlineKeyboard {
  return new InlineKeyboard(keyboard.inline_keyboard.filter((row) => row.length > 0));
}
