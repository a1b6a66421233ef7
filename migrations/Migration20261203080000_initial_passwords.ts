import { Migration } from '@mikro-orm/migrations';

/** Initial passwords (set by an administrator or the CLI) expire and force a change (docs/0014). */
export class Migration20261203080000_initial_passwords extends Migration {
  override name = 'Migration20261203080000_initial_passwords';

  override up(): void | Promise<void> {
    this.addSql(`alter table "users" add "password_expires_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "users" drop column "password_expires_at";`);
  }
}
