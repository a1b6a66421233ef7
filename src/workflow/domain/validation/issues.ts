/**
 * Stable codes of the form validation issues (DESIGN §3). The pure core reports an issue as a code and its
 * parameters; every edge renders it through the text catalog (src/i18n/<lang>/validation.ts) in the reader's
 * language. The codes are part of the API: problem+json lists them per field.
 */
export const VALIDATION_CODES = [
  'required',
  'invalid_value',
  'not_text',
  'not_whole_number',
  'not_positive',
  'year_not_whole',
  'year_too_late',
  'amount_format',
  'amount_not_text',
  'amount_not_positive',
  'amount_decimals',
  'contract_not_text',
  'contract_format',
  'bic_format',
  'bic_not_russian',
  'account_format',
  'corr_account_format',
  'corr_account_prefix',
  'corr_account_bic_mismatch',
  'account_bic_checksum',
  'account_currency_mismatch',
  'isin_not_text',
  'isin_format',
  'isin_checksum',
  'checksum',
  'inn_format',
  'inn_legal_entity_format',
  'inn_individual_format',
  'inn_checksum',
  'kpp_not_text',
  'kpp_format',
  'ogrn_format',
  'ogrnip_format',
  'ogrn_checksum',
  'ogrnip_checksum',
  'date_not_text',
  'date_format',
  'date_not_in_calendar',
  'issue_date_in_future',
  'settlement_date_in_past',
  'period_in_future',
  'period_reversed',
  'same_account',
  'division_code_format',
  'passport_number_format',
  'passport_series_format',
  'form_not_object',
  'too_long',
  'amount_too_many_digits',
  'choose_one',
  'currency_one_of',
  'year_too_early',
  'period_too_old',
  'snils_format',
  'snils_checksum',
  'not_adult',
  'birth_date_in_future',
  'passport_issued_before_14',
  'date_in_future',
  'date_in_past',
  'phone_format',
  'email_format',
  'consent_required',
  'choose_a_service',
  'percent_format',
  'shares_over_100',
  'contact_not_confirmed',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/** Values a text needs (a maximum, the options, a year). */
export type IssueParams = Readonly<Record<string, string | number>>;

/** One thing wrong with a field's value. */
export interface FieldIssue {
  code: ValidationCode;
  params?: IssueParams;
}

/** What is wrong with a form, by field name ("_form" for the form as a whole). */
export type FieldIssues = Record<string, FieldIssue[]>;

export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === 'string' && (VALIDATION_CODES as readonly string[]).includes(value);
}

/** An issue with its parameters (omitted when there are none). */
export function fieldIssue(code: ValidationCode, params?: IssueParams): FieldIssue {
  return params === undefined ? { code } : { code, params };
}
