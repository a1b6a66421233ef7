/** Stable codes of domain refusals; the edges (HTTP, bots, workers) translate them once. */
export const DOMAIN_ERROR_CODES = [
  'invalid_transition',
  'forbidden',
  'conflict',
  'validation_failed',
  'not_found',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

import type { FieldIssues } from './validation/issues.js';

/** Field messages already in words (identity, the API's own input checks). */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  /** A form's issues as codes and parameters; the edges render them through the catalog. */
  readonly fieldIssues: FieldIssues | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; fieldIssues?: FieldIssues; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.fieldIssues = options.fieldIssues;
    this.details = options.details;
  }
}

export const invalidTransition = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid_transition', message, details ? { details } : {});
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);
export const validationFailed = (message: string, fieldErrors: FieldErrors): DomainError =>
  new DomainError('validation_failed', message, { fieldErrors });
