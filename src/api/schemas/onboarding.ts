import { z } from 'zod';
import { CONTACT_CHANNELS } from '../../onboarding/application.entity.js';
import { APPLICANT_KINDS } from '../../onboarding/questionnaire/questionnaire.js';
import { localized, pageOf, pageQuery } from './common.js';
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
    esia: z.boolean().describe('«Войти через Госуслуги» is offered (individuals)'),
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

// ---- the client managers' desk ----

const duplicateFlag = z.object({
  reason: z.enum(['inn', 'document', 'phone']),
  with: z.enum(['client', 'application']),
  ref: z.string().describe('the client (name, contract) or the other questionnaire’s number'),
});

export const deskItemSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(APPLICANT_KINDS),
    status: z.enum(['submitted', 'imported']),
    name: z.string(),
    inn: z.string().nullable(),
    submittedAt: z.string(),
    importedAt: z.string().nullable(),
    contractsSignedAt: z.string().nullable(),
    duplicates: z.array(duplicateFlag),
  })
  .meta({ id: 'DeskApplication' });

export const deskListSchema = pageOf(deskItemSchema).meta({ id: 'DeskApplicationList' });

export const deskViewSchema = deskItemSchema
  .extend({
    answers: z.record(z.string(), z.unknown()),
    prefilledFields: z.array(z.string()),
    contactsConfirmedBy: z.enum(['code', 'esia']),
    consentVersion: z.string(),
    contracts: z
      .object({ main: z.string(), depositary: z.string().optional(), trust: z.string().optional() })
      .nullable(),
    clientId: z.uuid().nullable(),
    activated: z.boolean().describe('the new client’s user has set a password'),
  })
  .meta({ id: 'DeskApplicationView' });

const day = z.iso.date().describe('YYYY-MM-DD (Moscow)');

export const deskListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('number, name, INN or phone'),
  kind: z.enum(APPLICANT_KINDS).optional(),
  status: z.enum(['submitted', 'imported']).optional(),
  from: day.optional(),
  to: day.optional(),
  ...pageQuery,
});

const contractNumber = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}\-/._№ ]+$/u, 'letters, digits and - / . _ № only');

export const importBody = z.object({
  contracts: z.object({
    main: contractNumber.describe('the brokerage (or main) contract: the client’s contract number'),
    depositary: contractNumber.optional(),
    trust: contractNumber.optional(),
  }),
  inn: z.string().trim().max(12).optional().describe('the INN, when the questionnaire has none'),
});

export const activationSentSchema = deskViewSchema
  .extend({ sent: z.number().int().describe('how many channels took the link (e-mail, SMS)') })
  .meta({ id: 'ActivationSent' });

export const activateBody = z.object({
  token: z.string().min(20).max(100).describe('the secret after `#` in the activation link'),
  password: z.string().min(1).max(200),
});

export const esiaStartBody = z.object({ locale: z.enum(['ru', 'en']).default('ru') });

export const esiaStartSchema = z
  .object({ url: z.url().describe('ESIA’s authorization page: send the browser there') })
  .meta({ id: 'EsiaStart' });
