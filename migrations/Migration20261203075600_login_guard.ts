import { Migration } from '@mikro-orm/migrations';

export class Migration20261203075600_login_guard extends Migration {
  override name = 'Migration20261203075600_login_guard';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "login_failure_streaks" ("login_key" varchar(64) not null, "failures" int not null, "last_failure_at" timestamptz not null, primary key ("login_key"));`,
    );

    this.addSql(
      `create table "login_usual_addresses" ("key" varchar(64) not null, "user_id" uuid not null, "last_seen_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(`create index "login_usual_addresses_user_id_index" on "login_usual_addresses" ("user_id");`);

    this.addSql(`create index "challenges_target_purpose_index" on "challenges" ("target", "purpose");`);

    this.addSql(
      `alter table "login_usual_addresses" add constraint "login_usual_addresses_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_failure_streaks" cascade;`);
    this.addSql(`drop table if exists "login_usual_addresses" cascade;`);

    this.addSql(`drop index "challenges_target_purpose_index";`);
  }
}
