/** `%`, `_` and `\` match themselves in a LIKE pattern (the user's search text, taken literally). */
export const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
