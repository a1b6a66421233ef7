import { Migration } from '@mikro-orm/migrations';

/** Issue 12: account-opening questionnaires, their numbers, Gosuslugi sign-ins under way, and the activation links of the clients made of them. */
export class Migration20261204130000_account_applications extends Migration {
  override name = 'Migration20261204130000_account_applications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account_applications" ("id" uuid not null, "number" varchar(20) null, "kind" text not null, "status" text not null, "answers" jsonb not null, "resume_token_hash" varchar(64) not null, "phone_confirmation" jsonb null, "email_confirmation" jsonb null, "esia_oid" varchar(40) null, "prefilled_fields" jsonb not null, "locale" varchar(2) not null, "consent_version" varchar(20) null, "consented_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "imported_at" timestamptz null, "imported_client_id" uuid null, "imported_by" uuid null, "imported_user_id" uuid null, "contracts" jsonb null, "contracts_signed_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(
      `alter table "account_applications" add constraint "account_applications_number_unique" unique ("number");`,
    );
    this.addSql(
      `create index "account_applications_status_updated_at_index" on "account_applications" ("status", "updated_at");`,
    );
    this.addSql(
      `create index "account_applications_status_submitted_at_index" on "account_applications" ("status", "submitted_at");`,
    );

    this.addSql(
      `create table "application_counters" ("year" int not null, "last" int not null, primary key ("year"));`,
    );

    this.addSql(
      `create table "esia_logins" ("state" uuid not null, "locale" varchar(2) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("state"));`,
    );
    this.addSql(`create index "esia_logins_expires_at_index" on "esia_logins" ("expires_at");`);

    this.addSql(
      `create table "activation_tokens" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "activation_tokens_user_id_index" on "activation_tokens" ("user_id");`);
    this.addSql(
      `alter table "activation_tokens" add constraint "activation_tokens_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `alter table "account_applications" add constraint "account_applications_kind_check" check ("kind" in ('individual', 'sole_proprietor', 'legal_entity'));`,
    );
    this.addSql(
      `alter table "account_applications" add constraint "account_applications_status_check" check ("status" in ('draft', 'submitted', 'imported'));`,
    );

    this.addSql(
      `alter table "activation_tokens" add constraint "activation_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_applications" cascade;`);
    this.addSql(`drop table if exists "application_counters" cascade;`);
    this.addSql(`drop table if exists "esia_logins" cascade;`);
    this.addSql(`drop table if exists "activation_tokens" cascade;`);
  }
}
