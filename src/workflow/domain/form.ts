import { z } from 'zod';
import type { FieldDef, Payload, RequestTypeDefinition } from './definition.js';
import { assertIsoDate, readHumanDate } from './validation/dates.js';
import { fieldIssue, isValidationCode, type FieldIssue, type FieldIssues } from './validation/issues.js';
import { REQUIRED } from './validation/messages.js';
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
  { ok: true; payload: P } | { ok: false; issues: FieldIssues };

export type ParseFieldResult = { ok: true; value: unknown } | { ok: false; issue: FieldIssue };

/** A missing value is `required` whatever the field's type. */
function requiredWhenMissing(issue: z.core.$ZodRawIssue): string | undefined {
  const missingCodes = ['invalid_type', 'invalid_value'];
  return issue.input === undefined && missingCodes.includes(issue.code) ? REQUIRED : undefined;
}

/**
 * The domain issue a zod issue stands for: the schemas put the issue code in zod's `message`; the parameters
 * come from the zod issue itself (a custom issue's `params`, a maximum, a minimum, the allowed values).
 */
export function issueOf(zodIssue: z.core.$ZodIssue): FieldIssue {
  const code = isValidationCode(zodIssue.message) ? zodIssue.message : 'invalid_value';
  switch (zodIssue.code) {
    case 'custom':
      return fieldIssue(code, zodIssue.params as FieldIssue['params']);
    case 'too_big':
      return fieldIssue(code, { max: Number(zodIssue.maximum) });
    case 'too_small':
      return code === 'required' ? fieldIssue(code) : fieldIssue(code, { min: Number(zodIssue.minimum) });
    case 'invalid_value':
      return zodIssue.values.length > 0 && code !== 'required'
        ? fieldIssue(code, { options: zodIssue.values.map(String).join(', ') })
        : fieldIssue(code);
    default:
      return fieldIssue(code);
  }
}

function toFieldIssues(error: z.ZodError): FieldIssues {
  const issues: FieldIssues = {};
  for (const zodIssue of error.issues) {
    const [first] = zodIssue.path;
    const list = (issues[first === undefined ? FORM_ERROR_KEY : String(first)] ??= []);
    const issue = issueOf(zodIssue);
    if (!list.some((known) => known.code === issue.code)) list.push(issue);
  }
  return issues;
}

/**
 * Validates a whole form: the type's schema (shapes, formats, cross-field rules), then its rules relative to
 * `today`. The payload it returns is canonical (trimmed, amounts with 2 places) and is what gets stored and
 * signed. Errors are keyed by field name, with "_form" for the form as a whole.
 */
export function parsePayload<P extends Payload>(
  definition: Pick<RequestTypeDefinition<P>, 'schema' | 'validateAt'>,
  input: unknown,
  context: ParseContext,
): ParsePayloadResult<P> {
  assertIsoDate(context.today);
  if (!isPlainObject(input)) {
    return { ok: false, issues: { [FORM_ERROR_KEY]: [fieldIssue('form_not_object')] } };
  }
  const result = definition.schema.safeParse(input, { error: requiredWhenMissing });
  if (!result.success) return { ok: false, issues: toFieldIssues(result.error) };
  const dated = definition.validateAt?.(result.data, context.today) ?? {};
  if (Object.keys(dated).length > 0) return { ok: false, issues: dated };
  return { ok: true, payload: result.data };
}

/** The fields still to be asked, in form order, given the answers so far (conditional ones only when they apply). */
export function applicableFields(definition: { fields: readonly FieldDef[] }, answers: Payload): FieldDef[] {
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
      return value === undefined
        ? { ok: false, issue: fieldIssue('choose_one', { options: values }) }
        : { ok: true, value };
    }
    case 'integer':
    case 'year': {
      const digits = text.replace(/[\s\u00a0\u202f]/g, '');
      return /^\d+$/.test(digits)
        ? { ok: true, value: Number(digits) }
        : { ok: false, issue: fieldIssue('not_whole_number') };
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
 * `undefined` for an optional field and `required` otherwise. Rules across fields and relative
 * to today are checked by `parsePayload` once the form is complete.
 */
export function parseField(field: FieldDef, rawText: string): ParseFieldResult {
  const text = rawText.trim();
  if (text === '')
    return field.optional ? { ok: true, value: undefined } : { ok: false, issue: fieldIssue(REQUIRED) };
  const coerced = coerce(field, text);
  if (!coerced.ok) return coerced;
  const result = field.schema.safeParse(coerced.value);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  return { ok: false, issue: first ? issueOf(first) : fieldIssue('invalid_value') };
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
