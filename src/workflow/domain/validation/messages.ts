import type { z } from 'zod';
import type { ValidationCode } from './issues.js';

/**
 * A zod `error` option that reports a field's own issue code for wrong input but lets a missing value fall
 * through, so `parsePayload` can report it uniformly as `required`.
 */
export function unlessMissing(code: ValidationCode): (issue: z.core.$ZodRawIssue) => string | undefined {
  return (issue) => (issue.input === undefined ? undefined : code);
}

/** The issue of a required field that has no value. */
export const REQUIRED: ValidationCode = 'required';
