import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/**
 * Consecutive failed logins per login as typed (an HMAC of it, so unknown logins are counted like real ones):
 * every password step counts until a completed login (password and code) resets it. Drives the growing delays
 * and the cap of docs/0013-login-without-oracles.md. Never expires by time: only a success or an administrator
 * clears it (NIST SP 800-63B counts consecutive failures).
 */
export const LoginFailureStreakSchema = defineEntity({
  name: 'LoginFailureStreak',
  tableName: 'login_failure_streaks',
  properties: {
    loginKey: p.string().length(64).primary(),
    failures: p.integer(),
    lastFailureAt: p.datetime(),
  },
});

export type LoginFailureStreak = InferEntity<typeof LoginFailureStreakSchema>;

/**
 * A network (IPv4 /24, IPv6 /64) from which a user completed a login: an HMAC of the user and the network under
 * the server secret, so the table holds no addresses. Logins from here skip the per-account delays and cap.
 */
export const UsualAddressSchema = defineEntity({
  name: 'UsualAddress',
  tableName: 'login_usual_addresses',
  properties: {
    key: p.string().length(64).primary(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    lastSeenAt: p.datetime(),
  },
});

export type UsualAddress = InferEntity<typeof UsualAddressSchema>;
