/** The last four characters after an ellipsis ("…1234"): how accounts and documents appear in messages. */
export function maskTail(value: string): string {
  return `…${value.slice(-4)}`;
}

/** A free text cut to `max` characters with an ellipsis, on one line. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The text with its first letter in lower case, for a label inside a sentence ("Пополнение" → "пополнение"). */
export function lowerFirst(text: string, locale: 'ru' | 'en'): string {
  return text.charAt(0).toLocaleLowerCase(locale) + text.slice(1);
}
