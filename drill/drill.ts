import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASK_ROLES } from '../src/workflow/domain/roles.js';
import { createTestDatabase, type TestDatabase } from '../test/support/database.js';
import { codeIn } from '../test/support/demo.js';
import { FakeTelegram } from '../test/support/fake-telegram/server.js';
import { startPrivateRedis } from '../test/support/peers/redis.js';
import { startSmsc, type TestSmsc } from '../test/support/peers/smpp.js';
import { startSmtpServer } from '../test/support/peers/smtp.js';
import { Cluster, isReady, until, type Member } from './cluster.js';
import { SpreadClient, type Incident } from './http.js';
import { checkInvariants, query, resentDeliveries, unsettled, type Check } from './invariants.js';
import { driveWithdrawal, ROLE_PEOPLE, type DrillClient, type LifecycleResult } from './lifecycle.js';
import { bindRoleChats, DEMO_PASSWORD, seedDrillPeople } from './world.js';

export interface DrillOptions {
  /** Full withdrawal lifecycles over HTTP. */
  lifecycles: number;
  /** Lifecycles at once. */
  concurrency: number;
  /** Where the Kabinet processes run (the project root). */
  root: string;
  log?: (line: string) => void;
}

export interface FaultRecord {
  name: string;
  /** When it was done, ms after the load started. */
  atMs: number;
  /** How long until every process answered /readyz and a command went through again. */
  recoveryMs: number;
  note: string;
}

export interface DrillReport {
  ok: boolean;
  processes: string[];
  lifecycles: { done: number; failed: LifecycleResult[]; seconds: number; perSecond: number };
  http: { calls: number; incidentsInWindows: number; outsideWindows: Incident[] };
  bot: { presses: number; answered: number; unansweredOutsideWindows: number; p50Ms: number };
  faults: FaultRecord[];
  settleSeconds: number;
  resentAtProvider: number;
  checks: Check[];
  exitCodes: Record<string, number | null>;
}

/** How long the drill's Telegram client waits for the bot's answer to a press. */
const PRESS_WAIT_MS = 15_000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * The scale-out drill (issue 14 item 4): 2 api, 2 worker and 1 bots process on one PostgreSQL database and one
 * Redis; full lifecycles over HTTP spread across the api processes and bot presses through the fake Bot API; during
 * the load a worker is SIGKILLed mid-delivery, an api process mid-command, Redis restarted empty, PostgreSQL's
 * backends terminated, and an api and a worker given SIGTERM (graceful) — then the invariants are proved.
 */
export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const teardown: (() => Promise<unknown>)[] = [];
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase();
    const database = db;
    teardown.push(() => database.drop());
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const fake = await FakeTelegram.start({ rateLimits: false });
    teardown.push(() => fake.close());
    const smsc = await startSmsc();
    teardown.push(() => smsc.close());
    const smtp = await startSmtpServer();
    teardown.push(() => smtp.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-drill-'));
    teardown.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    const clientBot = fake.addBot({ username: 'drill_client_bot' });
    const staffBot = fake.addBot({ username: 'drill_staff_bot' });
    const perClient = 5;
    const { clients, userIds } = await seedDrillPeople(db.orm, Math.ceil(options.lifecycles / perClient));
    await bindRoleChats(db.orm, fake, TASK_ROLES);

    const cluster = new Cluster(options.root, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      REDIS_URL: redis.url,
      NOTIFY_QUEUE_PREFIX: `drill-${randomBytes(4).toString('hex')}`,
      NOTIFY_BACKOFF_MS: '200',
      NOTIFY_SWEEP_INTERVAL_SECONDS: '1',
      NOTIFY_LEASE_SECONDS: '6',
      CODE_SECRET: randomBytes(32).toString('hex'),
      SMS_PROVIDER: 'smpp',
      SMPP_URL: smsc.url,
      SMTP_URL: smtp.url,
      CLIENT_BOT_TOKEN: clientBot.token,
      STAFF_BOT_TOKEN: staffBot.token,
      CLIENT_BOT_USERNAME: clientBot.username,
      STAFF_BOT_USERNAME: staffBot.username,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const api1 = await cluster.add('api-1', 'api');
    const api2 = await cluster.add('api-2', 'api');
    const worker1 = await cluster.add('worker-1', 'worker');
    const worker2 = await cluster.add('worker-2', 'worker');
    const api = [api1, api2];
    const bots = await cluster.add('bots', 'bots');
    teardown.push(() => Promise.all(cluster.members.map((m) => cluster.kill(m))));
    log(`starting ${cluster.members.map((m) => `${m.name}:${m.port}`).join(', ')}`);
    await cluster.startAll();

    // Only api processes that answer /readyz get calls (what a balancer's health check does).
    const upApi = new Set(api.map((m) => m.port));
    const http = new SpreadClient(() => (upApi.size > 0 ? [...upApi] : api.map((m) => m.port)));
    const tokens = await signIn(http, smsc, [...Object.values(ROLE_PEOPLE), ...clients.map((c) => c.login)]);
    const firstClient = clients[0];
    if (!firstClient) throw new Error('drill: no clients');
    const presser = await linkPresser(http, fake, clientBot, tokens, firstClient, log);
    log(`signed in ${Object.keys(tokens).length} people; the first client linked Telegram`);

    // ---- the load, and the faults during it ----
    const started = Date.now();
    const results: LifecycleResult[] = [];
    let next = 0;
    const deps = {
      http,
      tokens,
      smsMark: () => smsc.submits.length,
      signingCode: (phone: string, number: string, since: number) => signingCode(smsc, phone, number, since),
    };
    const load = Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.lifecycles) {
          const client = clients[next++ % clients.length] as DrillClient;
          const result = await driveWithdrawal(deps, client, userIds, 180_000);
          results.push(result);
          if (result.error) log(`lifecycle ${result.number ?? '?'}: ${result.error}`);
        }
      }),
    );
    let loadDone = false;
    void load.finally(() => (loadDone = true));
    const pressing = presser.run(() => loadDone);

    const faults: FaultRecord[] = [];
    const whenDone = async (share: number) =>
      until(
        () => results.length >= Math.ceil(options.lifecycles * share) || loadDone,
        `${share * 100}% of the load`,
        300_000,
        50,
      );
    const recovered = async (name: string, atMs: number, note: string) => {
      await until(
        async () => (await Promise.all(cluster.members.map((m) => isReady(m.port)))).every(Boolean),
        `every process ready after ${name}`,
        120_000,
        100,
      );
      for (const m of api) upApi.add(m.port);
      await until(
        async () =>
          (await http.call('GET', '/me', { token: tokens[firstClient.login] ?? '' })).status === 200,
        `a call to go through after ${name}`,
        60_000,
      );
      faults.push({ name, atMs, recoveryMs: Date.now() - started - atMs, note });
      log(`${name}: recovered in ${Date.now() - started - atMs} ms`);
    };
    const restart = async (member: Member) => {
      await pause(1000); // the process manager's restart delay
      cluster.start(member);
    };

    /** One fault: when the load is `share` done (and, if given, at the moment it names), then its recovery. */
    const fault = async (
      share: number,
      name: string,
      moment: (() => Promise<boolean> | boolean) | null,
      act: () => Promise<string>,
    ) => {
      await whenDone(share);
      if (moment) await until(async () => (await moment()) || loadDone, `the moment for ${name}`, 60_000, 5);
      const at = Date.now() - started;
      await recovered(name, at, await act());
    };

    await fault(
      0.1,
      'SIGKILL worker-1 mid-delivery',
      async () => (await sendingNow(database.url)) > 0,
      async () => {
        const held = await sendingNow(database.url);
        await cluster.kill(worker1);
        await restart(worker1);
        return `${held} deliveries were being sent by the two workers; the dead one's are taken over after the lease`;
      },
    );
    await fault(
      0.25,
      'SIGKILL api-1 mid-command',
      () => (http.commandsInFlight.get(api1.port) ?? 0) > 0,
      async () => {
        const cutOff = http.commandsInFlight.get(api1.port) ?? 0;
        await cluster.kill(api1);
        upApi.delete(api1.port);
        await restart(api1);
        return `${cutOff} command(s) cut off unanswered: the caller re-reads the request and acts again`;
      },
    );
    await fault(0.4, 'Redis restarted (empty)', null, async () => {
      await redis.restart(1500);
      return 'the queues are rebuilt by the sweeper from PostgreSQL';
    });
    await fault(0.55, 'PostgreSQL backends terminated', null, async () => {
      const terminated = await terminateBackends(database.url);
      return `${terminated} connections cut; pools reconnect, commands in flight fail and are retried`;
    });
    const graceful: Record<string, number | null> = {};
    await fault(0.7, 'SIGTERM api-2, worker-2 and bots (graceful)', null, async () => {
      upApi.delete(api2.port);
      const stopping = [api2, worker2, bots];
      const codes = await Promise.all(stopping.map((m) => cluster.terminate(m)));
      stopping.forEach((m, i) => (graceful[m.name] = codes[i] ?? null));
      await Promise.all(stopping.map((m) => restart(m)));
      return `exit codes ${codes.map(String).join(', ')}; presses meanwhile wait in Telegram`;
    });

    await load;
    const seconds = (Date.now() - started) / 1000;
    const bot = await pressing;
    log(
      `load done: ${results.filter((r) => r.status === 'completed').length} lifecycles in ${seconds.toFixed(1)} s`,
    );

    // ---- settle, then prove ----
    const settleStarted = Date.now();
    await until(
      async () => {
        const open = await unsettled(database.url);
        return open.outboxOpen === 0 && open.deliveriesOpen === 0;
      },
      'the outbox and the deliveries to settle',
      120_000,
      250,
    ).catch(() => log('the outbox and the deliveries did not settle in 120 s'));
    const settleSeconds = (Date.now() - settleStarted) / 1000;
    const exitCodes = await cluster.stopAll();
    const checks = await checkInvariants(
      database.url,
      db.orm,
      results.flatMap((r) => (r.id ? [r.id] : [])),
    );

    const windows = faults.map((f) => [started + f.atMs, started + f.atMs + f.recoveryMs + 2000] as const);
    const inWindow = (t: number) => windows.some(([from, to]) => t >= from && t <= to);
    const outside = http.incidents.filter((i) => !inWindow(i.at));
    checks.push({
      name: 'no 5xx and no refused connection outside the fault windows',
      ok: outside.length === 0,
      detail: `${http.incidents.length - outside.length} inside the windows, ${outside.length} outside`,
    });
    // A press is excused when a fault came while it waited for its answer (the bot's answer to a press caught by
    // a dropped database connection is an apology, not the list).
    const overlaps = (from: number, to: number) => windows.some(([a, b]) => from <= b && to >= a);
    const unansweredOutside = bot.misses.filter((t) => !overlaps(t, t + PRESS_WAIT_MS)).length;
    checks.push({
      name: 'the client bot answered every press outside the fault windows',
      ok: unansweredOutside === 0 && bot.answered > 0,
      detail: `${bot.answered} of ${bot.presses} answered`,
    });
    checks.push({
      name: 'every process exited 0 on SIGTERM at the end',
      ok: Object.values(exitCodes).every((c) => c === 0),
      detail: Object.entries(exitCodes)
        .map(([n, c]) => `${n} ${String(c)}`)
        .join(', '),
    });
    checks.push({
      name: 'graceful SIGTERM during the load exited 0',
      ok: Object.values(graceful).every((code) => code === 0),
      detail: Object.entries(graceful)
        .map(([name, code]) => `${name} ${String(code)}`)
        .join(', '),
    });
    const failed = results.filter((r) => r.status !== 'completed');
    checks.push({
      name: 'every lifecycle completed',
      ok: failed.length === 0 && results.length === options.lifecycles,
      detail: `${results.length - failed.length} of ${options.lifecycles}`,
    });
    const report: DrillReport = {
      ok: checks.every((c) => c.ok),
      processes: cluster.members.map((m) => `${m.name} (${m.role}, node ${cluster.entry.join(' ')})`),
      lifecycles: {
        done: results.length - failed.length,
        failed,
        seconds,
        perSecond: (results.length - failed.length) / seconds,
      },
      http: {
        calls: http.calls,
        incidentsInWindows: http.incidents.length - outside.length,
        outsideWindows: outside,
      },
      bot: {
        presses: bot.presses,
        answered: bot.answered,
        unansweredOutsideWindows: unansweredOutside,
        p50Ms: bot.p50Ms,
      },
      faults,
      settleSeconds,
      resentAtProvider: await resentDeliveries(database.url),
      checks,
      exitCodes,
    };
    if (!report.ok) {
      for (const m of cluster.members) log(`--- ${m.name} said:\n${m.output.slice(-15).join('\n')}`);
    }
    return report;
  } finally {
    for (const step of teardown.reverse()) await step().catch(() => undefined);
  }
}

/** Password, then the SMS code, for each login in turn: their Bearer tokens. */
async function signIn(
  http: SpreadClient,
  smsc: TestSmsc,
  logins: readonly string[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const login of logins) {
    const mark = smsc.submits.length;
    const started = await http.call('POST', '/auth/login', { body: { login, password: DEMO_PASSWORD } });
    if (started.status !== 200) throw new Error(`drill: login ${login}: HTTP ${started.status}`);
    await until(() => smsc.submits.length > mark, `the login code for ${login}`, 20_000, 20);
    const code = codeIn(smsc.submits.at(-1)?.text ?? '');
    const confirmed = await http.call('POST', '/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code },
    });
    const token = confirmed.body['token'];
    if (typeof token !== 'string') throw new Error(`drill: login ${login}: HTTP ${confirmed.status}`);
    tokens[login] = token;
  }
  return tokens;
}

/** The code in the newest SMS to `phone` about request `number` sent after `since`. */
async function signingCode(smsc: TestSmsc, phone: string, number: string, since: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const code = smsc.submits
      .slice(since)
      .reverse()
      .filter((s) => digits(s.to) === digits(phone) && s.text.includes(number))
      .map((s) => codeIn(s.text))
      .find((c) => c !== undefined);
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no signing code for ${number}`);
    await pause(20);
  }
}

async function sendingNow(url: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    url,
    `select count(*) as n from notification_deliveries where status = 'sending'`,
  );
  return Number(row?.n ?? 0);
}

/** Every other connection to the drill's database, cut by PostgreSQL itself. */
async function terminateBackends(url: string): Promise<number> {
  const rows = await query<{ ok: boolean }>(
    url,
    `select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return rows.filter((r) => r.ok).length;
}

/** The first drill client links Telegram by the cabinet's deep link and then keeps asking the bot for its list. */
async function linkPresser(
  http: SpreadClient,
  fake: FakeTelegram,
  bot: ReturnType<FakeTelegram['addBot']>,
  tokens: Record<string, string>,
  client: DrillClient,
  log: (line: string) => void,
): Promise<{
  run(stop: () => boolean): Promise<{ presses: number; answered: number; misses: number[]; p50Ms: number }>;
}> {
  const user = fake.createUser({ first_name: 'Учебный', language_code: 'ru' });
  const chat = fake.privateChat(user);
  const link = await http.call('POST', '/me/telegram-link', { token: tokens[client.login] ?? '' });
  const start = new URL(String(link.body['url'])).searchParams.get('start') ?? '';
  bot.userSendsText(chat, user, `/start ${start}`);
  await fake.waitForBotMessage(chat.id, (m) => (m.message.text ?? '').includes('привязан'), 30_000);
  return {
    async run(stop) {
      let presses = 0;
      let answered = 0;
      const misses: number[] = [];
      const latencies: number[] = [];
      while (!stop()) {
        presses += 1;
        const sent = Date.now();
        bot.userSendsText(chat, user, '/requests');
        try {
          await fake.waitForBotMessage(
            chat.id,
            // The list, or (before the client's first request) the bot saying there is none yet.
            (m) => /Мои заявки|Заявок пока нет/.test(m.message.text ?? ''),
            PRESS_WAIT_MS,
          );
          answered += 1;
          latencies.push(Date.now() - sent);
        } catch {
          misses.push(sent);
          const tail = fake
            .chatMessages(chat.id)
            .slice(-3)
            .map((m) => `${m.sentByToken ? 'bot' : 'user'}: ${(m.message.text ?? '').slice(0, 80)}`);
          log(`press at ${new Date(sent).toISOString()} unanswered; the chat ends:\n${tail.join('\n')}`);
        }
        await pause(300);
      }
      latencies.sort((a, b) => a - b);
      return { presses, answered, misses, p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0 };
    },
  };
}
