import { Migration } from '@mikro-orm/migrations';

/** Issue 11 item 8: the short verification code of a signature, and signed copies kept as issued. */
export class Migration20261203120000_document_verification extends Migration {
  override name = 'Migration20261203120000_document_verification';

  override up(): void | Promise<void> {
    this.addSql(`alter table "signatures" add column "verification_code" varchar(16) null;`);
    this.addSql(
      `alter table "signatures" add constraint "signatures_verification_code_unique" unique ("verification_code");`,
    );
    this.addSql(`alter table "documents" drop constraint if exists "documents_kind_check";`);
    this.addSql(
      `alter table "documents" add constraint "documents_kind_check" check ("kind" in ('request_form', 'signed_copy'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "documents" drop constraint if exists "documents_kind_check";`);
    this.addSql(
      `alter table "documents" add constraint "documents_kind_check" check ("kind" in ('request_form'));`,
    );
    this.addSql(`alter table "signatures" drop constraint "signatures_verification_code_unique";`);
    this.addSql(`alter table "signatures" drop column "verification_code";`);
  }
}
