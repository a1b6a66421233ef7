import { Migration } from '@mikro-orm/migrations';

/** Issue 13 item 2 (docs/0029): sessions and users NOTIFY `kabinet_auth` when they change; the session cache listens. */
export class Migration20261204131000_auth_notify extends Migration {
  override name = 'Migration20261204131000_auth_notify';

  override up(): void | Promise<void> {
    this.addSql(
      `create or replace function "users_users_changed_notify_fn"() returns trigger as \$\$ begin perform pg_notify('kabinet_auth', 'user:' || coalesce(new.id, old.id)::text); return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "users_changed_notify" AFTER UPDATE OR DELETE on "users" for each ROW execute function "users_users_changed_notify_fn"();`,
    );

    this.addSql(
      `create or replace function "sessions_sessions_revoked_notify_fn"() returns trigger as \$\$ begin perform pg_notify('kabinet_auth', 'session:' || coalesce(new.id, old.id)::text); return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(`create trigger "sessions_revoked_notify" AFTER UPDATE on "sessions" for each ROW
  when (((new.revoked_at IS DISTINCT FROM old.revoked_at) OR (new.expires_at IS DISTINCT FROM old.expires_at))) execute function "sessions_sessions_revoked_notify_fn"();`);
    this.addSql(
      `create or replace function "sessions_sessions_deleted_notify_fn"() returns trigger as \$\$ begin perform pg_notify('kabinet_auth', 'session:' || coalesce(new.id, old.id)::text); return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "sessions_deleted_notify" AFTER DELETE on "sessions" for each ROW execute function "sessions_sessions_deleted_notify_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "sessions_revoked_notify" on "sessions";`);
    this.addSql(`drop function if exists "sessions_sessions_revoked_notify_fn"();`);
    this.addSql(`drop trigger if exists "sessions_deleted_notify" on "sessions";`);
    this.addSql(`drop function if exists "sessions_sessions_deleted_notify_fn"();`);

    this.addSql(`drop trigger if exists "users_changed_notify" on "users";`);
    this.addSql(`drop function if exists "users_users_changed_notify_fn"();`);
  }
}
