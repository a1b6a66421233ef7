/** The catalog's words as a label or the start of a line: "ожидает исполнителя" → "Ожидает исполнителя". */
export function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
