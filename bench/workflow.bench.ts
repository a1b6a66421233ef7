/**
 * Workflow benchmark: N complete withdrawal lifecycles through the WorkflowService, and in the same run the same
 * rows written with plain SQL (one transaction per command, as the service does), on PostgreSQL and on PGlite.
 * The two sides run in alternating rounds (BENCH_ROUNDS, 5) after a few lifecycles each to warm up, so a machine
 * that speeds up or slows down during the run weighs on both alike. Prints both rates over all rounds, their ratio,
 * and the spread of the rounds' ratios. Not a test: nothing here fails on speed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PgliteConnection } from '@mikro-orm/pglite';
import { initOrm, migrate, type Orm } from '../src/db/orm.js';
import { fullChecklist, FULL_REVIEW_CHECKLIST } from '../src/demo/drive.js';
import { seedDemoAccounts } from '../src/demo/seed.js';
import type { Actor, Role } from '../src/workflow/domain/roles.js';
import { signingCodes } from '../src/identity/signing-codes.js';
import { WorkflowService } from '../src/workflow/workflow.service.js';
import { DEMO_WITHDRAWAL } from '../src/demo/demo-requests.js';
import { staffView } from '../src/workflow/presenters.js';

const N = Number(process.env.BENCH_N ?? 50);
/** Rounds each side's N lifecycles are split into, run alternately. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Lifecycles each side runs first, not counted (the code's first runs are not yet optimised). */
const WARM_UP = 5;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

interface Result {
  name: string;
  seconds: number;
  lifecycles: number;
  transactions: number;
  /** Rows each lifecycle left: journal entries, outbox rows, tasks, requests (both sides must write the same). */
  rows?: string;
}

const COUNTED = ['journal_entries', 'outbox', 'tasks', 'requests'] as const;

async function countRows(query: Query): Promise<number[]> {
  const rows = await query(`select ${COUNTED.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`);
  return COUNTED.map((t) => Number(rows.rows[0]?.[t]));
}

async function counted(query: Query, run: () => Promise<Result>): Promise<Result> {
  const before = await countRows(query);
  const result = await run();
  const after = await countRows(query);
  result.rows = COUNTED.map(
    (t, i) => `${t} ${(((after[i] ?? 0) - (before[i] ?? 0)) / result.lifecycles).toFixed(1)}`,
  ).join(', ');
  return result;
}

export async function serviceRun(orm: Orm, actors: Record<string, Actor>, n = N): Promise<Result> {
  const workflow = new WorkflowService({
    orm,
    routing: { rubRates: { USD: '95', EUR: '103', CNY: '13' } },
    signatureCodes: signingCodes(orm),
  });
  const pick = (login: string): Actor => {
    const a = actors[login];
    if (!a) throw new Error(`no actor ${login}`);
    return a;
  };
  const client = pick('client@demo.local');
  const manager = pick('manager@demo.local');
  const staff = Object.values(actors).filter((a) => !a.roles.includes('client'));
  const started = performance.now();
  for (let i = 0; i < n; i += 1) {
    const draft = await workflow.createDraft(client, { type: 'withdrawal', payload: DEMO_WITHDRAWAL });
    const { payloadHash } = await workflow.submit(client, draft.id);
    await workflow.confirmSignature(client, draft.id, payloadHash);
    await workflow.take(manager, draft.id);
    let view = staffView(await workflow.accept(manager, draft.id, FULL_REVIEW_CHECKLIST));
    while (view.status === 'in_progress') {
      const task = view.tasks.find((t) => t.status === 'open' || t.status === 'claimed');
      const person = staff.find(
        (a) =>
          task && a.roles.includes(task.role as Role) && !task.approvals.some((ap) => ap.userId === a.userId),
      );
      if (!task || !person) throw new Error(`lifecycle ${i} stuck`);
      view = staffView(await workflow.completeTask(person, task.id, fullChecklist(task.checklist)));
    }
    const done = view;
    if (done.status !== 'completed') throw new Error(`lifecycle ${i} ended ${done.status}`);
  }
  const seconds = (performance.now() - started) / 1000;
  // create, submit, confirm, take, accept, 4 tasks
  return { name: 'service', seconds, lifecycles: n, transactions: n * 9 };
}

/** The same rows the service writes for one withdrawal, with hand-written SQL and no ORM. */
async function plainRun(query: Query, actors: Record<string, Actor>, n = N): Promise<Result> {
  const client = actors['client@demo.local'];
  const manager = actors['manager@demo.local'];
  if (!client?.clientId || !manager) throw new Error('demo actors missing');
  let prev = (await query('select hash from journal_entries order by id desc limit 1')).rows[0]
    ?.hash as string;
  // As the service does: the lock, then the command's entries (as many as it journals) in one insert.
  const journal = async (requestId: string, action: string, data: Record<string, unknown>, entries = 1) => {
    await query('select pg_advisory_xact_lock(7340021)');
    const at = new Date();
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let e = 0; e < entries; e += 1) {
      const hash = createHash('sha256')
        .update(prev)
        .update(JSON.stringify({ action, at, data, requestId, e }))
        .digest('hex');
      const b = values.length;
      rows.push(`($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`);
      values.push(at, client.userId, action, requestId, JSON.stringify(data), prev, hash);
      prev = hash;
    }
    await query(
      `insert into journal_entries (at, actor_id, action, request_id, data, prev_hash, hash) values ${rows.join(',')}`,
      values,
    );
  };
  const outbox = (requestId: string, topic: string) =>
    query(
      'insert into outbox (id, topic, request_id, payload, status, attempts, available_at, created_at) values ($1,$2,$3,$4,$5,0,now(),now())',
      [randomUUID(), topic, requestId, JSON.stringify({ requestId }), 'pending'],
    );
  const tx = async (work: () => Promise<void>) => {
    await query('begin');
    try {
      await work();
      await query('commit');
    } catch (error) {
      await query('rollback');
      throw error;
    }
  };
  const setStatus = (id: string, status: string) =>
    query('update requests set status = $2, updated_at = now(), version = version + 1 where id = $1', [
      id,
      status,
    ]);

  const started = performance.now();
  for (let i = 0; i < n; i += 1) {
    const id = randomUUID();
    await tx(async () => {
      const seq = await query(
        `insert into request_counters (year, last) values (2099, 1) on conflict (year) do update set last = request_counters.last + 1 returning last`,
      );
      await query(
        `insert into requests (id, number, type_code, type_version, client_id, created_by, status, payload, payload_hash, created_at, updated_at, version)
         values ($1,$2,'withdrawal',1,$3,$4,'draft',$5,$6,now(),now(),1)`,
        [
          id,
          `2099-${String(seq.rows[0]?.last).padStart(6, '0')}`,
          client.clientId,
          client.userId,
          JSON.stringify(DEMO_WITHDRAWAL),
          'h'.repeat(64),
        ],
      );
      await journal(id, 'request.created', { payload: DEMO_WITHDRAWAL });
    });
    for (const [status, topic] of [
      ['awaiting_signature', 'signature_required'],
      ['submitted', 'request_submitted'],
      ['in_review', null],
    ] as const) {
      await tx(async () => {
        await setStatus(id, status);
        await journal(id, 'request.status_changed', { to: status }, 2);
        if (topic) await outbox(id, topic);
      });
    }
    const taskIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const stages = [0, 0, 1, 2];
    const roles = ['fin_monitoring', 'brokerage', 'back_office', 'accountant'];
    await tx(async () => {
      await setStatus(id, 'in_progress');
      for (const [k, taskId] of taskIds.slice(0, 2).entries()) {
        await query(
          `insert into tasks (id, request_id, key, stage_index, role, status, approvals_required, approvals, due_at, created_at, updated_at)
           values ($1,$2,$3,$4,$5,'open',1,'[]',now(),now(),now())`,
          [taskId, id, `t${k}`, stages[k], roles[k]],
        );
        await outbox(id, 'task_created');
      }
      await outbox(id, 'backoffice_export');
      await journal(id, 'request.accepted', {}, 5);
    });
    for (const [k, taskId] of taskIds.entries()) {
      await tx(async () => {
        await query(`update tasks set status = 'done', approvals = $2, updated_at = now() where id = $1`, [
          taskId,
          JSON.stringify([{ userId: manager.userId, at: new Date().toISOString() }]),
        ]);
        await setStatus(id, k === 3 ? 'completed' : 'in_progress');
        await journal(id, 'request.task_completed', { k }, [2, 5, 5, 4][k]);
        if (k === 1 || k === 2) {
          const next = taskIds[k + 1];
          await query(
            `insert into tasks (id, request_id, key, stage_index, role, status, approvals_required, approvals, due_at, created_at, updated_at)
             values ($1,$2,$3,$4,$5,'open',1,'[]',now(),now(),now())`,
            [next, id, `t${k + 1}`, stages[k + 1], roles[k + 1]],
          );
          await outbox(id, 'task_created');
        }
        if (k === 3) {
          await outbox(id, 'request_completed');
          await outbox(id, 'backoffice_export');
        }
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { name: 'plain SQL', seconds, lifecycles: n, transactions: n * 9 };
}

/**
 * Both sides, N lifecycles each, in alternating rounds after WARM_UP lifecycles each; the rows counted per round.
 * Returns each side's totals and the rounds' ratios.
 */
async function alternate(
  query: Query,
  service: (n: number) => Promise<Result>,
  plain: (n: number) => Promise<Result>,
): Promise<{ service: Result; plain: Result; rounds: number[] }> {
  await service(WARM_UP);
  await plain(WARM_UP);
  const total = (name: string): Result => ({ name, seconds: 0, lifecycles: 0, transactions: 0 });
  const sums = { service: total('service'), plain: total('plain SQL') };
  const rounds: number[] = [];
  const add = (sum: Result, r: Result) => {
    sum.seconds += r.seconds;
    sum.lifecycles += r.lifecycles;
    sum.transactions += r.transactions;
    sum.rows = r.rows;
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const n = Math.floor(N / ROUNDS) + (round < N % ROUNDS ? 1 : 0);
    if (n === 0) continue;
    const s = await counted(query, () => service(n));
    const p = await counted(query, () => plain(n));
    add(sums.service, s);
    add(sums.plain, p);
    rounds.push(s.lifecycles / s.seconds / (p.lifecycles / p.seconds));
  }
  return { ...sums, rounds };
}

function report(database: string, service: Result, plain: Result, rounds: number[]): void {
  const rate = (r: Result) => r.lifecycles / r.seconds;
  console.log(
    `\n${database}: ${N} withdrawal lifecycles (${service.transactions} transactions each way), in ${rounds.length} alternating rounds after ${WARM_UP} each to warm up`,
  );
  for (const r of [service, plain]) {
    console.log(
      `  ${r.name.padEnd(10)} ${rate(r).toFixed(1).padStart(8)} lifecycles/s  ${((r.transactions / r.seconds) | 0).toString().padStart(6)} tx/s  ${r.seconds.toFixed(2)} s  (per lifecycle: ${r.rows ?? '?'})`,
    );
  }
  const sorted = [...rounds].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  console.log(
    `  ratio service/plain: ${(rate(service) / rate(plain)).toFixed(3)}  (rounds: median ${median.toFixed(3)}, ${(sorted[0] ?? 0).toFixed(3)}–${(sorted.at(-1) ?? 0).toFixed(3)})`,
  );
}

export async function onPostgres(): Promise<void> {
  const name = `kabinet_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const orm = await initOrm({ kind: 'postgresql', url: url.toString() });
  const raw = new pg.Client({ connectionString: url.toString() });
  try {
    await migrate(orm);
    const actors = await seedDemoAccounts(orm);
    await raw.connect();
    const query: Query = (sql, params) => raw.query(sql, params);
    const { service, plain, rounds } = await alternate(
      query,
      (n) => serviceRun(orm, actors, n),
      (n) => plainRun(query, actors, n),
    );
    report('PostgreSQL', service, plain, rounds);
  } finally {
    await raw.end().catch(() => undefined);
    await orm.close(true);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function onPglite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-bench-'));
  const orm = await initOrm({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  try {
    await migrate(orm);
    const actors = await seedDemoAccounts(orm);
    const native = await (orm.em.getConnection() as unknown as PgliteConnection).getNativeClient();
    const query: Query = (sql, params) => native.query(sql, params);
    const { service, plain, rounds } = await alternate(
      query,
      (n) => serviceRun(orm, actors, n),
      (n) => plainRun(query, actors, n),
    );
    report('PGlite', service, plain, rounds);
  } finally {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runWorkflowBench(): Promise<void> {
  await onPostgres();
  await onPglite();
}
