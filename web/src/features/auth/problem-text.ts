import type { WebCatalog as Catalog } from '../../../../src/i18n/web.js';
import { ApiError } from '../../lib/api-client';
import { refusalOf } from '../../lib/refusal';

/** What a failed sign-in call means to a person, from the catalog: the problem's code and Retry-After. */
export function signInProblemText(t: Catalog, error: unknown): string {
  if (!(error instanceof ApiError)) return t.web.failed;
  if (error.status === 429) return t.web.signIn.throttled(error.retryAfterSeconds);
  if (error.code === 'code_invalid') {
    const refusal = refusalOf(error);
    return refusal?.reason === 'wrong' && refusal.attemptsLeft > 0
      ? t.web.signIn.codeWrong(refusal.attemptsLeft)
      : t.web.signIn.codeInvalid;
  }
  if (error.code && error.code in t.errors) return t.errors[error.code as keyof Catalog['errors']];
  return t.web.failed;
}
