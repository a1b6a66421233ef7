import { Migration } from '@mikro-orm/migrations';

/** Issue 10 item 6: each Telegram Mini App initData is exchanged for a session once. */
export class Migration20261204001000_mini_app_uses extends Migration {
  override name = 'Migration20261204001000_mini_app_uses';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "mini_app_uses" ("hash" varchar(64) not null, "used_at" timestamptz not null, primary key ("hash"));`,
    );
    this.addSql(`create index "mini_app_uses_used_at_index" on "mini_app_uses" ("used_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mini_app_uses" cascade;`);
  }
}
