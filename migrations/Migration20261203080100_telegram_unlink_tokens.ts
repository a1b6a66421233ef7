import { Migration } from '@mikro-orm/migrations';

/** Issue 17: the one-time "it was not me" links e-mailed when a Telegram account is linked to a client. */
export class Migration20261203080100_telegram_unlink_tokens extends Migration {
  override name = 'Migration20261203080100_telegram_unlink_tokens';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "telegram_unlink_tokens" ("id" uuid not null, "user_id" uuid not null, "link_id" uuid not null, "telegram_user_id" bigint not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "telegram_unlink_tokens_user_id_index" on "telegram_unlink_tokens" ("user_id");`,
    );
    this.addSql(
      `alter table "telegram_unlink_tokens" add constraint "telegram_unlink_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `alter table "telegram_unlink_tokens" add constraint "telegram_unlink_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "telegram_unlink_tokens" cascade;`);
  }
}
