import { Migration } from '@mikro-orm/migrations';

/** Issue 11: print forms kept byte for byte, addressed by SHA-256 (the document a signing code is bound to). */

export class Migration20261203113456_documents extends Migration {
  override name = 'Migration20261203113456_documents';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "documents" ("sha256" varchar(64) not null, "kind" text not null, "request_id" uuid not null, "content_type" varchar(100) not null, "content" bytea not null, "size" int not null, "created_at" timestamptz not null, primary key ("sha256"));`,
    );
    this.addSql(`create index "documents_request_id_index" on "documents" ("request_id");`);

    this.addSql(
      `alter table "documents" add constraint "documents_request_id_foreign" foreign key ("request_id") references "requests" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "documents" add constraint "documents_kind_check" check ("kind" in ('request_form'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "documents" cascade;`);
  }
}
