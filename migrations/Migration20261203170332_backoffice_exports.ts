import { Migration } from '@mikro-orm/migrations';

/** Issue 11 items 5–7: what was exported to the back office (FANSY) and what it answered (docs/0023). */
export class Migration20261203170332_backoffice_exports extends Migration {
  override name = 'Migration20261203170332_backoffice_exports';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "backoffice_exports" ("id" uuid not null, "kind" text not null, "request_id" uuid null, "client_id" uuid not null, "occurred_at" timestamptz not null, "attempt" int not null default 1, "status" text not null, "file_name" varchar(200) not null, "sent_at" timestamptz not null, "acknowledged_at" timestamptz null, "backoffice_ref" varchar(100) null, "error" text null, "stuck_alerted_at" timestamptz null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "backoffice_exports_status_sent_at_index" on "backoffice_exports" ("status", "sent_at");`,
    );
    this.addSql(`create index "backoffice_exports_request_id_index" on "backoffice_exports" ("request_id");`);

    this.addSql(
      `alter table "backoffice_exports" add constraint "backoffice_exports_kind_check" check ("kind" in ('request_accepted', 'request_completed', 'client_created'));`,
    );
    this.addSql(
      `alter table "backoffice_exports" add constraint "backoffice_exports_status_check" check ("status" in ('sent', 'acknowledged', 'error'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "backoffice_exports" cascade;`);
  }
}
