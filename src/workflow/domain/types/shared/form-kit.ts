import { z } from 'zod';
import type { FieldDef, FieldOption, LocalizedText, Payload } from '../../definition.js';
import type { ValidationCode } from '../../validation/issues.js';
import { REQUIRED, unlessMissing } from '../../validation/messages.js';
import { isPlainObject } from '../../validation/plain-object.js';

/** A field as a type module declares it: the field definition with the schema that types its payload key. */
export type FieldSpec<S extends z.ZodType = z.ZodType> = Omit<FieldDef, 'name' | 'schema'> & { schema: S };

type Shape<M extends Record<string, FieldSpec>> = { [K in keyof M]: M[K]['schema'] };

/** The payload a set of field specs parses to. */
export type PayloadOf<M extends Record<string, FieldSpec>> = z.output<z.ZodObject<Shape<M>>>;

/** A rule across fields ("to ≠ from"); it runs only when every field it reads parsed cleanly. */
export interface CrossFieldRule<P> {
  reads: readonly (keyof P & string)[];
  /** The field the issue is reported under. */
  field: keyof P & string;
  message: ValidationCode;
  holds(payload: P): boolean;
}

export interface Form<P extends Payload> {
  fields: readonly FieldDef[];
  schema: z.ZodType<P>;
}

function cleanlyParsed(reads: readonly string[]) {
  return (parsed: z.core.ParsePayload): boolean =>
    isPlainObject(parsed.value) &&
    !parsed.issues.some((issue) => {
      const key = issue.path?.[0];
      return key === undefined || reads.includes(String(key));
    });
}

/** Blank answers count as missing; answers to questions that do not apply are dropped. */
function prepare(fields: readonly FieldDef[]) {
  return (input: unknown): unknown => {
    if (!isPlainObject(input)) return input;
    const answers = Object.fromEntries(
      Object.entries(input).filter(
        ([, value]) => value !== null && !(typeof value === 'string' && value.trim() === ''),
      ),
    );
    // `when` reads the answers as given, before any of them is dropped.
    const inapplicable = new Set(fields.filter((f) => f.when && !f.when(answers)).map((f) => f.name));
    return Object.fromEntries(Object.entries(answers).filter(([key]) => !inapplicable.has(key)));
  };
}

/**
 * Builds a type's form from its field specs (in asking order) and cross-field rules. Conditional fields
 * (`when`) must have optional schemas: the form requires them only when they apply (unless marked `optional`) and
 * drops them otherwise.
 * Unknown keys are dropped.
 */
export function defineForm<M extends Record<string, FieldSpec>>(
  specs: M,
  rules: readonly CrossFieldRule<PayloadOf<M>>[] = [],
): Form<PayloadOf<M>> {
  const fields: FieldDef[] = Object.entries(specs).map(([name, spec]) => ({ ...spec, name }));
  // Object.fromEntries loses the key-to-schema typing that the mapped type restores.
  const shape = Object.fromEntries(fields.map((f) => [f.name, f.schema])) as Shape<M>;
  let object = z.object(shape);
  for (const field of fields) {
    const applies = field.when;
    // An optional conditional field (a beneficial owner's INN) is asked only when it applies, never required.
    if (!applies || field.optional === true) continue;
    object = object.refine((payload: Payload) => !applies(payload) || payload[field.name] !== undefined, {
      path: [field.name],
      message: REQUIRED,
      when: (parsed) => isPlainObject(parsed.value),
    });
  }
  for (const rule of rules) {
    object = object.refine((payload) => rule.holds(payload), {
      path: [rule.field],
      message: rule.message,
      when: cleanlyParsed(rule.reads),
    });
  }
  return { fields, schema: z.preprocess(prepare(fields), object) };
}

/** Text of 1…max characters, trimmed. */
export function textSchema(max: number) {
  return z
    .string({ error: unlessMissing('not_text') })
    .trim()
    .min(1, REQUIRED)
    .max(max, 'too_long');
}

/** One of the values (the issue lists them). */
export function enumSchema<const V extends readonly [string, ...string[]]>(values: V) {
  return z.enum(values, { error: unlessMissing('choose_one') });
}

/** Options for an enum field from its values and their labels, in the values' order. */
export function optionsOf<V extends string>(
  values: readonly V[],
  labels: Readonly<Record<V, LocalizedText>>,
): FieldOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** A whole number ≥ 1 (a JSON number; bots convert typed digits first). */
export const positiveIntegerSchema = z
  .number({ error: unlessMissing('not_whole_number') })
  .int('not_whole_number')
  .min(1, 'not_positive');
