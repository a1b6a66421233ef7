import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { fullChecklist, FULL_REVIEW_CHECKLIST } from '../../src/demo/drive.js';
import { appendJournal, verifyJournal } from '../../src/journal/journal.js';
import { OutboxMessageSchema } from '../../src/messaging/outbox.entity.js';
import { enqueueOutbox } from '../../src/messaging/outbox.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';
import { createWorkflowFixture, type WorkflowFixture } from '../support/workflow.js';
import { staffView } from '../../src/workflow/presenters.js';

let f: WorkflowFixture;
beforeAll(async () => {
  f = await createWorkflowFixture();
});
afterAll(async () => {
  await f.close();
});

async function requestInWork(type: 'internal_transfer' | 'withdrawal' = 'internal_transfer') {
  const client = f.actor('client@demo.local');
  const manager = f.actor('manager@demo.local');
  const draft = await f.workflow.createDraft(client, { type, payload: SAMPLE_PAYLOADS[type] });
  const { payloadHash } = await f.workflow.submit(client, draft.id);
  await f.workflow.confirmSignature(client, draft.id, payloadHash);
  await f.workflow.take(manager, draft.id);
  return staffView(await f.workflow.accept(manager, draft.id, FULL_REVIEW_CHECKLIST));
}

describe('concurrency', () => {
  it('two staff completing the same task at once: exactly one applied, the other gets conflict', async () => {
    const view = await requestInWork('withdrawal');
    const task = view.tasks.find((t) => t.role === 'fin_monitoring');
    if (!task) throw new Error('no fin_monitoring task');
    const checklist = fullChecklist(task.checklist);
    const results = await Promise.allSettled([
      f.workflow.completeTask(f.actor('finmon@demo.local'), task.id, checklist),
      f.workflow.completeTask(f.actor('finmon2@demo.local'), task.id, checklist),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    // The loser either lost the optimistic race or, arriving later, found the task already done.
    expect(['conflict', 'invalid_transition']).toContain((rejected[0]?.reason as { code?: string }).code);
    const after = staffView(await f.workflow.getRequest(f.actor('manager@demo.local'), view.id));
    const done = after.tasks.find((t) => t.id === task.id);
    expect(done?.status).toBe('done');
    expect(done?.approvals).toHaveLength(1);
    const approvals = await f.db.orm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from journal_entries where request_id = ? and action = 'request.task_approved'`,
        [view.id],
      );
    expect(Number(approvals[0]?.n)).toBe(1);
  });

  it('the same button pressed many times at once is applied once', async () => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, {
      type: 'general_inquiry',
      payload: SAMPLE_PAYLOADS.general_inquiry,
    });
    const { payloadHash } = await f.workflow.submit(client, draft.id);
    await f.workflow.confirmSignature(client, draft.id, payloadHash);
    const manager = f.actor('manager@demo.local');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => f.workflow.take(manager, draft.id)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(['conflict', 'invalid_transition']).toContain((r.reason as { code: string }).code);
    }
    const outbox = await f.db.orm.em.fork().count(OutboxMessageSchema, { requestId: draft.id });
    expect(outbox).toBe(2); // signature_required + request_submitted; taking notifies nobody
  });

  it('request numbers stay unique and gap-free under parallel filing', async () => {
    const client = f.actor('ip@demo.local');
    const drafts = await Promise.all(
      Array.from({ length: 12 }, () =>
        f.workflow.createDraft(client, { type: 'general_inquiry', payload: SAMPLE_PAYLOADS.general_inquiry }),
      ),
    );
    const seqs = drafts.map((d) => Number(d.number.split('-')[1])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(12);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(11);
  });
});

describe('outbox', () => {
  it('holds rows for committed changes and none for a refused or rolled-back one', async () => {
    const em = f.db.orm.em.fork();
    const before = await em.count(OutboxMessageSchema, {});
    const view = await requestInWork();
    const created = await em.count(OutboxMessageSchema, { requestId: view.id, topic: 'task_created' });
    expect(created).toBe(view.tasks.length);

    // A refused command writes nothing.
    await expect(f.workflow.take(f.actor('manager@demo.local'), view.id)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    // A transaction that fails after writing outbox rows leaves none behind.
    await expect(
      f.db.orm.em.fork().transactional(async (tx) => {
        enqueueOutbox(tx, [
          { topic: 'request_completed', requestId: view.id, payload: { requestId: view.id } },
        ]);
        await tx.flush();
        throw new Error('boom after flush');
      }),
    ).rejects.toThrow('boom after flush');
    const after = await em.count(OutboxMessageSchema, {});
    const forRequest = await em.find(OutboxMessageSchema, { requestId: view.id });
    expect(forRequest.some((m) => m.topic === 'request_completed')).toBe(false);
    expect(after - before).toBe(forRequest.length);
  });

  it('carries ids, never personal data', async () => {
    const rows = await f.db.orm.em.fork().find(OutboxMessageSchema, {});
    const text = JSON.stringify(rows.map((r) => r.payload));
    expect(text).not.toMatch(/40817810|044525225|Иванов|@demo\.local|\+7999/);
  });
});

describe('journal', () => {
  it('refuses updates and deletes of journal rows', async () => {
    await requestInWork();
    const em = f.db.orm.em.fork();
    await expect(em.execute(`update journal_entries set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from journal_entries')).rejects.toThrow(/append-only/);
  });

  it('verify names the first tampered entry, and a deleted entry breaks the chain there', async () => {
    await requestInWork();
    const em = f.db.orm.em.fork();
    expect(await verifyJournal(em)).toMatchObject({ ok: true });

    const client = new pg.Client({ connectionString: f.db.url });
    await client.connect();
    try {
      // A superuser can still go around the trigger; the chain is what catches it.
      await client.query('alter table journal_entries disable trigger journal_append_only');
      const { rows } = await client.query<{ id: string }>(
        'select id from journal_entries order by id limit 3 offset 5',
      );
      const [tampered, , deleted] = rows.map((r) => String(r.id));
      if (!tampered || !deleted) throw new Error('journal too short');
      await client.query(
        `update journal_entries set data = jsonb_set(data, '{forged}', 'true') where id = $1`,
        [tampered],
      );
      expect(await verifyJournal(f.db.orm.em.fork())).toMatchObject({
        ok: false,
        brokenAt: { id: tampered, reason: 'hash_mismatch' },
      });

      await client.query(`update journal_entries set data = data - 'forged' where id = $1`, [tampered]);
      expect(await verifyJournal(f.db.orm.em.fork())).toMatchObject({ ok: true });

      await client.query('delete from journal_entries where id = $1', [deleted]);
      const broken = await verifyJournal(f.db.orm.em.fork());
      expect(broken.ok).toBe(false);
      if (!broken.ok) {
        expect(broken.brokenAt.reason).toBe('chain_broken');
        expect(BigInt(broken.brokenAt.id)).toBeGreaterThan(BigInt(deleted));
      }
    } finally {
      await client.end();
    }
  });

  it('concurrent appends keep one chain', async () => {
    const fresh = await createWorkflowFixture();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.db.orm.em
            .fork()
            .transactional((tx) =>
              appendJournal(tx, [{ action: 'test.append', actorId: null, data: { i } }]),
            ),
        ),
      );
      expect(await verifyJournal(fresh.db.orm.em.fork())).toMatchObject({ ok: true, entries: 21 });
    } finally {
      await fresh.close();
    }
  });

  it('commands hashed by the database and appends hashed here, all at once, make one chain that verifies', async () => {
    const fresh = await createWorkflowFixture();
    try {
      const before = await verifyJournal(fresh.db.orm.em.fork());
      const client = fresh.actor('client@demo.local');
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          // Quotes, backslashes, a newline, Cyrillic and an emoji: the database hashes the same UTF-8 bytes.
          const text = `${SAMPLE_PAYLOADS.general_inquiry['text'] as string} O'Brien \\ "${i}"\n🙂`;
          const draft = await fresh.workflow.createDraft(client, {
            type: 'general_inquiry',
            payload: { ...SAMPLE_PAYLOADS.general_inquiry, text },
          });
          const { payloadHash } = await fresh.workflow.submit(client, draft.id);
          await fresh.workflow.confirmSignature(client, draft.id, payloadHash);
          await fresh.db.orm.em
            .fork()
            .transactional((tx) =>
              appendJournal(tx, [{ action: 'test.append', actorId: null, data: { i } }]),
            );
        }),
      );
      // Each filing: created (1), submitted (2), signed (2), and the plain append (1).
      expect(await verifyJournal(fresh.db.orm.em.fork())).toMatchObject({
        ok: true,
        entries: before.entries + 10 * 6,
      });
    } finally {
      await fresh.close();
    }
  });
});
