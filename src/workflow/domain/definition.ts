import type { z } from 'zod';
import type { FieldIssues } from './validation/issues.js';
import type { TaskRole } from './roles.js';

export type Locale = 'ru' | 'en';
export type LocalizedText = Readonly<Record<Locale, string>>;

export const REQUEST_TYPE_CODES = [
  'withdrawal',
  'securities_transfer',
  'internal_transfer',
  'broker_report',
  'tax_certificate',
  'bank_details_change',
  'personal_data_change',
  'qualified_investor',
  'trust_management',
  'contract_termination',
  'general_inquiry',
] as const;
export type RequestTypeCode = (typeof REQUEST_TYPE_CODES)[number];

export type Payload = Record<string, unknown>;

/** How a bot or a form asks for one field. The payload is flat: one field, one key. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'enum'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'year'
  | 'bic'
  | 'account'
  | 'isin'
  /** A yes/no box (a JSON boolean); the account-opening questionnaire's consents and services. */
  | 'checkbox'
  | 'phone'
  | 'email';

/**
 * A field whose full value only some staff roles need (docs/0025): the others read its last four characters.
 * Clients always read their own data in full; role chats always carry masked values.
 */
export type RestrictedData = 'bank_account' | 'depo_account' | 'identity_document';

export interface FieldOption {
  value: string;
  label: LocalizedText;
}

export interface FieldDef {
  /** The key in the payload. */
  name: string;
  kind: FieldKind;
  label: LocalizedText;
  /** What a bot asks ("Введите сумму к выводу"). */
  prompt: LocalizedText;
  /** Validates this field alone (the bot checks each answer with it). */
  schema: z.ZodType;
  options?: readonly FieldOption[];
  optional?: boolean;
  /** Set when only the roles that work with it read the full value (the rest read "…1234"). */
  restricted?: RestrictedData;
  /** Asked only when this is true for the answers so far (e.g. a postal address for paper delivery). */
  when?: (answers: Payload) => boolean;
}

export interface ChecklistItemDef {
  key: string;
  ru: string;
  en: string;
}

export interface TaskDef {
  key: string;
  role: TaskRole;
  title: LocalizedText;
  checklist: readonly ChecklistItemDef[];
  /** Working-default SLA in hours; may depend on the payload (a complaint gets 120 h). */
  slaHours: number | ((payload: Payload) => number);
  /** Distinct people of the role who must complete it (4-eyes = 2). Default 1. */
  approvals?: number;
}

export interface StageDef {
  key: string;
  /** `all` (default): every task must be done; `any`: the first done task completes the stage. */
  rule?: 'all' | 'any';
  tasks: readonly TaskDef[];
}

/** Conversion rates to RUB used by routing thresholds ("or its equivalent at the rate in force"). */
export interface RoutingContext {
  rubRates: Readonly<Record<string, string>>;
}

/** Adds a task to a stage when the payload calls for it (mandatory control for ≥ 1 M RUB). */
export interface RoutingRule {
  key: string;
  description: LocalizedText;
  applies(payload: Payload, context: RoutingContext): boolean;
  stage: string;
  task: TaskDef;
}

export interface ProcessDef {
  stages: readonly StageDef[];
  routing: readonly RoutingRule[];
  /** When true, a person who completed one task of a request may not complete another of it. */
  segregationOfDuties: boolean;
}

export interface RequestTypeDefinition<P extends Payload = Payload> {
  code: RequestTypeCode;
  version: number;
  title: LocalizedText;
  fields: readonly FieldDef[];
  /** The whole form: every field plus cross-field checks. Parses to the payload stored on the request. */
  schema: z.ZodType<P>;
  /** One line for SMS texts and chat cards; lean in personal data (accounts masked to the last 4). */
  summary(payload: P, locale: Locale): string;
  /**
   * Rules relative to the current date (settlement date not in the past, report period not in the future),
   * run by `parsePayload` after `schema` succeeds. `today` is an ISO date (YYYY-MM-DD) supplied by the caller,
   * so the domain stays pure. Returns messages keyed by field name; empty when all hold.
   */
  validateAt?(payload: P, today: string): FieldIssues;
  process: ProcessDef;
}

/** The client manager's review checklist, shared by every type (PROCESSES.md). */
export const REVIEW_CHECKLIST: readonly ChecklistItemDef[] = [
  { key: 'data_checked', ru: 'Данные заявки проверены', en: 'Request data checked' },
  {
    key: 'authority_confirmed',
    ru: 'Полномочия заявителя подтверждены',
    en: "The applicant's authority confirmed",
  },
];

/** A checklist as submitted with `completeTask` / `accept`: each item ticked, or not applicable with a note. */
export type ChecklistInput = Record<string, { status: 'done' } | { status: 'na'; note: string }>;
