import type { Actor, Role } from '../workflow/domain/roles.js';

/** The signed-in caller as the API sees it. */
export interface Authenticated {
  sessionId: string;
  user: {
    id: string;
    kind: 'client' | 'staff';
    email: string;
    phone: string | null;
    fullName: string;
    roles: Role[];
    clientId: string | null;
    locale: string;
    totpEnabled: boolean;
    /** The password is an initial one: the session may only change it (and read /me, sign out). */
    passwordChangeRequired: boolean;
    /** An administrator requires an authenticator this staff member has not enrolled: only the enrolment is open. */
    authenticatorRequired: boolean;
  };
  actor: Actor;
}
