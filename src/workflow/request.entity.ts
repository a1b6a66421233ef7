import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ClientSchema } from '../clients/client.entity.js';
import { UserSchema } from '../identity/user.entity.js';
import { REQUEST_STATUSES } from './domain/status.js';
import { REQUEST_TYPE_CODES, type Payload } from './domain/definition.js';

/** A client's request. `version` is the optimistic lock: every command bumps it. */
export const RequestSchema = defineEntity({
  name: 'Request',
  tableName: 'requests',
  indexes: [
    {
      // A client's list, newest first (GET /requests, the client bot's "My requests"): docs/0029, P6.
      name: 'requests_client_created_index',
      expression: `create index "requests_client_created_index" on "requests" ("client_id", "created_at" desc, "number" desc)`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    /** Human number, `2026-000123`. */
    number: p.string().length(20).unique(),
    typeCode: p.enum(REQUEST_TYPE_CODES),
    /** The pinned version of the type's definition. */
    typeVersion: p.integer(),
    clientId: () => p.manyToOne(ClientSchema).mapToPk().fieldName('client_id').index(),
    createdBy: () => p.manyToOne(UserSchema).mapToPk().fieldName('created_by'),
    status: p.enum(REQUEST_STATUSES).index(),
    payload: p.json<Payload>(),
    payloadHash: p.string().length(64),
    reviewerId: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('reviewer_id'),
    stageIndex: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime(),
    submittedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    version: p.integer().version(),
  },
});

export type RequestRow = InferEntity<typeof RequestSchema>;

/** Per-year counter behind the human request numbers. */
export const RequestCounterSchema = defineEntity({
  name: 'RequestCounter',
  tableName: 'request_counters',
  properties: {
    year: p.integer().primary().autoincrement(false),
    last: p.integer(),
  },
});
