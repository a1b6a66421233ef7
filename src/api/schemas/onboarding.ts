import { z } from 'zod';
import { CONTACT_CHANNELS } from '../../onboarding/application.entity.js';
import { APPLICANT_KINDS } from '../../onboarding/questionnaire/questionnaire.js';
import { localized } from './common.js';
import { formCheckSchema } from './request-types.js';

const field = z.object({
  name: z.string(),
  kind: z.string().describe('text, textarea, enum, date, checkbox, phone, email'),
  label: localized,
  prompt: localized,
  optional: z.boolean(),
  conditional: z
    .boolean()
    .describe('asked only for some answers: `check.fields` says whether it applies now'),
  options: z.array(z.object({ value: z.string(), label: localized })).optional(),
});

export const questionnairesSchema = z
  .object({
    kinds: z.array(
      z.object({
        kind: z.enum(APPLICANT_KINDS),
        title: localized,
        steps: z.array(z.object({ key: z.string(), title: localized, fields: z.array(z.string()) })),
        fields: z.array(field),
      }),
    ),
    consent: z.object({ version: z.string(), text: localized }),
    draftRetentionDays: z.number().int().describe('an untouched draft is deleted after this many days'),
  })
  .meta({ id: 'Questionnaires' });

const contactState = z.object({
  sentTo: z.string().nullable().describe('where the last code went, masked'),
  confirmed: z.boolean().describe('confirmed for the address the answers hold now'),
  byEsia: z.boolean(),
  resendAfterSeconds: z.number().int(),
});

export const applicationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(APPLICANT_KINDS),
    status: z.enum(['draft', 'submitted', 'imported']),
    number: z.string().nullable().describe('`A-2026-000123`, once submitted'),
    version: z.number().int().describe('send it back with the next change'),
    answers: z.record(z.string(), z.unknown()),
    check: formCheckSchema,
    contacts: z.object({ phone: contactState, email: contactState }),
    prefilledFields: z.array(z.string()).describe('answers that came from Gosuslugi'),
    consentVersion: z.string(),
    deleteAfter: z.string().nullable().describe('when this draft is deleted unless changed'),
    submittedAt: z.string().nullable(),
  })
  .meta({ id: 'AccountApplication' });

export const startedApplicationSchema = z
  .object({
    token: z
      .string()
      .describe('the secret of the resume link: send it as `X-Application-Token` with every later call'),
    application: applicationSchema,
  })
  .meta({ id: 'StartedApplication' });

export const startApplicationBody = z.object({
  kind: z.enum(APPLICANT_KINDS),
  locale: z.enum(['ru', 'en']).default('ru'),
});

const answer = z.union([z.string().max(2000), z.boolean()]);

export const saveApplicationBody = z.object({
  answers: z
    .record(z.string().max(64), answer)
    .refine((a) => Object.keys(a).length <= 120, 'too many answers')
    .describe('every answer so far (replaces the previous ones); unknown fields are dropped'),
  version: z.number().int().min(1).describe('the version this change is based on'),
});

export const applicationParams = z.object({ id: z.uuid() });

export const contactParams = z.object({ id: z.uuid(), channel: z.enum(CONTACT_CHANNELS) });

export const confirmContactBody = z.object({
  code: z.string().max(12).describe('the six-digit code'),
});
