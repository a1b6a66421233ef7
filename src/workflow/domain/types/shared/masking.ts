/** The last four characters after an ellipsis ("…1234"): how accounts and documents appear in messages. */
export function maskTail(value: string): string {
  return `…${value.slice(-4)}`;
}

/** A free text cut to `max` characters with an ellipsis, on one line. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** A label inside a sentence: first letter in lower case ("Пополнение" → "пополнение"), acronyms kept ("FX market"). */
export function lowerFirst(text: string, locale: 'ru' | 'en'): string {
  if (/^\p{Lu}\p{Lu}/u.test(text)) return text;
  return text.charAt(0).toLocaleLowerCase(locale) + text.slice(1);
}
