import './env-file.js';
import { loadConfig } from './config.js';
import { initOrm, migrate, pendingMigrations } from './db/orm.js';
import { ACCOUNT_COMMANDS_USAGE, runAccountCommand } from './identity/accounts-cli.js';
import { verifyJournal } from './journal/journal.js';
import { seedVolume } from './demo/volume.js';

const USAGE = `usage: npm run cli -- <command>
  db:migrate                       apply pending migrations
  db:pending                       list pending migrations
  db:migration:create [--name N] [--blank]   generate a migration from the entity changes
  journal:verify                   walk the journal hash chain
  db:seed-volume --requests N [--clients M]   add N generated requests of M new clients (benchmarks; not in production)
${ACCOUNT_COMMANDS_USAGE}`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const orm = await initOrm(config.database);
  try {
    switch (command) {
      case 'db:migrate': {
        const applied = await migrate(orm);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
        return 0;
      }
      case 'db:pending': {
        const pending = await pendingMigrations(orm);
        console.log(pending.length ? pending.join('\n') : 'no pending migrations');
        return 0;
      }
      case 'db:migration:create': {
        const nameAt = rest.indexOf('--name');
        const name = nameAt >= 0 ? rest[nameAt + 1] : undefined;
        const blank = rest.includes('--blank');
        const result = await orm.migrator.create(undefined, blank, false, name);
        console.log(
          result.diff.up.length || blank ? `created ${result.fileName}` : 'no changes: nothing created',
        );
        return 0;
      }
      case 'db:seed-volume': {
        if (config.env === 'production') {
          console.error(
            'db:seed-volume fills a database with generated clients and requests: not in production',
          );
          return 2;
        }
        const option = (name: string) => {
          const at = rest.indexOf(name);
          return at >= 0 ? Number(rest[at + 1]) : undefined;
        };
        const requests = option('--requests');
        const clients = option('--clients');
        if (
          !requests ||
          !Number.isInteger(requests) ||
          requests < 1 ||
          (clients !== undefined && !(clients >= 1))
        ) {
          console.error('usage: db:seed-volume --requests N [--clients M] (whole numbers ≥ 1)');
          return 2;
        }
        const result = await seedVolume(orm, { requests, clients, log: (line) => console.log(line) });
        console.log(JSON.stringify(result));
        return 0;
      }
      case 'journal:verify': {
        const result = await verifyJournal(orm.em.fork());
        console.log(JSON.stringify(result));
        return result.ok ? 0 : 1;
      }
      default: {
        const accountResult = await runAccountCommand(command, rest, orm, config);
        if (accountResult !== null) return accountResult;
        console.error(USAGE);
        return 2;
      }
    }
  } finally {
    await orm.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
