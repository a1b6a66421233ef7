import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One Mini App `initData` exchanged for a session, by its signature: the same `initData` is refused a second time
 * (a copied URL, a replayed request). Rows older than the accepted age are useless (such an `initData` is stale
 * anyway) and are deleted as new ones come.
 */
export const MiniAppUseSchema = defineEntity({
  name: 'MiniAppUse',
  tableName: 'mini_app_uses',
  properties: {
    hash: p.string().length(64).primary(),
    usedAt: p.datetime().index(),
  },
});

export type MiniAppUse = InferEntity<typeof MiniAppUseSchema>;
