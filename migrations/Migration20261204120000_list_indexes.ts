import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13 P6 (docs/0029): the two lists that must stay fast at a million requests — a role's open tasks, most
 * urgent first, and a client's requests, newest first. `EXPLAIN (ANALYZE)` before and after in docs/0029.
 */
export class Migration20261204120000_list_indexes extends Migration {
  override name = 'Migration20261204120000_list_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "tasks_active_role_due_index" on "tasks" ("role", "due_at", "id") where "status" in ('open', 'claimed');`,
    );
    this.addSql(
      `create index "requests_client_created_index" on "requests" ("client_id", "created_at" desc, "number" desc);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "tasks_active_role_due_index";`);
    this.addSql(`drop index if exists "requests_client_created_index";`);
  }
}
