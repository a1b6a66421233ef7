import { describe, expect, it } from '@jest/globals';
import { REQUEST_TYPE_CODES, type RequestTypeCode } from '../../../src/workflow/domain/definition.js';
import { DomainError } from '../../../src/workflow/domain/errors.js';
import { FORM_ERROR_KEY } from '../../../src/workflow/domain/form.js';
import { TASK_ROLES, type TaskRole } from '../../../src/workflow/domain/roles.js';
import {
  getRequestType,
  listAllVersions,
  listRequestTypes,
  REQUEST_TYPES,
} from '../../../src/workflow/domain/types/index.js';
const REQUIRED_MESSAGE = 'This field is required';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, longNumbers, valid } from './form-helpers.js';

/** Roles per stage, in order (PROCESSES.md): `→` separates stages, `∥` tasks of one stage. */
const EXPECTED_STAGES: Record<RequestTypeCode, TaskRole[][]> = {
  withdrawal: [['fin_monitoring', 'brokerage'], ['back_office'], ['accountant']],
  securities_transfer: [['depositary', 'fin_monitoring'], ['back_office']],
  internal_transfer: [['brokerage'], ['back_office']],
  broker_report: [['back_office']],
  tax_certificate: [['accountant']],
  bank_details_change: [['back_office', 'fin_monitoring']],
  personal_data_change: [['back_office'], ['fin_monitoring', 'depositary']],
  qualified_investor: [['back_office'], ['brokerage']],
  trust_management: [['trust_management', 'fin_monitoring'], ['accountant']],
  contract_termination: [['brokerage', 'depositary'], ['fin_monitoring'], ['back_office'], ['accountant']],
  general_inquiry: [['client_manager']],
};

/** SLA hours per stage and task, as PROCESSES.md gives them (general_inquiry depends on the payload). */
const EXPECTED_SLA: Partial<Record<RequestTypeCode, number[][]>> = {
  withdrawal: [[4, 4], [8], [8]],
  securities_transfer: [[8, 4], [8]],
  internal_transfer: [[2], [4]],
  broker_report: [[24]],
  tax_certificate: [[72]],
  bank_details_change: [[8, 4]],
  personal_data_change: [[8], [8, 8]],
  qualified_investor: [[40], [8]],
  trust_management: [[8, 4], [8]],
  contract_termination: [[24, 24], [8], [24], [24]],
};

const SEGREGATED: readonly RequestTypeCode[] = [
  'withdrawal',
  'securities_transfer',
  'contract_termination',
  'qualified_investor',
  'trust_management',
];

describe.each(REQUEST_TYPE_CODES)('request type %s', (code) => {
  const definition = getRequestType(code);
  const sample = SAMPLE_PAYLOADS[code];

  it('is registered as version 1 with titles in both languages', () => {
    expect(definition.code).toBe(code);
    expect(definition.version).toBe(1);
    expect(REQUEST_TYPES[code]).toBe(definition);
    expect(getRequestType(code, 1)).toBe(definition);
    expect(definition.title.ru).not.toBe('');
    expect(definition.title.en).not.toBe('');
  });

  it('accepts the sample payload and returns it unchanged (it is canonical)', () => {
    expect(valid(definition, sample)).toEqual(sample);
  });

  it('reports every missing required field under its own name', () => {
    const required = definition.fields
      .filter((f) => !f.optional && (f.when?.({}) ?? true))
      .map((f) => f.name);
    const errors = errorsOf(definition, {});
    expect(Object.keys(errors).sort()).toEqual([...required].sort());
    for (const name of required) expect(errors[name]).toEqual([REQUIRED_MESSAGE]);
  });

  it('treats blank answers as missing and drops unknown keys', () => {
    const first = definition.fields[0];
    if (!first) throw new Error('no fields');
    expect(errorsOf(definition, { ...sample, [first.name]: '  ' })).toEqual({
      [first.name]: [REQUIRED_MESSAGE],
    });
    expect(valid(definition, { ...sample, injected: 'x' })).toEqual(sample);
  });

  it('refuses a payload that is not an object', () => {
    expect(errorsOf(definition, ['x'])).toEqual({
      [FORM_ERROR_KEY]: ['the form must be an object of fields'],
    });
  });

  it('describes each field for forms and bots', () => {
    const names = definition.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const field of definition.fields) {
      expect(field.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      for (const text of [field.label.ru, field.label.en, field.prompt.ru, field.prompt.en])
        expect(text).not.toBe('');
      // Optional and conditional fields, and only they, accept no value.
      expect(field.schema.safeParse(undefined).success).toBe(Boolean(field.optional || field.when));
      if (field.kind === 'enum') {
        expect(field.options?.length).toBeGreaterThan(0);
        for (const option of field.options ?? []) {
          expect(field.schema.safeParse(option.value).success).toBe(true);
          expect(option.label.ru).not.toBe('');
          expect(option.label.en).not.toBe('');
        }
        expect(field.schema.safeParse('no_such_option').success).toBe(false);
      }
    }
  });

  it('summarises in one line per language without full account or document numbers', () => {
    const payload = valid(definition, sample);
    for (const locale of ['ru', 'en'] as const) {
      const line = definition.summary(payload, locale);
      expect(line.length).toBeGreaterThan(5);
      expect(line).not.toMatch(/\n/);
      for (const number of longNumbers(definition, payload)) expect(line).not.toContain(number);
    }
  });

  it('has the stages and roles of PROCESSES.md', () => {
    const stages = definition.process.stages;
    expect(stages.map((s) => s.tasks.map((t) => t.role))).toEqual(EXPECTED_STAGES[code]);
    const sla = EXPECTED_SLA[code];
    if (sla) expect(stages.map((s) => s.tasks.map((t) => t.slaHours))).toEqual(sla);
    expect(new Set(stages.map((s) => s.key)).size).toBe(stages.length);
  });

  it('gives every task a title and a checklist with unique snake_case keys', () => {
    const tasks = [
      ...definition.process.stages.flatMap((s) => s.tasks),
      ...definition.process.routing.map((r) => r.task),
    ];
    const taskKeys = tasks.map((t) => t.key);
    expect(new Set(taskKeys).size).toBe(taskKeys.length);
    for (const task of tasks) {
      expect(TASK_ROLES).toContain(task.role);
      expect(task.title.ru).not.toBe('');
      expect(task.title.en).not.toBe('');
      expect(task.checklist.length).toBeGreaterThan(0);
      const keys = task.checklist.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const item of task.checklist) {
        expect(item.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(item.ru).not.toBe('');
        expect(item.en).not.toBe('');
      }
    }
  });

  it('routes only into stages that exist', () => {
    const stageKeys = definition.process.stages.map((s) => s.key);
    for (const rule of definition.process.routing) expect(stageKeys).toContain(rule.stage);
  });

  it(`${SEGREGATED.includes(code) ? 'enforces' : 'does not enforce'} segregation of duties`, () => {
    expect(definition.process.segregationOfDuties).toBe(SEGREGATED.includes(code));
  });
});

describe('registry', () => {
  it('lists the latest version of every type in catalogue order', () => {
    expect(listRequestTypes().map((d) => d.code)).toEqual([...REQUEST_TYPE_CODES]);
    expect(listAllVersions()).toHaveLength(REQUEST_TYPE_CODES.length);
  });

  it('refuses unknown codes and versions with not_found', () => {
    for (const lookup of [() => getRequestType('loan'), () => getRequestType('withdrawal', 2)]) {
      expect(lookup).toThrow(DomainError);
      try {
        lookup();
      } catch (error) {
        expect(error).toMatchObject({ code: 'not_found' });
      }
    }
  });
});
