import type { Actor } from './domain/roles.js';
import { TASK_ROLES, type TaskRole } from './domain/roles.js';
import type { RequestStatus } from './domain/status.js';

/** A client's unsigned work is its own: staff first see a request once it is signed. */
export const PRIVATE_STATUSES: readonly RequestStatus[] = ['draft', 'awaiting_signature'];

interface VisibleRow {
  clientId: string;
  status: RequestStatus;
}

/** Task roles (not client_manager, not admin) the actor works in. */
export function workingRoles(actor: Actor): TaskRole[] {
  return TASK_ROLES.filter((role) => role !== 'client_manager' && actor.roles.includes(role));
}

/** Client managers and admins see every signed request; the rest see what reached their roles. */
export function seesAllSigned(actor: Actor): boolean {
  return actor.roles.includes('client_manager') || actor.roles.includes('admin');
}

/**
 * Whether the actor may see a request: a client its own client's requests; client managers and admins every
 * signed one; other staff the ones with a task of their roles.
 */
export function canView(row: VisibleRow, tasks: readonly { role: TaskRole }[], actor: Actor): boolean {
  if (actor.roles.includes('client')) return actor.clientId !== undefined && actor.clientId === row.clientId;
  if (PRIVATE_STATUSES.includes(row.status)) return false;
  if (seesAllSigned(actor)) return true;
  const roles = workingRoles(actor);
  return tasks.some((t) => roles.includes(t.role));
}

/** `own`: a client manager works the clients it owns (DESIGN §14); `all`: one shared pool for small firms. */
export type ClientManagerScope = 'own' | 'all';

/**
 * The roles an actor holds on one request. A client manager is one only for the clients it owns (unless the firm
 * shares one pool): for another manager's client it keeps its other roles, and the request is out of its reach
 * as a manager — it can neither see it as one nor take, accept, return or reject it.
 */
export function actorOnRequest(
  actor: Actor,
  ownerManagerId: string | null,
  scope: ClientManagerScope,
): Actor {
  if (scope === 'all' || !actor.roles.includes('client_manager') || ownerManagerId === actor.userId)
    return actor;
  return { ...actor, roles: actor.roles.filter((role) => role !== 'client_manager') };
}
