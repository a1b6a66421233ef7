import { DomainError, type DomainErrorCode, type FieldErrors } from './workflow/domain/errors.js';

/** Stable snake_case codes of every refusal the app gives; the one place codes meet HTTP statuses. */
export const ERROR_STATUS: Record<DomainErrorCode | AppErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  code_invalid: 422,
  malformed_request: 400,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  throttled: 429,
  unavailable: 503,
  internal: 500,
};

export type AppErrorCode =
  | 'unauthorized'
  /** A session opened with an initial password: only the password change is open to it. */
  | 'password_change_required'
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

/** A refusal outside the pure domain (auth, codes, throttling). Domain refusals stay DomainError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);

export { DomainError };
