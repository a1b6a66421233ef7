import { Migration } from '@mikro-orm/migrations';

/** Issue 10 item 5: an administrator can require a staff member's authenticator app. */
export class Migration20261204000000_staff_totp_required extends Migration {
  override name = 'Migration20261204000000_staff_totp_required';

  override up(): void | Promise<void> {
    this.addSql(`alter table "users" add column "totp_required" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "users" drop column "totp_required";`);
  }
}
