import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233345_notifications extends Migration {
  override name = 'Migration20261124233345_notifications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_deliveries" ("id" uuid not null, "outbox_id" uuid not null, "request_id" uuid null, "topic" varchar(100) not null, "channel" text not null, "recipient_kind" text not null, "recipient_key" varchar(100) not null, "recipient_user_id" uuid null, "recipient_role" varchar(50) null, "bot" varchar(10) null, "priority" text not null default 'normal', "status" text not null default 'queued', "attempts" int not null default 0, "deferrals" int not null default 0, "next_attempt_at" timestamptz not null, "provider_message_id" varchar(200) null, "receipt_status" varchar(20) null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_deliveries_request_id_index" on "notification_deliveries" ("request_id");`,
    );
    this.addSql(
      `create index "notification_deliveries_provider_message_id_index" on "notification_deliveries" ("provider_message_id");`,
    );
    this.addSql(
      `create index "notification_deliveries_status_next_attempt_at_index" on "notification_deliveries" ("status", "next_attempt_at");`,
    );
    this.addSql(
      `create index "notification_deliveries_recipient_user_id_created_at_index" on "notification_deliveries" ("recipient_user_id", "created_at");`,
    );
    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_outbox_id_channel_recipient_key_unique" unique ("outbox_id", "channel", "recipient_key");`,
    );

    this.addSql(
      `create table "telegram_links" ("id" uuid not null, "user_id" uuid not null, "bot" text not null, "chat_id" bigint not null, "telegram_user_id" bigint not null, "status" text not null default 'active', "muted_until" timestamptz null, "linked_at" timestamptz not null, "blocked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "telegram_links" add constraint "telegram_links_bot_chat_id_unique" unique ("bot", "chat_id");`,
    );
    this.addSql(
      `alter table "telegram_links" add constraint "telegram_links_user_id_bot_unique" unique ("user_id", "bot");`,
    );

    this.addSql(
      `create table "role_chats" ("id" uuid not null, "role" text not null, "chat_id" bigint not null, "title" varchar(300) not null, "bound_by" uuid null, "bound_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "role_chats" add constraint "role_chats_role_unique" unique ("role");`);
    this.addSql(`create index "role_chats_chat_id_index" on "role_chats" ("chat_id");`);

    this.addSql(
      `create table "inapp_notifications" ("id" uuid not null, "user_id" uuid not null, "request_id" uuid null, "topic" varchar(100) not null, "title" text not null, "body" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "inapp_notifications_user_id_read_at_index" on "inapp_notifications" ("user_id", "read_at");`,
    );

    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_outbox_id_foreign" foreign key ("outbox_id") references "outbox" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_channel_check" check ("channel" in ('telegram', 'email', 'sms', 'inapp'));`,
    );
    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_recipient_kind_check" check ("recipient_kind" in ('user', 'role_chat'));`,
    );
    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_priority_check" check ("priority" in ('urgent', 'normal'));`,
    );
    this.addSql(
      `alter table "notification_deliveries" add constraint "notification_deliveries_status_check" check ("status" in ('queued', 'sending', 'sent', 'failed', 'undeliverable', 'skipped'));`,
    );

    this.addSql(
      `alter table "telegram_links" add constraint "telegram_links_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "telegram_links" add constraint "telegram_links_bot_check" check ("bot" in ('client', 'staff'));`,
    );
    this.addSql(
      `alter table "telegram_links" add constraint "telegram_links_status_check" check ("status" in ('active', 'blocked', 'unlinked'));`,
    );

    this.addSql(
      `alter table "role_chats" add constraint "role_chats_bound_by_foreign" foreign key ("bound_by") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "role_chats" add constraint "role_chats_role_check" check ("role" in ('client_manager', 'back_office', 'fin_monitoring', 'brokerage', 'depositary', 'trust_management', 'accountant'));`,
    );

    this.addSql(
      `alter table "inapp_notifications" add constraint "inapp_notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_deliveries" cascade;`);
    this.addSql(`drop table if exists "telegram_links" cascade;`);
    this.addSql(`drop table if exists "role_chats" cascade;`);
    this.addSql(`drop table if exists "inapp_notifications" cascade;`);
  }
}
