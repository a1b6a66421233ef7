import {
  DomainError,
  KabinetError,
  type AppErrorCode,
  type ErrorCode,
  type KabinetErrorOptions,
} from './workflow/domain/errors.js';

/** Stable snake_case codes of every refusal the app gives; the one place codes meet HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  password_change_required: 403,
  authenticator_required: 403,
  cross_site_request: 403,
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

/** A refusal outside the pure domain (auth, codes, throttling). Domain refusals stay DomainError. */
export class AppError extends KabinetError {
  constructor(code: ErrorCode, message: string, options: KabinetErrorOptions = {}) {
    super(code, message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);

export { DomainError, KabinetError, type AppErrorCode, type ErrorCode };
