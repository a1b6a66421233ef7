import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A Gosuslugi sign-in under way: the `state` sent to ESIA, checked on the way back — known, unused, not older than
 * ten minutes — so a callback nobody started here, or one replayed, leads nowhere.
 */
export const EsiaLoginSchema = defineEntity({
  name: 'EsiaLogin',
  tableName: 'esia_logins',
  properties: {
    state: p.uuid().primary(),
    locale: p.string().length(2),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    usedAt: p.datetime().nullable(),
  },
});

export type EsiaLogin = InferEntity<typeof EsiaLoginSchema>;
