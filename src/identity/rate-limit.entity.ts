import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Fixed-window counters for throttling (logins, codes, sends) per account and per IP. In PostgreSQL so every
 * process behind the load balancer counts into the same bucket; updated with one atomic upsert.
 */
export const RateLimitBucketSchema = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limit_buckets',
  properties: {
    key: p.string().length(200).primary(),
    count: p.integer(),
    windowStartedAt: p.datetime().index(),
  },
});

export type RateLimitBucket = InferEntity<typeof RateLimitBucketSchema>;
