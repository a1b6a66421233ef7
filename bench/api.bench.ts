/**
 * API benchmark, on PostgreSQL, over real HTTP (127.0.0.1, keep-alive fetch):
 *  1. (P2) N full withdrawal lifecycles driven through the REST API by 8 clients at once, sessions already signed
 *     in — draft, submit, signing confirmation with the SMS code, take, accept, every task claimed and completed by
 *     its role, until completed — against the same lifecycle through the WorkflowService directly, one at a time
 *     (P1's service rate: no HTTP, no SMS); the logins (password + SMS code) measured apart;
 *  2. (P3) an authenticated GET /api/v1/requests/{id} with 16 and with 50 callers at once, against a bare Koa route
 *     answering the same JSON from memory.
 * Prints rates, p50/p99 latencies and the ratios. Not a test: nothing here fails on speed.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { driveToCompletion } from '../src/demo/drive.js';
import { REVIEW_CHECKLIST } from '../src/workflow/domain/definition.js';
import { createApiFixture, LOOSE_LIMITS, ticked, WITHDRAWAL, type ApiFixture } from '../test/support/api.js';
import { mark } from './marks.js';
import { runPooled } from '../src/db/prepared.js';

const N = Number(process.env.BENCH_N ?? 50);
const GETS = Number(process.env.BENCH_GETS ?? 2000);
/** P2: lifecycles driven at once, each by its own signed-in client session. */
const CLIENTS_AT_ONCE = 8;
/** P3: callers at once. */
const CALLERS = [16, 50] as const;
const LOGINS = Number(process.env.BENCH_LOGINS ?? 20);

class Latencies {
  private readonly samples: number[] = [];
  add(ms: number): void {
    this.samples.push(ms);
  }
  get count(): number {
    return this.samples.length;
  }
  percentile(p: number): number {
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * (sorted.length - 1)))] ?? 0;
  }
}

/** A task as the API answers it (what a lifecycle driver needs). */
export interface TaskJson {
  id: string;
  role: string;
  status: string;
  checklist: { key: string }[];
}

/** Who works each task role of a withdrawal in the demo. */
export const PEOPLE: Record<string, string> = {
  fin_monitoring: 'finmon@demo.local',
  brokerage: 'broker@demo.local',
  back_office: 'backoffice@demo.local',
  accountant: 'accountant@demo.local',
};

async function timed<T>(latencies: Latencies, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    latencies.add(performance.now() - started);
  }
}

/** One lifecycle through the API by a signed-in client; every call's latency lands in `all`. */
async function lifecycleOverHttp(
  f: ApiFixture,
  client: { token: string; phone: string },
  staff: Record<string, string>,
  all: Latencies,
): Promise<string> {
  const expectOk = (status: number, what: string): void => {
    if (status >= 300) throw new Error(`${what}: HTTP ${status}`);
  };
  const created = await timed(all, () =>
    f.call('POST', '/api/v1/requests', {
      token: client.token,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    }),
  );
  expectOk(created.status, 'create');
  const id = String(created.body['id']);
  const number = String(created.body['number']);
  const submitted = await timed(all, () =>
    f.call('POST', `/api/v1/requests/${id}/submit`, { token: client.token }),
  );
  expectOk(submitted.status, 'submit');
  const signed = await timed(all, () =>
    f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token: client.token,
      body: { code: signingCode(f, client.phone, number) },
    }),
  );
  expectOk(signed.status, 'sign');
  const manager = staff['manager@demo.local'] ?? '';
  expectOk(
    (await timed(all, () => f.call('POST', `/api/v1/requests/${id}/take`, { token: manager }))).status,
    'take',
  );
  let view = await timed(all, () =>
    f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: ticked(REVIEW_CHECKLIST) },
    }),
  );
  expectOk(view.status, 'accept');
  for (let round = 0; round < 10 && view.body['status'] === 'in_progress'; round += 1) {
    for (const task of (view.body['tasks'] as TaskJson[]).filter((t) => t.status === 'open')) {
      const token = staff[PEOPLE[task.role] ?? ''] ?? '';
      expectOk(
        (await timed(all, () => f.call('POST', `/api/v1/tasks/${task.id}/claim`, { token }))).status,
        'claim',
      );
      view = await timed(all, () =>
        f.call('POST', `/api/v1/tasks/${task.id}/complete`, {
          token,
          body: { checklist: ticked(task.checklist) },
        }),
      );
      expectOk(view.status, 'complete');
    }
  }
  if (view.body['status'] !== 'completed') throw new Error(`lifecycle ended ${String(view.body['status'])}`);
  return id;
}

/** The signing code of one request, from the SMS that names it (clients at once share phones). */
function signingCode(f: ApiFixture, phone: string, number: string): string {
  const text = [...f.sms.sent].reverse().find((m) => m.to === phone && m.text.includes(number))?.text;
  const code = text ? /Код (\d{6})/.exec(text)?.[1] : undefined;
  if (!code) throw new Error(`no signing code for ${number}`);
  return code;
}

async function lifecyclesThroughService(f: ApiFixture): Promise<number> {
  // The very service the API runs on, called directly.
  const { workflow } = f;
  const client = f.actor('client@demo.local');
  const manager = f.actor('manager@demo.local');
  const staff = Object.values(f.actors).filter((a) => !a.roles.includes('client'));
  const started = performance.now();
  for (let i = 0; i < N; i += 1) {
    const draft = await workflow.createDraft(client, { type: 'withdrawal', payload: WITHDRAWAL });
    const { payloadHash } = await workflow.submit(client, draft.id);
    await workflow.confirmSignature(client, draft.id, payloadHash);
    const done = await driveToCompletion(workflow, draft.id, manager, staff);
    if (done.status !== 'completed') throw new Error(`service lifecycle ended ${done.status}`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * The same lifecycle as over HTTP through the services its routes call, one at a time, no HTTP: the client's
 * signing step as the API does it (the print form rendered and stored, the code issued, sent and checked). What
 * the HTTP side adds on top of this is the HTTP layer's own cost; what this adds on top of P1's service rate is
 * the signing step's (docs/0029).
 */
async function lifecyclesWithSigning(f: ApiFixture): Promise<number> {
  const { workflow, identity } = f;
  const client = f.actor('client@demo.local');
  const phone = f.phoneOf('client@demo.local');
  const manager = f.actor('manager@demo.local');
  const staff = Object.values(f.actors).filter((a) => !a.roles.includes('client'));
  const origin = { channel: 'web' as const, ip: '127.0.0.1', userAgent: null };
  const started = performance.now();
  for (let i = 0; i < N; i += 1) {
    const draft = await workflow.createDraft(client, { type: 'withdrawal', payload: WITHDRAWAL });
    const { ticket, request } = await identity.signing.requestSignature(client, draft.id, origin);
    await identity.confirmations.confirm(
      ticket.challengeId,
      signingCode(f, phone, request.number),
      { owner: { kind: 'user', userId: client.userId }, ip: origin.ip },
      identity.signing.applier(client, origin),
    );
    const done = await driveToCompletion(workflow, draft.id, manager, staff);
    if (done.status !== 'completed') throw new Error(`signed lifecycle ended ${done.status}`);
  }
  return (performance.now() - started) / 1000;
}

/** GETs one URL with `callers` at once: the rate, and each call's latency under that load. */
async function hammer(
  url: string,
  headers: Record<string, string>,
  callers: number,
): Promise<{ latencies: Latencies; rate: number }> {
  const latencies = new Latencies();
  const get = async (): Promise<void> => {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  };
  for (let i = 0; i < 200; i += 1) await get(); // warm-up
  const started = performance.now();
  let left = GETS;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left > 0) {
        left -= 1;
        await timed(latencies, get);
      }
    }),
  );
  return { latencies, rate: GETS / ((performance.now() - started) / 1000) };
}

/**
 * Bare Koa answering `json` from memory; with `roundTrip`, after one prepared statement on the app's pool (the
 * request's id and version): what a single PostgreSQL round trip costs a route on this machine, apart from ours.
 */
async function bareKoa(
  json: string,
  roundTrip?: () => Promise<unknown>,
): Promise<{ url: string; server: Server }> {
  const app = new Koa();
  app.use(async (ctx) => {
    if (roundTrip) await roundTrip();
    ctx.type = 'application/json';
    ctx.body = json;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/requests/x`, server };
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;

export async function runApiBench(): Promise<void> {
  // BENCH_SESSION_CACHE=0 measures without the session cache (docs/0029), for the before/after.
  const f = await createApiFixture({
    limits: LOOSE_LIMITS,
    env: { SESSION_CACHE_SECONDS: process.env.BENCH_SESSION_CACHE ?? '30' },
  });
  let bare: Server | undefined;
  let bareWithStatement: Server | undefined;
  try {
    const staff: Record<string, string> = {};
    for (const login of ['manager@demo.local', ...Object.values(PEOPLE)]) staff[login] = await f.login(login);

    // The logins, apart: password, then the SMS code (scrypt by design).
    const logins = new Latencies();
    const loginsStarted = performance.now();
    for (let i = 0; i < LOGINS; i += 1) await timed(logins, () => f.login('client@demo.local'));
    const loginSeconds = (performance.now() - loginsStarted) / 1000;

    // P2: 8 clients at once, each with its own session (the demo's three clients, several sessions each).
    const people = ['client@demo.local', 'ip@demo.local', 'company@demo.local'];
    const clients: { token: string; phone: string }[] = [];
    for (let i = 0; i < CLIENTS_AT_ONCE; i += 1) {
      const login = people[i % people.length] ?? '';
      clients.push({ token: await f.login(login), phone: f.phoneOf(login) });
    }
    const all = new Latencies();
    let lastId = '';
    let left = N;
    const started = performance.now();
    mark('start');
    await Promise.all(
      clients.map(async (client) => {
        while (left > 0) {
          left -= 1;
          lastId = await lifecycleOverHttp(f, client, staff, all);
        }
      }),
    );
    const httpSeconds = (performance.now() - started) / 1000;
    mark('end');
    const serviceSeconds = await lifecyclesThroughService(f);
    const signingSeconds = await lifecyclesWithSigning(f);

    console.log(
      `\nAPI on PostgreSQL (P2): ${N} withdrawal lifecycles over HTTP by ${CLIENTS_AT_ONCE} clients at once, signed in (${all.count} requests, ${(all.count / N).toFixed(0)} per lifecycle)`,
    );
    console.log(
      `  over HTTP      ${(N / httpSeconds).toFixed(1).padStart(8)} lifecycles/s  ${(all.count / httpSeconds).toFixed(0).padStart(6)} req/s  ${httpSeconds.toFixed(2)} s`,
    );
    console.log(
      `  service only   ${(N / serviceSeconds).toFixed(1).padStart(8)} lifecycles/s  (P1's service rate: one at a time, no HTTP, no SMS)  ${serviceSeconds.toFixed(2)} s`,
    );
    console.log(`  ratio HTTP/service: ${(serviceSeconds / httpSeconds).toFixed(3)}`);
    console.log(
      `  with signing   ${(N / signingSeconds).toFixed(1).padStart(8)} lifecycles/s  (the services the routes call, print form and code included, one at a time, no HTTP)  ${signingSeconds.toFixed(2)} s`,
    );
    console.log(
      `  ratio service with signing/service: ${(serviceSeconds / signingSeconds).toFixed(3)} (the signing step's share); HTTP/service with signing: ${(signingSeconds / httpSeconds).toFixed(3)} (the HTTP layer's)`,
    );
    console.log(`  request latency p50 ${ms(all.percentile(50))}  p99 ${ms(all.percentile(99))}`);
    console.log(
      `  logins apart: ${LOGINS} (password + SMS code) ${(LOGINS / loginSeconds).toFixed(1)}/s, p50 ${ms(logins.percentile(50))}  p99 ${ms(logins.percentile(99))}  (scrypt, by design)`,
    );

    const token = staff['manager@demo.local'] ?? '';
    const path = `/api/v1/requests/${lastId}`;
    const body = await (
      await fetch(`${f.base}${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const server = await bareKoa(body);
    const requestId = lastId;
    const withStatement = await bareKoa(body, () =>
      runPooled(f.db.orm, 'select id, version from requests where id = ?::uuid', [requestId]),
    );
    bare = server.server;
    bareWithStatement = withStatement.server;
    console.log(`\nGET /api/v1/requests/{id} (P3: ${body.length} bytes, ${GETS} calls per run)`);
    for (const callers of CALLERS) {
      mark('start');
      const api = await hammer(`${f.base}${path}`, { authorization: `Bearer ${token}` }, callers);
      mark('end');
      const koa = await hammer(server.url, {}, callers);
      mark('start');
      const koaStatement = await hammer(withStatement.url, {}, callers);
      mark('end');
      for (const [name, r] of [
        ['API (session, DB)', api],
        ['bare Koa (memory)', koa],
        ['bare Koa + 1 stmt', koaStatement],
      ] as const) {
        console.log(
          `  ${String(callers).padStart(2)} callers ${name.padEnd(18)} ${r.rate.toFixed(0).padStart(7)} req/s  p50 ${ms(r.latencies.percentile(50))}  p99 ${ms(r.latencies.percentile(99))}`,
        );
      }
      console.log(
        `  ${String(callers).padStart(2)} callers ratio API/bare: ${(api.rate / koa.rate).toFixed(3)}  (bare Koa with one statement/bare: ${(koaStatement.rate / koa.rate).toFixed(3)}; API/that: ${(api.rate / koaStatement.rate).toFixed(3)})`,
      );
    }
  } finally {
    for (const server of [bare, bareWithStatement])
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await f.close();
  }
}
