import type { FieldIssues } from './validation/issues.js';

/** Stable codes of domain refusals; the edges (HTTP, bots, workers) translate them once. */
export const DOMAIN_ERROR_CODES = [
  'invalid_transition',
  'forbidden',
  'conflict',
  'validation_failed',
  'not_found',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Field messages already in words (identity, the API's own input checks). */
export type FieldErrors = Record<string, string[]>;

/**
 * Codes of refusals given outside the pure core (sign-in, codes, throttling, the HTTP edge). They are listed here,
 * beside the domain's, only so that the one base class below knows every code the edges translate; the core
 * itself never gives them, and src/errors.ts is where they meet HTTP statuses.
 */
export type AppErrorCode =
  | 'unauthorized'
  /** A session opened with an initial password: only the password change is open to it. */
  | 'password_change_required'
  /** An administrator requires an authenticator the staff member has not enrolled: only the enrolment is open. */
  | 'authenticator_required'
  /** A cookie-authenticated change without the cabinet's own header or from another site's page (CSRF). */
  | 'cross_site_request'
  | 'code_invalid'
  | 'throttled'
  | 'unavailable'
  | 'internal'
  /** The body is not JSON, or not the JSON an endpoint takes at all. */
  | 'malformed_request'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type';
export type ErrorCode = DomainErrorCode | AppErrorCode;

export interface KabinetErrorOptions {
  fieldErrors?: FieldErrors;
  fieldIssues?: FieldIssues;
  details?: Record<string, unknown>;
}

/**
 * The one base of every refusal Kabinet gives (DomainError in the core, AppError around it): a stable code,
 * per-field errors for validation, structured details. Edges test `instanceof KabinetError` once and translate
 * the code; anything else is a failure, not a refusal. It lives in the pure core so the core can extend it without
 * importing from outside.
 */
export class KabinetError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  /** A form's issues as codes and parameters; the edges render them through the catalog. */
  readonly fieldIssues: FieldIssues | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: KabinetErrorOptions = {}) {
    super(message);
    this.name = 'KabinetError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.fieldIssues = options.fieldIssues;
    this.details = options.details;
  }
}

/** A refusal decided by the pure core: an invalid transition, a failed guard, invalid input. */
export class DomainError extends KabinetError {
  // Narrows the type only: the base constructor sets the value.
  declare readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string, options: KabinetErrorOptions = {}) {
    super(code, message, options);
    this.name = 'DomainError';
  }
}

export const invalidTransition = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid_transition', message, details ? { details } : {});
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);
export const validationFailed = (message: string, fieldErrors: FieldErrors): DomainError =>
  new DomainError('validation_failed', message, { fieldErrors });
