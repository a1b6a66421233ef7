import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from '../identity/user.entity.js';

export const CLIENT_KINDS = ['individual', 'sole_proprietor', 'legal_entity'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The contract party: an individual, a sole proprietor (ИП) or a legal entity. */
export const ClientSchema = defineEntity({
  name: 'Client',
  tableName: 'clients',
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(CLIENT_KINDS),
    /** Full name of a person, or the registered name of a sole proprietor / legal entity. */
    name: p.string().length(500),
    inn: p.string().length(12).unique(),
    /** OGRN (legal entity, 13 digits) or OGRNIP (sole proprietor, 15 digits). */
    ogrn: p.string().length(15).nullable(),
    /** Legal entities only. */
    kpp: p.string().length(9).nullable(),
    contractNumber: p.string().length(50).unique(),
    email: p.string().length(320).nullable(),
    phone: p.string().length(20).nullable(),
    address: p.text().nullable(),
    managerId: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('manager_id'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Client = InferEntity<typeof ClientSchema>;
