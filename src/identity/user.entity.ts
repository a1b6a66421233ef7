import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { USER_TRIGGERS } from './auth-triggers.js';
import { ClientSchema } from '../clients/client.entity.js';
import type { Role } from '../workflow/domain/roles.js';

export const USER_KINDS = ['client', 'staff'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** A person who logs in: a client's user (belongs to one client) or a staff member with roles. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  triggers: USER_TRIGGERS,
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(USER_KINDS),
    email: p.string().length(320).unique(),
    phone: p.string().length(20).nullable(),
    fullName: p.string().length(300),
    passwordHash: p.string().length(300).nullable().hidden(),
    /**
     * Set when the password is an initial one (chosen by an administrator or the CLI, not by the person): it opens
     * only a restricted session (change the password) and stops working at this time. Null for a chosen password.
     */
    passwordExpiresAt: p.datetime().nullable(),
    /** Staff roles; `['client']` for client users. */
    roles: p.array<Role>().$type<Role[]>(),
    clientId: () => p.manyToOne(ClientSchema).mapToPk().nullable().fieldName('client_id'),
    /** The authenticator secret, AES-256-GCM encrypted with a key derived from CODE_SECRET; set once enrolled. */
    totpSecret: p.text().nullable().hidden(),
    totpEnabledAt: p.datetime().nullable(),
    /** Set by an administrator: until an authenticator is enrolled, a session opens only the enrolment. */
    totpRequired: p.boolean().default(false),
    /** The last TOTP time step accepted: a code is never accepted twice (replay). */
    totpLastStep: p.integer().nullable(),
    locale: p.string().length(2).default('ru'),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof UserSchema>;
