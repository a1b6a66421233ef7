import type { z } from 'zod';

/**
 * A zod `error` option that keeps a field's own message for wrong input but lets a missing value fall
 * through, so `parsePayload` can report it uniformly as "This field is required".
 */
export function unlessMissing(message: string): (issue: z.core.$ZodRawIssue) => string | undefined {
  return (issue) => (issue.input === undefined ? undefined : message);
}

/** The message for a required field that has no value. */
export const REQUIRED_MESSAGE = 'This field is required';
