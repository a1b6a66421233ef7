import { describe, expect, it } from '@jest/globals';
import type { FieldDef } from '../../../src/workflow/domain/definition.js';
import {
  applicableFields,
  canonicalJson,
  formJsonSchema,
  parseField,
} from '../../../src/workflow/domain/form.js';
import { getRequestType } from '../../../src/workflow/domain/types/index.js';

function field(code: Parameters<typeof getRequestType>[0], name: string): FieldDef {
  const found = getRequestType(code).fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

describe('parseField (one bot answer)', () => {
  it('accepts an enum option by value or by label, in any case', () => {
    const currency = field('withdrawal', 'currency');
    expect(parseField(currency, ' usd ')).toEqual({ ok: true, value: 'USD' });
    expect(parseField(currency, 'Евро (EUR)')).toEqual({ ok: true, value: 'EUR' });
    expect(parseField(currency, 'GBP')).toEqual({
      ok: false,
      issue: { code: 'choose_one', params: { options: 'RUB, USD, EUR, CNY' } },
    });
  });

  it('normalises a decimal and explains a bad one', () => {
    const amount = field('withdrawal', 'amount');
    expect(parseField(amount, '100 000,5')).toEqual({ ok: true, value: '100000.50' });
    expect(parseField(amount, '1.234')).toEqual({
      ok: false,
      issue: { code: 'amount_decimals' },
    });
  });

  it('reads whole numbers and Russian dates', () => {
    expect(parseField(field('securities_transfer', 'quantity'), '1 000')).toEqual({ ok: true, value: 1000 });
    expect(parseField(field('securities_transfer', 'quantity'), '10.5')).toEqual({
      ok: false,
      issue: { code: 'not_whole_number' },
    });
    expect(parseField(field('tax_certificate', 'year'), '2025')).toEqual({ ok: true, value: 2025 });
    expect(parseField(field('broker_report', 'periodFrom'), '31.12.2025')).toEqual({
      ok: true,
      value: '2025-12-31',
    });
    expect(parseField(field('broker_report', 'periodFrom'), '30.02.2025')).toEqual({
      ok: false,
      issue: { code: 'date_not_in_calendar' },
    });
  });

  it('lets an optional field be skipped, not a required one', () => {
    expect(parseField(field('withdrawal', 'comment'), '   ')).toEqual({ ok: true, value: undefined });
    expect(parseField(field('withdrawal', 'contract'), '')).toEqual({
      ok: false,
      issue: { code: 'required' },
    });
  });
});

describe('applicableFields', () => {
  it('asks conditional questions only when they apply', () => {
    const definition = getRequestType('tax_certificate');
    const names = (answers: Record<string, unknown>) =>
      applicableFields(definition, answers).map((f) => f.name);
    expect(names({ delivery: 'electronic' })).toEqual(['year', 'kind', 'delivery']);
    expect(names({ delivery: 'paper' })).toEqual(['year', 'kind', 'delivery', 'postalAddress']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and drops undefined', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined });
    const b = canonicalJson({ a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(b).toBe(a);
  });
});

describe('formJsonSchema', () => {
  it('describes every field, with the always-required ones listed', () => {
    const schema = formJsonSchema(getRequestType('tax_certificate'));
    expect(schema).toMatchObject({ type: 'object', required: ['year', 'kind', 'delivery'] });
    expect(schema['properties']).toMatchObject({
      kind: { type: 'string', enum: ['ndfl_2', 'losses', 'iis_deduction'], 'x-kind': 'enum' },
      year: { type: 'integer', minimum: 2015, title: 'Year' },
      postalAddress: { type: 'string', maxLength: 300 },
    });
  });
});
