import { z } from 'zod';
import { REQUEST_TYPE_CODES } from '../../workflow/domain/definition.js';
import { TASK_ROLES } from '../../workflow/domain/roles.js';
import { localized } from './common.js';

export const typeCodeParams = z.object({ code: z.enum(REQUEST_TYPE_CODES) });

const taskOutline = z.object({
  key: z.string(),
  role: z.enum(TASK_ROLES),
  title: localized,
  slaHours: z.number().nullable().describe('null when it depends on the payload'),
  approvals: z.number().int(),
  checklist: z.array(z.object({ key: z.string(), ru: z.string(), en: z.string() })),
});

export const requestTypeSchema = z
  .object({
    code: z.enum(REQUEST_TYPE_CODES),
    version: z.number().int(),
    title: localized,
    fields: z.array(
      z.object({
        name: z.string(),
        kind: z.string(),
        label: localized,
        prompt: localized,
        optional: z.boolean(),
        conditional: z.boolean(),
        options: z.array(z.object({ value: z.string(), label: localized })).optional(),
      }),
    ),
    schema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the payload'),
    process: z.object({
      review: z.string().describe('the client manager reviews first (take → accept)'),
      stages: z.array(
        z.object({ key: z.string(), rule: z.enum(['all', 'any']), tasks: z.array(taskOutline) }),
      ),
      routing: z.array(
        z.object({ key: z.string(), description: localized, stage: z.string(), task: taskOutline }),
      ),
      segregationOfDuties: z.boolean(),
    }),
  })
  .meta({ id: 'RequestType' });

export const requestTypeListSchema = z
  .object({ items: z.array(requestTypeSchema) })
  .meta({ id: 'RequestTypeList' });

export const checkFormBody = z.object({
  payload: z
    .record(z.string().max(100), z.unknown())
    .refine((p) => Object.keys(p).length <= 100, 'too many fields')
    .describe('the answers so far'),
});

export const issueSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const formCheckSchema = z
  .object({
    fields: z.array(z.string()).describe('the fields that apply to these answers, in form order'),
    complete: z.boolean().describe('true: the form would be saved as it is'),
    issues: z.record(z.string(), z.array(issueSchema)).describe('field → issues as codes with parameters'),
    errors: z.record(z.string(), z.array(z.string())).describe('field → the issues in words'),
  })
  .meta({ id: 'FormCheck' });
