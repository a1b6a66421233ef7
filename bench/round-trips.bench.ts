/**
 * Round trips to PostgreSQL per HTTP request of one withdrawal's whole life (issue 13 item 1, docs/0029): every
 * statement the server sends — BEGIN and COMMIT included — counted at the driver (`pg.Client#query`) while one
 * request is served at a time and nothing else runs (no notification loops). Printed per call, in the order a
 * lifecycle makes them. Not a test: the counts are for the decision records.
 */
import { createRequire } from 'node:module';
import pg from 'pg';
import { PEOPLE, type TaskJson } from './api.bench.js';
import { REVIEW_CHECKLIST } from '../src/workflow/domain/definition.js';
import { createApiFixture, ticked, WITHDRAWAL, type HttpAnswer } from '../test/support/api.js';

let statements = 0;
/** `BENCH_SHOW=submit` prints the statements of the calls whose label contains it. */
const SHOW = process.env.BENCH_SHOW;
let shown: string[] | null = null;
/** Every `pg` the process loads: MikroORM's driver brings its own copy. */
const pgCopies = [pg, createRequire(import.meta.resolve('@mikro-orm/postgresql'))('pg') as typeof pg];
for (const copy of new Set(pgCopies)) {
  const original = copy.Client.prototype.query;
  // Counting only: the call goes through unchanged.
  copy.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements += 1;
    const first = args[0];
    shown?.push(typeof first === 'string' ? first : String((first as { text?: string }).text ?? first));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
}

export async function runRoundTripsBench(): Promise<void> {
  const f = await createApiFixture();
  const rows: [string, number][] = [];
  const count = async (label: string, work: () => Promise<HttpAnswer>): Promise<HttpAnswer> => {
    const before = statements;
    shown = SHOW && label.includes(SHOW) ? [] : null;
    const answer = await work();
    if (answer.status >= 300) throw new Error(`${label}: HTTP ${answer.status}`);
    rows.push([label, statements - before]);
    if (shown)
      console.log(
        `-- ${label}\n${shown.map((q) => `   ${q.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n')}`,
      );
    shown = null;
    return answer;
  };
  try {
    const before = statements;
    const client = await f.login('client@demo.local');
    rows.push(['login (password, then the SMS code)', statements - before]);
    const staff: Record<string, string> = {};
    for (const login of ['manager@demo.local', ...Object.values(PEOPLE)]) staff[login] = await f.login(login);

    const created = await count('POST /requests (draft)', () =>
      f.call('POST', '/api/v1/requests', {
        token: client,
        body: { type: 'withdrawal', payload: WITHDRAWAL },
      }),
    );
    const id = String(created.body['id']);
    await count('GET /requests/{id} (client)', () =>
      f.call('GET', `/api/v1/requests/${id}`, { token: client }),
    );
    await count('GET /requests (client list)', () => f.call('GET', '/api/v1/requests', { token: client }));
    const submitted = await count('POST /requests/{id}/submit', () =>
      f.call('POST', `/api/v1/requests/${id}/submit`, { token: client }),
    );
    await count('POST /confirmations/{id} (sign)', () =>
      f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
        token: client,
        body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
      }),
    );
    const manager = staff['manager@demo.local'] ?? '';
    await count('POST /requests/{id}/take', () =>
      f.call('POST', `/api/v1/requests/${id}/take`, { token: manager }),
    );
    let view = await count('POST /requests/{id}/accept', () =>
      f.call('POST', `/api/v1/requests/${id}/accept`, {
        token: manager,
        body: { checklist: ticked(REVIEW_CHECKLIST) },
      }),
    );
    await count('GET /requests/{id} (staff)', () =>
      f.call('GET', `/api/v1/requests/${id}`, { token: manager }),
    );
    const finmon = staff['finmon@demo.local'] ?? '';
    await count('GET /tasks', () => f.call('GET', '/api/v1/tasks', { token: finmon }));
    for (let round = 0; round < 10 && view.body['status'] === 'in_progress'; round += 1) {
      for (const task of (view.body['tasks'] as TaskJson[]).filter((t) => t.status === 'open')) {
        const token = staff[PEOPLE[task.role] ?? ''] ?? '';
        await count(`POST /tasks/{id}/claim`, () =>
          f.call('POST', `/api/v1/tasks/${task.id}/claim`, { token }),
        );
        view = await count(`POST /tasks/{id}/complete`, () =>
          f.call('POST', `/api/v1/tasks/${task.id}/complete`, {
            token,
            body: { checklist: ticked(task.checklist) },
          }),
        );
      }
    }
    if (view.body['status'] !== 'completed')
      throw new Error(`the lifecycle ended ${String(view.body['status'])}`);
  } finally {
    await f.close();
  }
  console.log('\nRound trips to PostgreSQL per HTTP request (one withdrawal, statements incl. BEGIN/COMMIT)');
  const merged = new Map<string, number[]>();
  for (const [label, n] of rows) merged.set(label, [...(merged.get(label) ?? []), n]);
  let total = 0;
  for (const [label, counts] of merged) {
    total += counts.reduce((a, b) => a + b, 0);
    const shown =
      counts.length > 1
        ? `${Math.min(...counts)}–${Math.max(...counts)} (×${counts.length})`
        : `${counts[0]}`;
    console.log(`  ${label.padEnd(38)} ${shown}`);
  }
  console.log(`  ${'the whole lifecycle, logins included'.padEnd(38)} ${total}`);
}

if (process.argv[1]?.endsWith('round-trips.bench.ts')) await runRoundTripsBench();
