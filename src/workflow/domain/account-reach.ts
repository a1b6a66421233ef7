import type { Payload, RequestTypeDefinition, RestrictedData } from './definition.js';
import { hasRole, type Actor, type StaffRole } from './roles.js';
import { maskTail } from './types/shared/masking.js';

/**
 * Which staff roles read each kind of restricted data in full (DESIGN §14, docs/0025). The client manager checks
 * every request against the client's file and financial monitoring checks who is behind an operation, so both read
 * all of it; the back office writes payment orders, depositary instructions and the client's file; the accountant
 * executes payments; the depositary moves securities. Everyone else — brokerage, trust management, an administrator
 * without a business role — reads the last four characters, as the role chats do.
 */
export const FULL_READERS: Readonly<Record<RestrictedData, readonly StaffRole[]>> = {
  bank_account: ['client_manager', 'fin_monitoring', 'back_office', 'accountant'],
  depo_account: ['client_manager', 'fin_monitoring', 'back_office', 'depositary'],
  identity_document: ['client_manager', 'fin_monitoring', 'back_office'],
};

export function readsInFull(actor: Actor, data: RestrictedData): boolean {
  return FULL_READERS[data].some((role) => hasRole(actor, role));
}

/** The payload as this staff member may read it, and the fields masked for them. */
export function payloadForStaff(
  definition: RequestTypeDefinition,
  payload: Payload,
  actor: Actor,
): { payload: Payload; maskedFields: string[] } {
  const masked: Payload = { ...payload };
  const maskedFields: string[] = [];
  for (const field of definition.fields) {
    const value = masked[field.name];
    if (!field.restricted || typeof value !== 'string' || readsInFull(actor, field.restricted)) continue;
    masked[field.name] = value.length > 6 ? maskTail(value) : '•'.repeat(value.length);
    maskedFields.push(field.name);
  }
  return maskedFields.length === 0 ? { payload, maskedFields } : { payload: masked, maskedFields };
}
