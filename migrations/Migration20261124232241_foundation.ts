import { Migration } from '@mikro-orm/migrations';

export class Migration20261124232241_foundation extends Migration {
  override name = 'Migration20261124232241_foundation';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "journal_entries" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" uuid null, "action" varchar(100) not null, "request_id" uuid null, "subject_user_id" uuid null, "data" jsonb not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`,
    );
    this.addSql(`create index "journal_entries_request_id_index" on "journal_entries" ("request_id");`);
    this.addSql(
      `create index "journal_entries_subject_user_id_index" on "journal_entries" ("subject_user_id");`,
    );
    this.addSql(
      `create or replace function "journal_entries_journal_append_only_fn"() returns trigger as \$\$ begin raise exception 'journal_entries is append-only (% refused)', tg_op using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "journal_append_only" BEFORE UPDATE OR DELETE on "journal_entries" for each ROW execute function "journal_entries_journal_append_only_fn"();`,
    );

    this.addSql(
      `create table "outbox" ("id" uuid not null, "topic" varchar(100) not null, "request_id" uuid null, "payload" jsonb not null, "status" text not null default 'pending', "attempts" int not null default 0, "available_at" timestamptz not null, "created_at" timestamptz not null, "dispatched_at" timestamptz null, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_status_available_at_index" on "outbox" ("status", "available_at");`);
    this.addSql(
      `alter table "outbox" add constraint "outbox_status_check" check ("status" in ('pending', 'dispatched', 'delivered', 'failed'));`,
    );

    this.addSql(
      `create table "request_counters" ("year" int not null, "last" int not null, primary key ("year"));`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "kind" text not null, "email" varchar(320) not null, "phone" varchar(20) null, "full_name" varchar(300) not null, "password_hash" varchar(300) null, "roles" text[] not null, "client_id" uuid null, "locale" varchar(2) not null default 'ru', "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(
      `alter table "users" add constraint "users_kind_check" check ("kind" in ('client', 'staff'));`,
    );

    this.addSql(
      `create table "clients" ("id" uuid not null, "kind" text not null, "name" varchar(500) not null, "inn" varchar(12) not null, "ogrn" varchar(15) null, "kpp" varchar(9) null, "contract_number" varchar(50) not null, "email" varchar(320) null, "phone" varchar(20) null, "address" text null, "manager_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "clients" add constraint "clients_inn_unique" unique ("inn");`);
    this.addSql(
      `alter table "clients" add constraint "clients_contract_number_unique" unique ("contract_number");`,
    );
    this.addSql(
      `alter table "clients" add constraint "clients_kind_check" check ("kind" in ('individual', 'sole_proprietor', 'legal_entity'));`,
    );

    this.addSql(
      `create table "requests" ("id" uuid not null, "number" varchar(20) not null, "type_code" text not null, "type_version" int not null, "client_id" uuid not null, "created_by" uuid not null, "status" text not null, "payload" jsonb not null, "payload_hash" varchar(64) not null, "reviewer_id" uuid null, "stage_index" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "closed_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`alter table "requests" add constraint "requests_number_unique" unique ("number");`);
    this.addSql(`create index "requests_client_id_index" on "requests" ("client_id");`);
    this.addSql(`create index "requests_status_index" on "requests" ("status");`);
    this.addSql(
      `alter table "requests" add constraint "requests_type_code_check" check ("type_code" in ('withdrawal', 'securities_transfer', 'internal_transfer', 'broker_report', 'tax_certificate', 'bank_details_change', 'personal_data_change', 'qualified_investor', 'trust_management', 'contract_termination', 'general_inquiry'));`,
    );
    this.addSql(
      `alter table "requests" add constraint "requests_status_check" check ("status" in ('draft', 'awaiting_signature', 'submitted', 'in_review', 'in_progress', 'returned', 'rejected', 'cancelled', 'completed'));`,
    );

    this.addSql(
      `create table "tasks" ("id" uuid not null, "request_id" uuid not null, "key" varchar(100) not null, "stage_index" int not null, "role" text not null, "status" text not null, "approvals_required" int not null, "approvals" jsonb not null, "assignee_id" uuid null, "due_at" timestamptz not null, "checklist" jsonb null, "rejected_by" uuid null, "reject_reason" text null, "escalations" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "tasks_role_index" on "tasks" ("role");`);
    this.addSql(`create index "tasks_status_index" on "tasks" ("status");`);
    this.addSql(
      `alter table "tasks" add constraint "tasks_request_id_key_unique" unique ("request_id", "key");`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_role_check" check ("role" in ('client_manager', 'back_office', 'fin_monitoring', 'brokerage', 'depositary', 'trust_management', 'accountant'));`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_status_check" check ("status" in ('open', 'claimed', 'done', 'rejected', 'cancelled'));`,
    );

    this.addSql(
      `alter table "users" add constraint "users_client_id_foreign" foreign key ("client_id") references "clients" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "clients" add constraint "clients_manager_id_foreign" foreign key ("manager_id") references "users" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "requests" add constraint "requests_client_id_foreign" foreign key ("client_id") references "clients" ("id");`,
    );
    this.addSql(
      `alter table "requests" add constraint "requests_created_by_foreign" foreign key ("created_by") references "users" ("id");`,
    );
    this.addSql(
      `alter table "requests" add constraint "requests_reviewer_id_foreign" foreign key ("reviewer_id") references "users" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "tasks" add constraint "tasks_request_id_foreign" foreign key ("request_id") references "requests" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_rejected_by_foreign" foreign key ("rejected_by") references "users" ("id") on delete set null;`,
    );
  }
}
