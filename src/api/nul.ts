import type { FieldErrors } from '../workflow/domain/errors.js';

export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

/** The most fields one answer names; a body full of NULs gets a short answer. */
const MAX_FIELDS = 20;

/**
 * Field errors for every string (value or key) holding U+0000 in a parsed input, keyed by dotted path like the
 * schema errors (`payload.recipientName`, `items.0`). PostgreSQL refuses NUL in text and jsonb, so such input is
 * refused here, at the edge, as 400 instead of failing as a 500 in the database. Walks iteratively: a deeply
 * nested body cannot exhaust the stack.
 */
export function nulFieldErrors(input: unknown, errors: FieldErrors = {}): FieldErrors {
  const pending: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  let found = Object.keys(errors).length;
  while (pending.length > 0 && found < MAX_FIELDS) {
    const { value, path } = pending.pop() ?? { value: undefined, path: [] };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const key = path.length > 0 ? path.join('.') : '_form';
        const list = (errors[key] ??= []);
        if (!list.includes(NUL_MESSAGE)) list.push(NUL_MESSAGE);
        found += 1;
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, String(index)] }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const safeKey = key.replaceAll('\u0000', '\\u0000');
        if (key !== safeKey) {
          (errors[[...path, safeKey].join('.')] ??= []).push(NUL_MESSAGE);
          found += 1;
        }
        pending.push({ value: item, path: [...path, safeKey] });
      }
    }
  }
  return errors;
}
