import { validationFailed, type DomainError } from './errors.js';

/** A reason (return, reject, task reject) must say something; it is stored trimmed. */
export function requireReason(reason: unknown): string | DomainError {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '') return validationFailed('a reason is required', { reason: ['a reason is required'] });
  return text;
}

/** An optional free text (a cancel reason, a task comment): trimmed, and blank counts as absent. */
export function optionalText(text: string | undefined): string | undefined {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}
