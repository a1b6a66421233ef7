import { createHash } from 'node:crypto';
import type { Em } from '../db/orm.js';
import { runParts, type StatementPart } from '../db/statement.js';
import { canonicalJson } from '../workflow/domain/canonical-json.js';
import { JournalEntrySchema, type JournalEntry } from './journal.entity.js';

/** The hash an empty journal "ends" with: the first entry points to it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Serializes appends so the chain has one head; held until the transaction ends. */
const JOURNAL_LOCK_KEY = 7_340_021;

/** The lock as an SQL expression: a command takes it in the statement that loads its request (docs/0029). */
export const JOURNAL_LOCK = `pg_advisory_xact_lock(${JOURNAL_LOCK_KEY})`;

export interface JournalRecord {
  action: string;
  actorId: string | null;
  requestId?: string | null;
  subjectUserId?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

interface HashedContent {
  at: string;
  actorId: string | null;
  action: string;
  requestId: string | null;
  subjectUserId: string | null;
  data: Record<string, unknown>;
}

/** The chain link: SHA-256 over the previous hash and the entry's canonical content. */
export function entryHash(prevHash: string, content: HashedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** Plain JSON data, as jsonb will give it back (dates as ISO strings, undefined dropped). */
function plainData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return data === undefined ? {} : (JSON.parse(canonicalJson(data)) as Record<string, unknown>);
}

/**
 * Appends entries inside the caller's transaction. Takes a transaction-scoped advisory lock so that
 * concurrent writers extend the chain one after another.
 */
export async function appendJournal(em: Em, records: readonly JournalRecord[]): Promise<JournalEntry[]> {
  if (records.length === 0) return [];
  await em.execute(`select ${JOURNAL_LOCK}`);
  const last = await em.execute<{ hash: string }[]>(
    'select hash from journal_entries order by id desc limit 1',
  );
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const entries: JournalEntry[] = [];
  for (const record of records) {
    const at = record.at ?? new Date();
    const content = hashedContent(record, at);
    const hash = entryHash(prevHash, content);
    entries.push(em.create(JournalEntrySchema, { ...content, at, prevHash, hash }));
    prevHash = hash;
  }
  // Flush now: the chain order is the id order, and ids are given at insert while we hold the lock.
  await em.flush();
  return entries;
}

function hashedContent(record: JournalRecord, at: Date): HashedContent {
  return {
    at: at.toISOString(),
    actorId: record.actorId,
    action: record.action,
    requestId: record.requestId ?? null,
    subjectUserId: record.subjectUserId ?? null,
    data: plainData(record.data),
  };
}

/**
 * The same append as a part of a command's one write statement (docs/0029): the head is read and each link
 * hashed by PostgreSQL (`sha256` over the same bytes as `entryHash`) in the statement that inserts the entries, so
 * no round trip waits for the head. Only while the caller holds the journal's lock (`JOURNAL_LOCK`), taken in
 * an earlier statement of the transaction: this statement's snapshot then holds the newest head.
 */
export function journalParts(records: readonly JournalRecord[], now: Date): StatementPart[] {
  if (records.length === 0) return [];
  const parts: StatementPart[] = [
    {
      name: 'journal_head',
      sql: `select coalesce((select hash from journal_entries order by id desc limit 1), '${GENESIS_HASH}') as h`,
      params: [],
    },
  ];
  const rows: string[] = [];
  const params: unknown[] = [];
  records.forEach((record, i) => {
    const content = hashedContent(record, record.at ?? now);
    const prev = i === 0 ? 'journal_head' : `journal_link${i - 1}`;
    parts.push({
      name: `journal_link${i}`,
      sql: `select encode(sha256(convert_to(${prev}.h || chr(10) || ?, 'UTF8')), 'hex') as h from ${prev}`,
      params: [canonicalJson(content)],
    });
    rows.push(
      `(${i}, ?::timestamptz, ?::uuid, ?, ?::uuid, ?::uuid, ?::jsonb, (select h from ${prev}), (select h from journal_link${i}))`,
    );
    params.push(
      content.at,
      content.actorId,
      content.action,
      content.requestId,
      content.subjectUserId,
      canonicalJson(content.data),
    );
  });
  parts.push({
    name: 'journal_insert',
    sql: `insert into journal_entries (at, actor_id, action, request_id, subject_user_id, data, prev_hash, hash)
      select at, actor_id, action, request_id, subject_user_id, data, prev_hash, hash
      from (values ${rows.join(', ')}) v(n, at, actor_id, action, request_id, subject_user_id, data, prev_hash, hash)
      order by n`,
    params,
  });
  return parts;
}

/**
 * Appends entries as one statement (`journalParts`: PostgreSQL hashes them onto the chain), for a writer with no
 * other rows in that statement. The caller holds the journal's lock, taken in an earlier statement.
 */
export async function writeJournal(em: Em, records: readonly JournalRecord[], now: Date): Promise<void> {
  await runParts(em, journalParts(records, now), 'select 1 as written');
}

export type VerifyResult =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: { id: string; reason: 'hash_mismatch' | 'chain_broken' } };

interface JournalRow {
  id: string;
  at: Date | string;
  actor_id: string | null;
  action: string;
  request_id: string | null;
  subject_user_id: string | null;
  data: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

/** Walks the whole chain in id order and names the first entry whose link does not hold. */
export async function verifyJournal(em: Em, batchSize = 1000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let count = 0;
  for (;;) {
    const rows = await em.execute<JournalRow[]>(
      'select * from journal_entries where id > ? order by id limit ?',
      [afterId, batchSize],
    );
    if (rows.length === 0) return { ok: true, entries: count, lastHash: prevHash };
    for (const row of rows) {
      const id = String(row.id);
      if (row.prev_hash !== prevHash)
        return { ok: false, entries: count, brokenAt: { id, reason: 'chain_broken' } };
      const content: HashedContent = {
        at: new Date(row.at).toISOString(),
        actorId: row.actor_id,
        action: row.action,
        requestId: row.request_id,
        subjectUserId: row.subject_user_id,
        data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
      };
      if (entryHash(prevHash, content) !== row.hash)
        return { ok: false, entries: count, brokenAt: { id, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      afterId = id;
      count += 1;
    }
  }
}
