import pg from 'pg';
import type { Orm } from '../src/db/orm.js';
import { verifyJournal } from '../src/journal/journal.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Settled {
  outboxOpen: number;
  deliveriesOpen: number;
}

/** One query on its own connection (the drill's checks are few and far between). */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Outbox rows not yet relayed (turned into deliveries), and deliveries not yet final. */
export async function unsettled(url: string): Promise<Settled> {
  const [row] = await query<{ outbox: string; deliveries: string }>(
    url,
    `select (select count(*) from outbox where status = 'pending') as outbox,
            (select count(*) from notification_deliveries where status in ('queued', 'sending', 'failed')) as deliveries`,
  );
  return { outboxOpen: Number(row?.outbox ?? 0), deliveriesOpen: Number(row?.deliveries ?? 0) };
}

/**
 * The drill's invariants, read from PostgreSQL after the load has settled: every notification committed was
 * delivered and journaled exactly once; no task completed twice; no request left where nobody can act; the
 * journal's hash chain verifies.
 */
export async function checkInvariants(url: string, orm: Orm, drivenIds: readonly string[]): Promise<Check[]> {
  const checks: Check[] = [];

  const outbox = await query<{ status: string; n: string }>(
    url,
    `select status, count(*) as n from outbox group by status order by status`,
  );
  // `dispatched`: its deliveries exist (each with its own state, below); `pending`: not yet relayed.
  const open = outbox.filter((r) => r.status === 'pending');
  checks.push({
    name: 'every outbox row was turned into its deliveries',
    ok: open.length === 0,
    detail: outbox.map((r) => `${r.status} ${r.n}`).join(', '),
  });

  const deliveries = await query<{ channel: string; status: string; n: string }>(
    url,
    `select channel, status, count(*) as n from notification_deliveries group by channel, status order by 1, 2`,
  );
  const undelivered = deliveries.filter((r) => !['sent', 'skipped'].includes(r.status));
  checks.push({
    name: 'every committed notification was delivered (sent, or skipped by the recipient’s settings)',
    ok: undelivered.length === 0 && deliveries.length > 0,
    detail: deliveries.map((r) => `${r.channel}/${r.status} ${r.n}`).join(', '),
  });

  const journaled = await query<{ id: string; status: string; entries: string }>(
    url,
    `select d.id, d.status, count(j.id) as entries
       from notification_deliveries d
       left join journal_entries j on j.action = 'notify.sent' and j.data->>'deliveryId' = d.id::text
      group by d.id, d.status
     having (d.status = 'sent' and count(j.id) <> 1) or (d.status <> 'sent' and count(j.id) > 0)`,
  );
  checks.push({
    name: 'each sent delivery has exactly one notify.sent journal entry, and nothing else has one',
    ok: journaled.length === 0,
    detail:
      journaled.length === 0
        ? 'all one-to-one'
        : journaled
            .slice(0, 5)
            .map((r) => `${r.id} ${r.status}: ${r.entries} entries`)
            .join('; '),
  });

  const twice = await query<{ request_id: string; task: string; n: string }>(
    url,
    `select request_id, data->>'taskKey' as task, count(*) as n from journal_entries
      where action = 'request.task_completed' group by 1, 2 having count(*) > 1`,
  );
  const [completed] = await query<{ n: string }>(
    url,
    `select count(*) as n from journal_entries where action = 'request.task_completed'`,
  );
  checks.push({
    name: 'no task completed twice',
    ok: twice.length === 0,
    detail:
      twice.length === 0
        ? `${completed?.n ?? 0} completions, each once`
        : twice.map((r) => `${r.request_id}/${r.task} ×${r.n}`).join('; '),
  });

  const requests = await query<{ id: string; status: string }>(url, `select id, status from requests`);
  const driven = new Set(drivenIds);
  const notDone = requests.filter((r) => driven.has(r.id) && r.status !== 'completed');
  // A create whose answer was lost leaves a draft: the client sees it in "Drafts" and may sign or delete it.
  const strays = requests.filter((r) => !driven.has(r.id));
  const stuckStrays = strays.filter((r) => !['draft', 'awaiting_signature', 'completed'].includes(r.status));
  checks.push({
    name: 'no request stuck: each driven one completed, any other is a draft its client can act on',
    ok: notDone.length === 0 && stuckStrays.length === 0 && driven.size > 0,
    detail:
      `${requests.length - strays.length} driven (${requests.filter((r) => r.status === 'completed').length} ` +
      `completed), ${strays.length} stray drafts` +
      (notDone.length + stuckStrays.length > 0
        ? `; stuck: ${[...notDone, ...stuckStrays].map((r) => `${r.id} ${r.status}`).join(', ')}`
        : ''),
  });

  const chain = await verifyJournal(orm.em.fork());
  checks.push({
    name: 'the journal chain verifies',
    ok: chain.ok,
    detail: chain.ok ? `${chain.entries} entries` : JSON.stringify(chain),
  });
  return checks;
}

/** Deliveries sent more than once at the provider: the documented at-least-once window (docs/0007). */
export async function resentDeliveries(url: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    url,
    `select count(*) as n from notification_deliveries where status = 'sent' and attempts > 1`,
  );
  return Number(row?.n ?? 0);
}
