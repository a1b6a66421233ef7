import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { runAccountCommand } from '../../src/identity/accounts-cli.js';
import { verifyPassword } from '../../src/identity/password.js';
import { UserSchema } from '../../src/identity/user.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
const config = loadConfig({});
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await runAccountCommand(command, args, db.orm, config);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('bootstrap CLI', () => {
  it('admin:create makes the first admin on an empty database with a one-time password printed once', async () => {
    const result = await run('admin:create', [
      '--email',
      'Root@Bank.Example',
      '--phone',
      '8 999 111-22-33',
      '--name',
      'Главный Админ',
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as {
      user: { email: string; roles: string[] };
      oneTimePassword: string;
      staffBotInvite: { url: string };
    };
    expect(printed.user).toMatchObject({ email: 'root@bank.example', roles: ['admin'] });
    expect(printed.staffBotInvite.url).toMatch(/^https:\/\/t\.me\/kabinet_staff_bot\?start=/);
    const user = await db.orm.em.fork().findOneOrFail(UserSchema, { email: 'root@bank.example' });
    expect(await verifyPassword(printed.oneTimePassword, user.passwordHash ?? '')).toBe(true);
    expect(await db.orm.em.fork().count(UserSchema, {})).toBe(1);
  });

  it('admin:create takes ADMIN_PASSWORD from the environment and never prints it', async () => {
    process.env['ADMIN_PASSWORD'] = 'Very-long-admin-pass-2026';
    try {
      const result = await run('admin:create', [
        '--email',
        'root2@bank.example',
        '--phone',
        '+79991112234',
        '--name',
        'Второй Админ',
      ]);
      expect(result.code).toBe(0);
      expect(result.out).not.toContain('Very-long-admin-pass-2026');
      expect(result.out).not.toContain('oneTimePassword');
    } finally {
      delete process.env['ADMIN_PASSWORD'];
    }
  });

  it('staff:invite and client:create validate their flags and name the wrong ones', async () => {
    const badStaff = await run('staff:invite', [
      '--email',
      'x',
      '--phone',
      '1',
      '--name',
      'Z',
      '--roles',
      'wizard',
    ]);
    expect(badStaff.code).toBe(2);
    expect(badStaff.err).toMatch(/--email/);
    expect(badStaff.err).toMatch(/--roles/);
    const staff = await run('staff:invite', [
      '--email',
      'm@bank.example',
      '--phone',
      '+79991112235',
      '--name',
      'Менеджер',
      '--roles',
      'client_manager,back_office',
    ]);
    expect(staff.code).toBe(0);
    const incomplete = await run('client:create', [
      '--kind',
      'legal_entity',
      '--name',
      'ООО Тест',
      '--inn',
      '7707083893',
    ]);
    expect(incomplete.code).toBe(2);
    expect(incomplete.err).toMatch(/--contract/);
    expect(incomplete.err).toMatch(/--user-email/);
    const badClient = await run('client:create', [
      '--kind',
      'legal_entity',
      '--name',
      'ООО Тест',
      '--inn',
      '7707083890',
      '--ogrn',
      '1027700132195',
      '--kpp',
      '773601001',
      '--contract',
      'Д-1',
      '--user-email',
      'u@test.example',
      '--user-phone',
      '+79991112236',
      '--user-name',
      'Юзер Тестов',
    ]);
    expect(badClient.code).toBe(2);
    expect(badClient.err).toMatch(/--inn: INN of a legal entity/);
    const client = await run('client:create', [
      '--kind',
      'legal_entity',
      '--name',
      'ООО Тест',
      '--inn',
      '7707083893',
      '--ogrn',
      '1027700132195',
      '--kpp',
      '773601001',
      '--contract',
      'Д-1',
      '--manager-email',
      'm@bank.example',
      '--user-email',
      'u@test.example',
      '--user-phone',
      '+79991112236',
      '--user-name',
      'Юзер Тестов',
    ]);
    expect(client.code).toBe(0);
    expect(JSON.parse(client.out)).toMatchObject({
      created: 'client',
      client: { kind: 'legal_entity' },
      user: { email: 'u@test.example' },
    });
    const again = await run('client:create', [
      '--kind',
      'legal_entity',
      '--name',
      'ООО Тест',
      '--inn',
      '7707083893',
      '--ogrn',
      '1027700132195',
      '--kpp',
      '773601001',
      '--contract',
      'Д-2',
      '--user-email',
      'u2@test.example',
      '--user-phone',
      '+79991112237',
      '--user-name',
      'Юзер Второй',
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/conflict/);
  });

  it('leaves other commands to the rest of the CLI', async () => {
    expect((await run('journal:verify', [])).code).toBeNull();
  });
});
