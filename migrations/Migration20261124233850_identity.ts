import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233850_identity extends Migration {
  override name = 'Migration20261124233850_identity';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "rate_limit_buckets" ("key" varchar(200) not null, "count" int not null, "window_started_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(
      `create index "rate_limit_buckets_window_started_at_index" on "rate_limit_buckets" ("window_started_at");`,
    );

    this.addSql(
      `create table "telegram_link_tokens" ("id" uuid not null, "purpose" text not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_by" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "telegram_link_tokens_user_id_index" on "telegram_link_tokens" ("user_id");`);
    this.addSql(
      `alter table "telegram_link_tokens" add constraint "telegram_link_tokens_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "sessions" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "ip" varchar(64) null, "user_agent" varchar(500) null, primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(
      `create table "challenges" ("id" uuid not null, "purpose" text not null, "user_id" uuid null, "target" varchar(100) null, "binding" varchar(64) null, "destinations" jsonb not null, "data" jsonb not null, "decoy" boolean not null default false, "attempts" int not null default 0, "max_attempts" int not null default 5, "send_count" int not null default 1, "created_at" timestamptz not null, "last_sent_at" timestamptz not null, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "invalidated_at" timestamptz null, "ip" varchar(64) null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(
      `create index "challenges_user_id_purpose_target_index" on "challenges" ("user_id", "purpose", "target");`,
    );

    this.addSql(
      `create table "signatures" ("id" uuid not null, "request_id" uuid not null, "request_version" int not null, "payload_hash" varchar(64) not null, "print_form_hash" varchar(64) null, "user_id" uuid not null, "phone" varchar(20) not null, "provider_message_id" varchar(200) null, "challenge_id" uuid not null, "channel" text not null, "ip" varchar(64) null, "user_agent" varchar(500) null, "telegram_user_id" bigint null, "attempts" int not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "signatures_request_id_index" on "signatures" ("request_id");`);

    this.addSql(
      `alter table "users" add "totp_secret" text null, add "totp_enabled_at" timestamptz null, add "totp_last_step" int null;`,
    );

    this.addSql(
      `alter table "telegram_link_tokens" add constraint "telegram_link_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "telegram_link_tokens" add constraint "telegram_link_tokens_purpose_check" check ("purpose" in ('client_link', 'staff_invite'));`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "challenges" add constraint "challenges_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "challenges" add constraint "challenges_purpose_check" check ("purpose" in ('login', 'sign_request', 'change_phone', 'change_email', 'change_password', 'enrol_totp', 'link_telegram'));`,
    );

    this.addSql(
      `alter table "signatures" add constraint "signatures_request_id_foreign" foreign key ("request_id") references "requests" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "signatures" add constraint "signatures_user_id_foreign" foreign key ("user_id") references "users" ("id");`,
    );
    this.addSql(
      `alter table "signatures" add constraint "signatures_challenge_id_foreign" foreign key ("challenge_id") references "challenges" ("id");`,
    );
    this.addSql(
      `alter table "signatures" add constraint "signatures_channel_check" check ("channel" in ('web', 'bot', 'api'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "signatures" drop constraint "signatures_challenge_id_foreign";`);

    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);
    this.addSql(`drop table if exists "telegram_link_tokens" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "challenges" cascade;`);
    this.addSql(`drop table if exists "signatures" cascade;`);

    this.addSql(
      `alter table "users" drop column "totp_secret", drop column "totp_enabled_at", drop column "totp_last_step";`,
    );
  }
}
