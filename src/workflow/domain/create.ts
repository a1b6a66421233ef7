import { forbidden, validationFailed, type DomainError } from './errors.js';
import { hasRole, type Actor } from './roles.js';

/** Who a new request belongs to: the client the actor acts for, filed by the actor. */
export interface CreateGrant {
  clientId: string;
  createdBy: string;
}

/**
 * May this actor file a new request? Only a client user (role `client` with a client) may; staff may not file
 * on a client's behalf. The payload itself is checked by the caller with the form module.
 */
export function decideCreate(actor: Actor, definitionExists = true): CreateGrant | DomainError {
  if (!hasRole(actor, 'client') || actor.clientId === undefined) {
    return forbidden('only a client may file requests');
  }
  if (!definitionExists) {
    return validationFailed('unknown request type', { type: ['there is no such request type'] });
  }
  return { clientId: actor.clientId, createdBy: actor.userId };
}
