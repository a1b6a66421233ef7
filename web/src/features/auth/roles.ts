import { TASK_ROLES } from '../../../../src/workflow/domain/roles.js';
import type { Me } from './api/get-me';

/** Staff who work tasks (My tasks is their home). */
export function hasTaskRole(me: Me): boolean {
  return TASK_ROLES.some((role) => me.roles.includes(role));
}

/** Who may open the back-office exchange page: the API's `exchange` access, mirrored for the navigation. */
export function seesExchange(me: Me): boolean {
  return me.roles.includes('admin') || me.roles.includes('back_office');
}
