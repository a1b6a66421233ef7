import type { Payload, RequestTypeDefinition } from '../../../src/workflow/domain/definition.js';
import { catalog, issueTexts } from '../../../src/i18n/index.js';
import { parsePayload } from '../../../src/workflow/domain/form.js';
import { SAMPLE_TODAY } from '../../support/sample-payloads.js';

/** Parses and expects success; returns the canonical payload. */
export function valid<P extends Payload>(
  definition: RequestTypeDefinition<P>,
  input: unknown,
  today = SAMPLE_TODAY,
): P {
  const result = parsePayload(definition, input, { today });
  if (!result.ok) throw new Error(`expected a valid form, got ${JSON.stringify(result.issues)}`);
  return result.payload;
}

/** Parses and expects failure; returns the issues keyed by field, in English words (the catalog's `en`). */
export function errorsOf(
  definition: RequestTypeDefinition,
  input: unknown,
  today = SAMPLE_TODAY,
): Record<string, string[]> {
  const result = parsePayload(definition, input, { today });
  if (result.ok) throw new Error(`expected errors, got a valid payload ${JSON.stringify(result.payload)}`);
  return issueTexts(catalog('en'), result.issues);
}

/** Digit runs of 10+ in the payload's strings (account and document numbers); ISINs are public, not counted. */
export function longNumbers(definition: RequestTypeDefinition, payload: Payload): string[] {
  const isins = new Set(definition.fields.filter((f) => f.kind === 'isin').map((f) => f.name));
  return Object.entries(payload).flatMap(([name, value]) =>
    typeof value === 'string' && !isins.has(name) ? (value.replace(/\s/g, '').match(/\d{10,}/g) ?? []) : [],
  );
}
