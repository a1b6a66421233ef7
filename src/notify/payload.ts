import { TASK_ROLES, type TaskRole } from '../workflow/domain/roles.js';

/** Outbox payloads are JSON written by other modules: read their fields defensively. */
export function isTaskRole(value: unknown): value is TaskRole {
  return typeof value === 'string' && (TASK_ROLES as readonly string[]).includes(value);
}

export function stringField(payload: Record<string, unknown>, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberField(payload: Record<string, unknown>, key: string): number | undefined {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
