import { z } from 'zod';
import type { FieldOption, LocalizedText, Payload } from '../../workflow/domain/definition.js';
import type { FieldSpec } from '../../workflow/domain/types/shared/form-kit.js';
import { enumSchema, optionsOf, textSchema } from '../../workflow/domain/types/shared/form-kit.js';
import type { ValidationCode } from '../../workflow/domain/validation/issues.js';
import { unlessMissing } from '../../workflow/domain/validation/messages.js';
import { isEmail, normalizeEmail, normalizePhone } from '../../identity/phone.js';

/** Field builders of the questionnaire: the same field specs as request types (docs/0003), flat answers. */

export function text(
  label: LocalizedText,
  prompt: LocalizedText,
  max = 200,
  extra: Partial<FieldSpec> = {},
): FieldSpec {
  return { kind: 'text', label, prompt, schema: textSchema(max), ...extra };
}

export function optionalText(
  label: LocalizedText,
  prompt: LocalizedText,
  when?: (answers: Payload) => boolean,
  max = 200,
): FieldSpec {
  return {
    kind: 'text',
    label,
    prompt,
    schema: textSchema(max).optional(),
    ...(when ? { when } : { optional: true }),
  };
}

export function address(label: LocalizedText, when?: (answers: Payload) => boolean): FieldSpec {
  return {
    kind: 'textarea',
    label,
    prompt: {
      ru: 'Индекс, регион, город, улица, дом, квартира',
      en: 'Postcode, region, city, street, building, flat',
    },
    schema: when ? textSchema(500).optional() : textSchema(500),
    ...(when ? { when } : {}),
  };
}

export function choice<const V extends readonly [string, ...string[]]>(
  values: V,
  labels: Readonly<Record<V[number], LocalizedText>>,
  label: LocalizedText,
  prompt: LocalizedText,
  when?: (answers: Payload) => boolean,
): FieldSpec {
  return {
    kind: 'enum',
    label,
    prompt,
    schema: when ? enumSchema(values).optional() : enumSchema(values),
    options: optionsOf(values, labels) as FieldOption[],
    ...(when ? { when } : {}),
  };
}

/** A yes/no box; `required` boxes (the consent) must be ticked. */
export function checkbox(label: LocalizedText, prompt: LocalizedText, required?: ValidationCode): FieldSpec {
  return required
    ? {
        kind: 'checkbox',
        label,
        prompt,
        schema: z.boolean({ error: unlessMissing(required) }).refine((value) => value, { message: required }),
      }
    : { kind: 'checkbox', label, prompt, optional: true, schema: z.boolean().optional() };
}

export function date(
  label: LocalizedText,
  prompt: LocalizedText,
  schema: z.ZodType,
  when?: (answers: Payload) => boolean,
): FieldSpec {
  return {
    kind: 'date',
    label,
    prompt,
    schema: when ? schema.optional() : schema,
    ...(when ? { when } : {}),
  };
}

/** Digits typed with spaces ("45 10") are read without them. */
export function digits(count: number, message: ValidationCode) {
  return z
    .string({ error: unlessMissing(message) })
    .transform((value) => value.replace(/\s/g, ''))
    .refine((value) => new RegExp(`^\\d{${count}}$`).test(value), message);
}

/** A phone in any usual Russian writing, stored in E.164. */
export const phoneSchema = z
  .string({ error: unlessMissing('phone_format') })
  .transform((value) => normalizePhone(value) ?? '')
  .refine((value) => value !== '', 'phone_format');

/** An e-mail address, stored lower-case. */
export const emailSchema = z
  .string({ error: unlessMissing('email_format') })
  .transform(normalizeEmail)
  .refine(isEmail, 'email_format');

/** A share in per cent: 0 < share ≤ 100, up to two decimals, a comma accepted. */
export const percentSchema = z
  .string({ error: unlessMissing('percent_format') })
  .transform((value) => value.trim().replace(',', '.').replace(/%$/, '').trim())
  .refine((value) => /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) > 0 && Number(value) <= 100, {
    message: 'percent_format',
  });

/** The division code of a passport office: 000-000. */
export const divisionCodeSchema = z
  .string({ error: unlessMissing('division_code_format') })
  .trim()
  .regex(/^\d{3}-?\d{3}$/, 'division_code_format')
  .transform((value) => `${value.slice(0, 3)}-${value.slice(-3)}`);
