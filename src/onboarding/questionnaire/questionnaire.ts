import { catalog } from '../../i18n/index.js';
import type { FieldDef, LocalizedText, Payload } from '../../workflow/domain/definition.js';
import { applicableFields, parsePayload, type ParsePayloadResult } from '../../workflow/domain/form.js';
import {
  defineForm,
  type CrossFieldRule,
  type FieldSpec,
} from '../../workflow/domain/types/shared/form-kit.js';
import { addYears, isIsoDate } from '../../workflow/domain/validation/dates.js';
import { fieldIssue, type FieldIssues } from '../../workflow/domain/validation/issues.js';
import { contactFields, profileFields, SERVICE_KEYS, serviceFields } from './common-fields.js';
import { companyFields, managementFields, ownerFieldsSpec, ownerShares } from './company-fields.js';
import {
  addressFields,
  documentFields,
  entrepreneurFields,
  individualTaxIdFields,
  personFields,
} from './person-fields.js';

/**
 * The account-opening questionnaire (issue 12): three kinds of applicant, each a form of flat answers built from
 * the same field specs as request types (docs/0003), split into steps. Pure: nothing here reads the clock.
 */
export const APPLICANT_KINDS = ['individual', 'sole_proprietor', 'legal_entity'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** The kinds' names are the catalog's client kinds (the same words on print forms and in the admin's lists). */
const kindTitle = (kind: ApplicantKind): LocalizedText => ({
  ru: catalog('ru').documents.clientKinds[kind],
  en: catalog('en').documents.clientKinds[kind],
});

export const KIND_TITLES: Readonly<Record<ApplicantKind, LocalizedText>> = {
  individual: kindTitle('individual'),
  sole_proprietor: kindTitle('sole_proprietor'),
  legal_entity: kindTitle('legal_entity'),
};

export interface QuestionnaireStep {
  key: string;
  title: LocalizedText;
  fields: readonly string[];
}

export interface Questionnaire {
  kind: ApplicantKind;
  title: LocalizedText;
  steps: readonly QuestionnaireStep[];
  fields: readonly FieldDef[];
  schema: ReturnType<typeof defineForm>['schema'];
  validateAt(answers: Payload, today: string): FieldIssues;
}

const STEP_TITLES = {
  person: { ru: 'Личные данные', en: 'Personal details' },
  document: { ru: 'Документ', en: 'Identity document' },
  addresses: { ru: 'Адреса и налоговые номера', en: 'Addresses and tax numbers' },
  business: { ru: 'Регистрация ИП', en: 'Business registration' },
  company: { ru: 'Организация', en: 'Company' },
  management: { ru: 'Руководитель и представитель', en: 'Director and representative' },
  owners: { ru: 'Бенефициарные владельцы', en: 'Beneficial owners' },
  profile: { ru: 'Сведения для 115-ФЗ', en: 'Compliance (115-FZ)' },
  contacts: { ru: 'Контакты', en: 'Contacts' },
  services: { ru: 'Услуги и согласие', en: 'Services and consent' },
} as const satisfies Record<string, LocalizedText>;

type StepKey = keyof typeof STEP_TITLES;

const atLeastOneService: CrossFieldRule<Payload> = {
  reads: [...SERVICE_KEYS],
  field: 'serviceBrokerage',
  message: 'choose_a_service',
  holds: (answers) => SERVICE_KEYS.some((key) => answers[key] === true),
};

const sharesAddUp: CrossFieldRule<Payload> = {
  reads: ['owner1Share', 'owner2Share', 'owner3Share'],
  field: 'owner1Share',
  message: 'shares_over_100',
  holds: (answers) => ownerShares(answers).reduce((sum, share) => sum + share, 0) <= 100,
};

function issue(issues: FieldIssues, field: string, code: Parameters<typeof fieldIssue>[0]): void {
  (issues[field] ??= []).push(fieldIssue(code));
}

/** A person's dates: born in the past, 18 or older, a Russian passport issued at 14 or later, nothing in the future. */
function personDates(answers: Payload, today: string, issues: FieldIssues): void {
  const birth = answers['birthDate'];
  const issued = answers['documentIssueDate'];
  if (typeof birth === 'string') {
    if (birth > today) issue(issues, 'birthDate', 'birth_date_in_future');
    else if (addYears(birth, 18) > today) issue(issues, 'birthDate', 'not_adult');
  }
  if (typeof issued === 'string') {
    if (issued > today) issue(issues, 'documentIssueDate', 'issue_date_in_future');
    else if (typeof birth === 'string' && answers['citizenship'] === 'ru' && issued < addYears(birth, 14))
      issue(issues, 'documentIssueDate', 'passport_issued_before_14');
  }
}

function notInFuture(answers: Payload, field: string, today: string, issues: FieldIssues): void {
  const value = answers[field];
  if (typeof value === 'string' && value > today) issue(issues, field, 'date_in_future');
}

function build(
  kind: ApplicantKind,
  specs: Record<string, FieldSpec>,
  steps: Record<string, readonly string[]>,
  rules: readonly CrossFieldRule<Payload>[],
  validateAt: (answers: Payload, today: string) => FieldIssues,
): Questionnaire {
  const form = defineForm(specs, rules as readonly CrossFieldRule<Record<string, unknown>>[]);
  return {
    kind,
    title: KIND_TITLES[kind],
    steps: Object.entries(steps).map(([key, fields]) => ({
      key,
      title: STEP_TITLES[key as StepKey],
      fields,
    })),
    fields: form.fields,
    schema: form.schema,
    validateAt,
  };
}

const profileStep = Object.keys(profileFields);
const contactStep = Object.keys(contactFields);
const serviceStep = Object.keys(serviceFields);

const individual = build(
  'individual',
  {
    ...personFields,
    ...documentFields,
    ...addressFields,
    ...individualTaxIdFields,
    ...profileFields,
    ...contactFields,
    ...serviceFields,
  },
  {
    person: Object.keys(personFields),
    document: Object.keys(documentFields),
    addresses: [...Object.keys(addressFields), ...Object.keys(individualTaxIdFields)],
    profile: profileStep,
    contacts: contactStep,
    services: serviceStep,
  },
  [atLeastOneService],
  (answers, today) => {
    const issues: FieldIssues = {};
    personDates(answers, today, issues);
    return issues;
  },
);

const soleProprietor = build(
  'sole_proprietor',
  {
    ...personFields,
    ...documentFields,
    ...addressFields,
    ...entrepreneurFields,
    ...profileFields,
    ...contactFields,
    ...serviceFields,
  },
  {
    person: Object.keys(personFields),
    document: Object.keys(documentFields),
    addresses: Object.keys(addressFields),
    business: Object.keys(entrepreneurFields),
    profile: profileStep,
    contacts: contactStep,
    services: serviceStep,
  },
  [atLeastOneService],
  (answers, today) => {
    const issues: FieldIssues = {};
    personDates(answers, today, issues);
    notInFuture(answers, 'registrationDate', today, issues);
    return issues;
  },
);

const legalEntity = build(
  'legal_entity',
  {
    ...companyFields,
    ...managementFields,
    ...ownerFieldsSpec,
    ...profileFields,
    ...contactFields,
    ...serviceFields,
  },
  {
    company: Object.keys(companyFields),
    management: Object.keys(managementFields),
    owners: Object.keys(ownerFieldsSpec),
    profile: profileStep,
    contacts: contactStep,
    services: serviceStep,
  },
  [atLeastOneService, sharesAddUp],
  (answers, today) => {
    const issues: FieldIssues = {};
    notInFuture(answers, 'companyRegistrationDate', today, issues);
    notInFuture(answers, 'powerOfAttorneyDate', today, issues);
    const until = answers['powerOfAttorneyValidUntil'];
    if (typeof until === 'string' && until < today)
      issue(issues, 'powerOfAttorneyValidUntil', 'date_in_past');
    return issues;
  },
);

export const QUESTIONNAIRES: Readonly<Record<ApplicantKind, Questionnaire>> = {
  individual,
  sole_proprietor: soleProprietor,
  legal_entity: legalEntity,
};

export function isApplicantKind(value: unknown): value is ApplicantKind {
  return typeof value === 'string' && (APPLICANT_KINDS as readonly string[]).includes(value);
}

/** The whole questionnaire checked: canonical answers (trimmed, phone in E.164, SNILS as printed) or the issues. */
export function parseQuestionnaire(
  kind: ApplicantKind,
  answers: unknown,
  today: string,
): ParsePayloadResult<Payload> {
  const questionnaire = QUESTIONNAIRES[kind];
  return parsePayload(
    { schema: questionnaire.schema, validateAt: (p, t) => questionnaire.validateAt(p, t) },
    answers,
    { today },
  );
}

/** What a person filling the form needs: the fields that apply now, and every issue by field. */
export interface QuestionnaireCheck {
  fields: string[];
  complete: boolean;
  issues: FieldIssues;
}

export function checkQuestionnaire(kind: ApplicantKind, answers: Payload, today: string): QuestionnaireCheck {
  const questionnaire = QUESTIONNAIRES[kind];
  const parsed = parseQuestionnaire(kind, answers, today);
  return {
    fields: applicableFields(questionnaire, answers).map((field) => field.name),
    complete: parsed.ok,
    issues: parsed.ok ? {} : withDateRules(questionnaire, answers, today, parsed.issues),
  };
}

/**
 * The rules about dates (18 or older, nothing in the future) run on a whole valid form only; someone filling the
 * form wants them at once, beside the other issues. Dates not yet valid are left to their own issue.
 */
function withDateRules(q: Questionnaire, answers: Payload, today: string, issues: FieldIssues): FieldIssues {
  const dates = new Set(q.fields.filter((field) => field.kind === 'date').map((field) => field.name));
  const usable = Object.fromEntries(
    Object.entries(answers).filter(
      ([name, value]) => !dates.has(name) || (typeof value === 'string' && isIsoDate(value) && !issues[name]),
    ),
  );
  const merged: FieldIssues = { ...issues };
  for (const [field, found] of Object.entries(q.validateAt(usable, today)))
    if (!merged[field]) merged[field] = found;
  return merged;
}

/** The step a field is asked on (the first step for an unknown one). */
export function stepOf(kind: ApplicantKind, field: string): string {
  const steps = QUESTIONNAIRES[kind].steps;
  return (steps.find((step) => step.fields.includes(field)) ?? steps[0])?.key ?? '';
}

/** A new draft's answers: most applicants are Russian citizens living at their registered address. */
export const DEFAULT_ANSWERS: Readonly<Record<ApplicantKind, Payload>> = {
  individual: { citizenship: 'ru', actualSameAsRegistration: true },
  sole_proprietor: { citizenship: 'ru', actualSameAsRegistration: true },
  legal_entity: { actualSameAsLegal: true },
};
