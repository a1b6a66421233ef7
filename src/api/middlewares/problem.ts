import type { Middleware } from 'koa';
import { AppError, DomainError, ERROR_STATUS, KabinetError, type ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { FieldErrors } from '../../workflow/domain/errors.js';
import type { FieldIssues } from '../../workflow/domain/validation/issues.js';
import { catalog, issueTexts } from '../../i18n/index.js';
import type { ApiContext, ApiState } from '../state.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The input is not valid',
  unauthorized: 'Sign in first',
  forbidden: 'Not allowed',
  password_change_required: 'Set a new password first',
  authenticator_required: 'Set up the authenticator app first',
  cross_site_request: 'Not accepted from another site',
  not_found: 'Not found',
  invalid_transition: 'Not possible in the current state',
  conflict: 'Changed by someone else',
  code_invalid: 'The code is wrong or no longer valid',
  malformed_request: 'The request cannot be read',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'The request is too large',
  unsupported_media_type: 'Send JSON',
  throttled: 'Too many attempts',
  unavailable: 'Temporarily unavailable',
  internal: 'Something went wrong on our side',
};

/** An RFC 9457 problem document; `code` is the stable machine-readable part. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldErrors;
  issues?: FieldIssues;
  refusal?: { reason: string; attemptsLeft: number };
  reason?: string;
}

/** Errors thrown by Koa's middlewares (body parser, router): they carry an HTTP status. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function fromHttpStatus(status: number): KabinetError {
  switch (status) {
    case 404:
      return new DomainError('not_found', 'no such endpoint');
    case 405:
    case 501:
      return new AppError('method_not_allowed', 'this endpoint does not take this method');
    case 413:
      return new AppError('payload_too_large', 'the body is larger than this API accepts');
    case 415:
      return new AppError('unsupported_media_type', 'send the body as application/json');
    default:
      return status < 500
        ? new AppError('malformed_request', 'the request body is not valid JSON')
        : new AppError('internal', 'an unexpected error occurred');
  }
}

/**
 * Per-field problems: messages in the caller's language (Accept-Language; Russian by default), plus the form
 * issues as codes and parameters. Messages already in words (identity, the API's own input checks) pass as they are.
 */
function fieldProblems(ctx: ApiContext, error: KabinetError): Pick<Problem, 'errors' | 'issues'> {
  const issues = error.fieldIssues;
  if (!issues && !error.fieldErrors) return {};
  const worded = issues ? issueTexts(catalog(ctx.get('accept-language')), issues) : {};
  const errors: FieldErrors = { ...error.fieldErrors };
  for (const [field, texts] of Object.entries(worded)) errors[field] = [...(errors[field] ?? []), ...texts];
  return issues ? { errors, issues } : { errors };
}

/** Why a signing code was refused, when the route attached it (the owner of the request only). */
function refusalOf(error: KabinetError): Pick<Problem, 'refusal'> {
  const refusal = error.details?.['refusal'];
  if (error.code !== 'code_invalid' || typeof refusal !== 'object' || refusal === null) return {};
  const { reason, attemptsLeft } = refusal as { reason?: unknown; attemptsLeft?: unknown };
  return typeof reason === 'string' && typeof attemptsLeft === 'number'
    ? { refusal: { reason, attemptsLeft } }
    : {};
}

/** Why a task or request command was refused, as a stable word (the state the caller should reload to see). */
const DENIAL_REASONS = [
  'taken',
  'already_yours',
  'four_eyes',
  'segregation',
  'task_status',
  'request_status',
  'init_data_invalid',
  'init_data_stale',
  'init_data_replayed',
  'telegram_not_linked',
];

function denialOf(error: KabinetError): Pick<Problem, 'reason'> {
  const reason = error.details?.['reason'];
  return typeof reason === 'string' && DENIAL_REASONS.includes(reason) ? { reason } : {};
}

export function sendProblem(ctx: ApiContext, error: KabinetError): void {
  const status = ERROR_STATUS[error.code];
  const problem: Problem = {
    type: `urn:kabinet:problem:${error.code}`,
    title: TITLES[error.code],
    status,
    code: error.code,
    detail: error.message,
    instance: ctx.path,
    requestId: ctx.state.requestId,
    ...fieldProblems(ctx, error),
    ...refusalOf(error),
    ...denialOf(error),
  };
  const retryAfter = error.details?.['retryAfterSeconds'];
  if (error.code === 'throttled' && typeof retryAfter === 'number')
    ctx.set('Retry-After', String(retryAfter));
  ctx.status = status;
  ctx.type = PROBLEM_CONTENT_TYPE;
  ctx.body = problem;
}

/**
 * The one place errors meet HTTP: domain and app errors become problem documents with their stable code; HTTP
 * errors of the body parser and router are mapped to codes too; anything else is a logged 500 that tells nothing.
 * Also turns a call no route answered into a 404 problem.
 */
export function problems(logger: Logger): Middleware<ApiState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) sendProblem(ctx, fromHttpStatus(404));
    } catch (error) {
      if (error instanceof KabinetError) {
        if (error.code === 'internal' || error.code === 'unavailable') {
          logger.error(
            { err: error, requestId: ctx.state.requestId },
            'request refused by a failing dependency',
          );
        }
        sendProblem(ctx, error);
        return;
      }
      const status = httpStatusOf(error);
      if (status !== undefined && (status < 500 || status === 501)) {
        sendProblem(ctx, fromHttpStatus(status));
        return;
      }
      logger.error({ err: error, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      sendProblem(ctx, new AppError('internal', 'an unexpected error occurred'));
    }
  };
}
