/**
 * P6 (issue 13, docs/0029): the two lists people open all day — a role's open tasks (`GET /tasks` as a financial
 * monitoring officer, the busiest role) and a client's requests (`GET /requests`: the client who filed the most,
 * and a typical one) — through the workflow service, on PostgreSQL databases of 10,000 and 1,000,000 requests
 * made by `db:seed-volume`. Prints the seeding time, p50/p95 per list and size, and the growth. Targets: p95 grows
 * < 2× and stays < 10 ms at a million. `BENCH_P6_SIZES` (default 10000,1000000), `BENCH_P6_CALLS` (300),
 * `BENCH_P6_REUSE=1` keeps and reuses the databases (the million takes a minute or two to seed), `BENCH_EXPLAIN=1`
 * prints `EXPLAIN (ANALYZE, BUFFERS)` of each list's queries. Not a test: nothing here fails on speed.
 */
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { seedVolume } from '../src/demo/volume.js';
import { createLogger } from '../src/logger.js';
import type { Actor, Role } from '../src/workflow/domain/roles.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_P6_SIZES ?? '10000,1000000').split(',').map(Number);
const CALLS = Number(process.env.BENCH_P6_CALLS ?? 300);
const REUSE = process.env.BENCH_P6_REUSE === '1';
const P95_TARGET_MS = 10;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database of `size` generated requests: made fresh (or kept from an earlier run with BENCH_P6_REUSE=1). */
async function volumeDatabase(size: number): Promise<{ container: Container; seeded: string }> {
  const name = `kabinet_bench_p6_${size}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (exists && !REUSE) await admin.query(`drop database ${name}`);
  if (!exists || !REUSE) await admin.query(`create database ${name}`);
  await admin.end();
  const config = loadConfig({
    DATABASE_URL: urlOf(name),
    CODE_SECRET: 'bench-code-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    TELEGRAM_SANDBOX: 'false',
    MIGRATE_ON_START: 'true',
  });
  const container = await createContainer(config, createLogger('warn'));
  const [{ count } = { count: 0 }] = await container.orm.em
    .fork()
    .getConnection()
    .execute<{ count: number }[]>('select count(*)::int as count from requests');
  if (count >= size) return { container, seeded: `kept (${count} requests)` };
  const result = await seedVolume(container.orm, { requests: size - count });
  return {
    container,
    seeded: `${result.requests} requests, ${result.tasks} tasks, ${result.clients} clients in ${result.seconds.toFixed(1)} s`,
  };
}

async function actors(container: Container): Promise<{ officer: Actor; busiest: Actor; typical: Actor }> {
  const run = container.orm.em.fork().getConnection();
  const [officer] = await run.execute<{ id: string; roles: Role[] }[]>(
    `select id, roles from users where email = 'finmon@demo.local'`,
  );
  const clients = await run.execute<{ id: string; client_id: string; n: number }[]>(
    `select u.id, u.client_id, count(*)::int as n from users u join requests r on r.client_id = u.client_id
      where u.kind = 'client' group by 1, 2 order by n desc`,
  );
  const busiest = clients[0];
  const typical = clients[Math.floor(clients.length / 2)];
  if (!officer || !busiest || !typical) throw new Error('the volume database has no officer or clients');
  const client = (c: { id: string; client_id: string; n: number }): Actor => ({
    userId: c.id,
    roles: ['client'],
    clientId: c.client_id,
    displayName: `${c.n} requests`,
  });
  return {
    officer: { userId: officer.id, roles: officer.roles },
    busiest: client(busiest),
    typical: client(typical),
  };
}

async function timeCalls(call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i += 1) await call();
  const took: number[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const started = performance.now();
    await call();
    took.push(performance.now() - started);
  }
  return { p50: percentile(took, 50), p95: percentile(took, 95) };
}

/** The plans of the lists' queries, as PostgreSQL runs them on this database. */
async function explain(container: Container, a: Awaited<ReturnType<typeof actors>>): Promise<void> {
  const run = container.orm.em.fork().getConnection();
  const queries: [string, string][] = [
    [
      'open tasks of a role',
      `select t0.* from tasks t0 where t0.role in ('fin_monitoring') and t0.status in ('open', 'claimed')
        order by t0.due_at asc, t0.id asc limit 50`,
    ],
    [
      '…and their count',
      `select count(*) from tasks t0 where t0.role in ('fin_monitoring') and t0.status in ('open', 'claimed')`,
    ],
    [
      "the busiest client's requests",
      `select r0.* from requests r0 where r0.client_id = '${a.busiest.clientId}' and r0.status != 'draft'
        order by r0.created_at desc, r0.number desc limit 20`,
    ],
    [
      '…and their count',
      `select count(*) from requests r0 where r0.client_id = '${a.busiest.clientId}' and r0.status != 'draft'`,
    ],
  ];
  for (const [label, sql] of queries) {
    const plan = await run.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${sql}`);
    console.log(`    -- ${label}\n${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}`);
  }
}

export async function runListsBench(): Promise<void> {
  console.log(`\nP6 lists at scale (workflow service on PostgreSQL, ${CALLS} calls each after 20 warm-up)`);
  const results: Record<string, { p50: number; p95: number }>[] = [];
  for (const size of SIZES) {
    const { container, seeded } = await volumeDatabase(size);
    try {
      const a = await actors(container);
      console.log(`  ${size.toLocaleString('en')} requests: ${seeded}`);
      const row = {
        'open tasks (fin_monitoring)': await timeCalls(() => container.workflow.listTasks(a.officer)),
        [`busiest client (${a.busiest.displayName})`]: await timeCalls(() =>
          container.workflow.listRequests(a.busiest, { drafts: 'exclude' }),
        ),
        [`typical client (${a.typical.displayName})`]: await timeCalls(() =>
          container.workflow.listRequests(a.typical, { drafts: 'exclude' }),
        ),
      };
      for (const [label, r] of Object.entries(row))
        console.log(`    ${label.padEnd(36)} p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms`);
      results.push(row);
      if (process.env.BENCH_EXPLAIN === '1') await explain(container, a);
    } finally {
      await container.close();
    }
  }
  const [small, large] = [results[0], results.at(-1)];
  if (small && large && results.length > 1) {
    const labels = Object.keys(small);
    Object.values(large).forEach((r, i) => {
      const before = Object.values(small)[i];
      if (!before) return;
      console.log(
        `  growth ${(labels[i] ?? '').replace(/ \(.*/, '').padEnd(16)} p95 ×${(r.p95 / before.p95).toFixed(2)} (target < 2×)` +
          `, ${r.p95.toFixed(2)} ms at the largest (target < ${P95_TARGET_MS} ms)`,
      );
    });
  }
}

if (process.argv[1]?.endsWith('lists.bench.ts')) await runListsBench();
