import type { z } from 'zod';
import type { Config } from '../config.js';
import { pendingMigrations, type Orm } from '../db/orm.js';
import { KabinetError } from '../errors.js';
import { clientCreateSchema, staffCreateSchema } from './accounts.schemas.js';
import { ClientAccountsService } from './client-accounts.service.js';
import { LinkTokenService } from './link-tokens.js';
import { DEFAULT_SESSION_POLICY, SessionService } from './session.service.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { UserSchema } from './user.entity.js';

export const ACCOUNT_COMMANDS_USAGE = `  admin:create --email E --phone P --name N
                                   the first administrator (no demo data); the password is ADMIN_PASSWORD
                                   from the environment, or a one-time one printed once
  staff:invite --email E --phone P --name N --roles r1,r2
                                   a staff member with a one-time password and a staff-bot invite link
  client:create --kind individual|sole_proprietor|legal_entity --name N --inn I [--ogrn O] [--kpp K]
                --contract C [--address A] [--manager-email M] --user-email E --user-phone P --user-name N
                                   a client and its first user, with a one-time password`;

/** `--key value` pairs; a flag without a value is "true". */
export function parseFlags(args: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) flags[arg.slice(2)] = 'true';
    else {
      flags[arg.slice(2)] = next;
      i += 1;
    }
  }
  return flags;
}

function validated<T extends z.ZodType>(
  schema: T,
  input: unknown,
  flagOf: (path: string) => string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  --${flagOf(issue.path.map(String).join('.'))}: ${issue.message}`,
  );
  throw new CliInputError(`invalid input:\n${lines.join('\n')}`);
}

export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

const CLIENT_FLAGS: Record<string, string> = {
  contractNumber: 'contract',
  managerId: 'manager-email',
  'user.email': 'user-email',
  'user.phone': 'user-phone',
  'user.fullName': 'user-name',
};

/**
 * Bootstrap commands for production: the first admin, staff invites, clients, without demo data. Prints what was
 * created as JSON. A password given through ADMIN_PASSWORD is never printed; a generated one-time password is
 * printed once (it is the only way to learn it) and should be changed at first login.
 * Returns null for a command that is not an account command.
 */
export async function runAccountCommand(
  command: string | undefined,
  args: readonly string[],
  orm: Orm,
  config: Config,
): Promise<number | null> {
  if (command !== 'admin:create' && command !== 'staff:invite' && command !== 'client:create') return null;
  const pending = await pendingMigrations(orm);
  if (pending.length > 0) {
    console.error(
      `the database has pending migrations (${pending.join(', ')}); run \`npm run db:migrate\` first`,
    );
    return 3;
  }
  const now = () => new Date();
  const sessions = new SessionService(orm, DEFAULT_SESSION_POLICY, now);
  const staff = new StaffAccountsService({
    orm,
    sessions,
    linkTokens: new LinkTokenService(orm, config.identity.bots, now),
    now,
  });
  const clients = new ClientAccountsService({ orm, sessions, now });
  const flags = parseFlags(args);
  try {
    switch (command) {
      case 'admin:create': {
        const input = validated(
          staffCreateSchema,
          { email: flags['email'], phone: flags['phone'], fullName: flags['name'], roles: ['admin'] },
          (p) => (p === 'fullName' ? 'name' : p),
        );
        const envPassword = process.env['ADMIN_PASSWORD'];
        const created = await staff.createStaff(input, null, envPassword ? { password: envPassword } : {});
        print({
          created: 'admin',
          user: created.user,
          staffBotInvite: created.invite,
          ...oneTime(created.initialPassword),
        });
        return 0;
      }
      case 'staff:invite': {
        const roles = (flags['roles'] ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== '');
        const input = validated(
          staffCreateSchema,
          { email: flags['email'], phone: flags['phone'], fullName: flags['name'], roles },
          (p) => (p === 'fullName' ? 'name' : p.replace(/\.\d+$/, '')),
        );
        const created = await staff.createStaff(input, null);
        print({
          created: 'staff',
          user: created.user,
          staffBotInvite: created.invite,
          ...oneTime(created.initialPassword),
        });
        return 0;
      }
      case 'client:create': {
        let managerId: string | undefined;
        if (flags['manager-email']) {
          const manager = await orm.em
            .fork()
            .findOne(UserSchema, { email: flags['manager-email'].toLowerCase(), kind: 'staff' });
          if (!manager)
            throw new CliInputError(`invalid input:\n  --manager-email: no staff member with this email`);
          managerId = manager.id;
        }
        const input = validated(
          clientCreateSchema,
          {
            kind: flags['kind'],
            name: flags['name'],
            inn: flags['inn'],
            ogrn: flags['ogrn'],
            kpp: flags['kpp'],
            contractNumber: flags['contract'],
            address: flags['address'],
            managerId,
            user: { email: flags['user-email'], phone: flags['user-phone'], fullName: flags['user-name'] },
          },
          (p) => CLIENT_FLAGS[p] ?? p,
        );
        const created = await clients.createClient(input, null);
        print({
          created: 'client',
          client: created.client,
          user: created.user,
          ...oneTime(created.initialPassword),
        });
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof CliInputError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof KabinetError) {
      const fields = error.fieldErrors
        ? Object.entries(error.fieldErrors)
            .map(([k, v]) => `\n  ${k}: ${v.join('; ')}`)
            .join('')
        : '';
      console.error(`refused (${error.code}): ${error.message}${fields}`);
      return 1;
    }
    throw error;
  }
}

function oneTime(password: string | null): Record<string, string> {
  return password === null
    ? {}
    : {
        oneTimePassword: password,
        note:
          'shown once: give it to the person; it works for 72 hours and only to set a new password at the ' +
          'first login (POST /api/v1/me/password)',
      };
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
