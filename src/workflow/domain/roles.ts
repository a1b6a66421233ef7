/** Staff roles that own tasks in request processes (DESIGN §1). */
export const TASK_ROLES = [
  'client_manager',
  'back_office',
  'fin_monitoring',
  'brokerage',
  'depositary',
  'trust_management',
  'accountant',
] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/** Every staff role, including the non-business administrator. */
export const STAFF_ROLES = [...TASK_ROLES, 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Role = 'client' | StaffRole;

/** Who issues a command. Clients carry the id of the client (contract party) they act for. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** Set for client users only: the client they belong to. */
  clientId?: string;
  /** Shown in journals and bot cards ("done by …"). */
  displayName?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export function isClientActor(actor: Actor): boolean {
  return hasRole(actor, 'client') && actor.clientId !== undefined;
}
