import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234357_bots extends Migration {
  override name = 'Migration20261124234357_bots';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "bot_chat_states" ("key" varchar(80) not null, "bot" text not null, "state" jsonb not null, "updated_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(`create index "bot_chat_states_updated_at_index" on "bot_chat_states" ("updated_at");`);

    this.addSql(
      `create table "bot_callback_tokens" ("id" varchar(16) not null, "bot" text not null, "digest" varchar(64) not null, "action" varchar(50) not null, "args" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "bot_callback_tokens" add constraint "bot_callback_tokens_digest_unique" unique ("digest");`,
    );

    this.addSql(
      `create table "bot_checklist_drafts" ("subject" varchar(60) not null, "round" int not null, "marks" jsonb not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("subject"));`,
    );

    this.addSql(
      `create table "bot_processed_updates" ("bot" text not null, "update_id" bigint not null, "received_at" timestamptz not null, primary key ("bot", "update_id"));`,
    );
    this.addSql(
      `create index "bot_processed_updates_received_at_index" on "bot_processed_updates" ("received_at");`,
    );

    this.addSql(
      `alter table "bot_chat_states" add constraint "bot_chat_states_bot_check" check ("bot" in ('client', 'staff'));`,
    );

    this.addSql(
      `alter table "bot_callback_tokens" add constraint "bot_callback_tokens_bot_check" check ("bot" in ('client', 'staff'));`,
    );

    this.addSql(
      `alter table "bot_processed_updates" add constraint "bot_processed_updates_bot_check" check ("bot" in ('client', 'staff'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "bot_chat_states" cascade;`);
    this.addSql(`drop table if exists "bot_callback_tokens" cascade;`);
    this.addSql(`drop table if exists "bot_checklist_drafts" cascade;`);
    this.addSql(`drop table if exists "bot_processed_updates" cascade;`);
  }
}
