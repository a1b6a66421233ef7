import { z } from 'zod';
import type { FieldDef, Payload, RequestTypeDefinition } from './definition.js';
import type { FieldErrors } from './errors.js';
import { assertIsoDate, readHumanDate } from './validation/dates.js';
import { REQUIRED_MESSAGE } from './validation/messages.js';
import { isPlainObject } from './validation/plain-object.js';

/** Stable JSON for payload hashing; one implementation shared with the journal. */
export { canonicalJson } from './canonical-json.js';

/** The key under which errors that belong to no single field are reported. */
export const FORM_ERROR_KEY = '_form';

/** What parsing needs from outside the pure core: the current date (YYYY-MM-DD, in the company's time zone). */
export interface ParseContext {
  today: string;
}

export type ParsePayloadResult<P extends Payload> =
  { ok: true; payload: P } | { ok: false; fieldErrors: FieldErrors };

export type ParseFieldResult = { ok: true; value: unknown } | { ok: false; message: string };

/** A missing value reads "This field is required" whatever the field's type. */
function requiredWhenMissing(issue: z.core.$ZodRawIssue): string | undefined {
  const missingCodes = ['invalid_type', 'invalid_value'];
  return issue.input === undefined && missingCodes.includes(issue.code) ? REQUIRED_MESSAGE : undefined;
}

function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  const add = (key: string, message: string): void => {
    const list = (errors[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    const [first] = issue.path;
    add(first === undefined ? FORM_ERROR_KEY : String(first), issue.message);
  }
  return errors;
}

/**
 * Validates a whole form: the type's schema (shapes, formats, cross-field rules), then its rules relative to
 * `today`. The payload it returns is canonical (trimmed, amounts with 2 places) and is what gets stored and
 * signed. Errors are keyed by field name, with "_form" for the form as a whole.
 */
export function parsePayload<P extends Payload>(
  definition: RequestTypeDefinition<P>,
  input: unknown,
  context: ParseContext,
): ParsePayloadResult<P> {
  assertIsoDate(context.today);
  if (!isPlainObject(input)) {
    return { ok: false, fieldErrors: { [FORM_ERROR_KEY]: ['the form must be an object of fields'] } };
  }
  const result = definition.schema.safeParse(input, { error: requiredWhenMissing });
  if (!result.success) return { ok: false, fieldErrors: toFieldErrors(result.error) };
  const dated = definition.validateAt?.(result.data, context.today) ?? {};
  if (Object.keys(dated).length > 0) return { ok: false, fieldErrors: dated };
  return { ok: true, payload: result.data };
}

/** The fields still to be asked, in form order, given the answers so far (conditional ones only when they apply). */
export function applicableFields(definition: RequestTypeDefinition, answers: Payload): FieldDef[] {
  return definition.fields.filter((field) => field.when?.(answers) ?? true);
}

function findOption(field: FieldDef, text: string): string | undefined {
  const wanted = text.toLocaleLowerCase('ru');
  const option = field.options?.find(
    (o) =>
      o.value.toLocaleLowerCase('ru') === wanted ||
      o.label.ru.toLocaleLowerCase('ru') === wanted ||
      o.label.en.toLocaleLowerCase('ru') === wanted,
  );
  return option?.value;
}

/** Turns a typed answer into the value the field's schema expects (numbers, ISO dates, option values). */
function coerce(field: FieldDef, text: string): ParseFieldResult {
  switch (field.kind) {
    case 'enum': {
      const value = findOption(field, text);
      const values = (field.options ?? []).map((o) => o.value).join(', ');
      return value === undefined ? { ok: false, message: `choose one of: ${values}` } : { ok: true, value };
    }
    case 'integer':
    case 'year': {
      const digits = text.replace(/[\s\u00a0\u202f]/g, '');
      return /^\d+$/.test(digits)
        ? { ok: true, value: Number(digits) }
        : { ok: false, message: 'must be a whole number' };
    }
    case 'date':
      return { ok: true, value: readHumanDate(text) ?? text };
    default:
      return { ok: true, value: text };
  }
}

/**
 * Checks one typed answer (a bot conversation step): trims it, accepts an enum option by its value or label,
 * reads whole numbers and dates written "31.12.2025", then applies the field's own schema. An empty answer is
 * `undefined` for an optional field and "This field is required" otherwise. Rules across fields and relative
 * to today are checked by `parsePayload` once the form is complete.
 */
export function parseField(field: FieldDef, rawText: string): ParseFieldResult {
  const text = rawText.trim();
  if (text === '')
    return field.optional ? { ok: true, value: undefined } : { ok: false, message: REQUIRED_MESSAGE };
  const coerced = coerce(field, text);
  if (!coerced.ok) return coerced;
  const result = field.schema.safeParse(coerced.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? 'invalid value' };
}

/**
 * A JSON Schema (2020-12) of the form for clients of the API: each field's input schema with its English label
 * as `title` and its kind as `x-kind`; fields that are always required are listed in `required`. Conditional
 * fields (`when`) are optional here; `parsePayload` enforces them.
 */
export function formJsonSchema(definition: RequestTypeDefinition): Record<string, unknown> {
  const properties = Object.fromEntries(
    definition.fields.map((field) => {
      const { $schema: _dialect, ...schema } = z.toJSONSchema(field.schema, {
        io: 'input',
        unrepresentable: 'any',
      });
      return [field.name, { ...schema, title: field.label.en, 'x-kind': field.kind }];
    }),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: definition.title.en,
    type: 'object',
    properties,
    required: definition.fields.filter((f) => !f.optional && !f.when).map((f) => f.name),
  };
}
