/**
 * The triggers behind the session cache (docs/0029): a change that matters to who may act — a session revoked,
 * shortened or deleted; any change of a user — NOTIFYs `kabinet_auth` in its own transaction, delivered to every
 * process's listener at commit. Triggers, not application code, so no path can forget to tell. Declared on the
 * entities, so the schema diff knows them.
 */
const notify = (kind: 'session' | 'user') =>
  `perform pg_notify('kabinet_auth', '${kind}:' || coalesce(new.id, old.id)::text); return null;`;

export const SESSION_TRIGGERS = [
  {
    name: 'sessions_revoked_notify',
    timing: 'after' as const,
    events: ['update' as const],
    // As PostgreSQL prints it back, so the schema diff sees no change.
    when: '((new.revoked_at IS DISTINCT FROM old.revoked_at) OR (new.expires_at IS DISTINCT FROM old.expires_at))',
    body: notify('session'),
  },
  {
    name: 'sessions_deleted_notify',
    timing: 'after' as const,
    events: ['delete' as const],
    body: notify('session'),
  },
];

export const USER_TRIGGERS = [
  {
    name: 'users_changed_notify',
    timing: 'after' as const,
    events: ['update' as const, 'delete' as const],
    body: notify('user'),
  },
];
