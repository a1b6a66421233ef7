import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { driveToCompletion, fullChecklist, FULL_REVIEW_CHECKLIST } from '../../src/demo/drive.js';
import { verifyJournal } from '../../src/journal/journal.js';
import { JournalEntrySchema } from '../../src/journal/journal.entity.js';
import { OutboxMessageSchema } from '../../src/messaging/outbox.entity.js';
import type { RequestTypeCode } from '../../src/workflow/domain/definition.js';
import { getRequestType } from '../../src/workflow/domain/types/index.js';
import { LARGE_WITHDRAWAL, SAMPLE_PAYLOADS } from '../support/sample-payloads.js';
import { createWorkflowFixture, type WorkflowFixture } from '../support/workflow.js';
import { staffView } from '../../src/workflow/presenters.js';

let f: WorkflowFixture;
beforeAll(async () => {
  f = await createWorkflowFixture();
});
afterAll(async () => {
  await f.close();
});

async function fileAndSign(
  type: RequestTypeCode,
  payload: Record<string, unknown>,
  login = 'client@demo.local',
) {
  const client = f.actor(login);
  const draft = await f.workflow.createDraft(client, { type, payload });
  const { payloadHash } = await f.workflow.submit(client, draft.id);
  return f.workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
}

describe('full lifecycles on PostgreSQL', () => {
  it.each([
    ['withdrawal', 'client@demo.local'],
    ['securities_transfer', 'ip@demo.local'],
    ['contract_termination', 'company@demo.local'],
    ['trust_management', 'client@demo.local'],
    ['general_inquiry', 'company@demo.local'],
  ] as const)('%s goes from draft through every stage to completed', async (type, login) => {
    const signed = await fileAndSign(type, SAMPLE_PAYLOADS[type], login);
    expect(signed.status).toBe('submitted');
    const done = await driveToCompletion(f.workflow, signed.id, f.actor('manager@demo.local'), f.staff);
    expect(done.status).toBe('completed');
    expect(done.closedAt).not.toBeNull();

    // Every stage of the definition produced tasks of its roles, all done.
    const stages = getRequestType(type).process.stages;
    for (const [index, stage] of stages.entries()) {
      const roles = done.tasks
        .filter((t) => t.stageIndex === index)
        .map((t) => t.role)
        .sort();
      expect(roles).toEqual(expect.arrayContaining([...new Set(stage.tasks.map((t) => t.role))].sort()));
    }
    expect(done.tasks.every((t) => t.status === 'done' || t.status === 'cancelled')).toBe(true);

    // The client sees it completed, and a completion notice waits in the outbox.
    const asClient = await f.workflow.getRequest(f.actor(login), signed.id);
    expect(asClient.status).toBe('completed');
    const outbox = await f.db.orm.em.fork().find(OutboxMessageSchema, { requestId: signed.id });
    const topics = outbox.map((m) => m.topic);
    expect(topics).toEqual(
      expect.arrayContaining([
        'signature_required',
        'request_submitted',
        'task_created',
        'request_completed',
      ]),
    );
    expect(topics.filter((t) => t === 'request_completed')).toHaveLength(1);
  });

  it('a withdrawal of 1,000,000 RUB gets the mandatory-control task, finished by two different people', async () => {
    const signed = await fileAndSign('withdrawal', LARGE_WITHDRAWAL);
    const manager = f.actor('manager@demo.local');
    await f.workflow.take(manager, signed.id);
    const accepted = staffView(await f.workflow.accept(manager, signed.id, FULL_REVIEW_CHECKLIST));
    const control = accepted.tasks.find((t) => t.approvalsRequired === 2);
    expect(control).toBeDefined();
    if (!control) return;
    expect(control.role).toBe('fin_monitoring');
    expect(control.stageIndex).toBe(0);

    const finmon = f.actor('finmon@demo.local');
    const afterFirst = staffView(
      await f.workflow.completeTask(finmon, control.id, fullChecklist(control.checklist)),
    );
    expect(afterFirst.tasks.find((t) => t.id === control.id)?.status).not.toBe('done');
    await expect(
      f.workflow.completeTask(finmon, control.id, fullChecklist(control.checklist)),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const afterSecond = staffView(
      await f.workflow.completeTask(
        f.actor('finmon2@demo.local'),
        control.id,
        fullChecklist(control.checklist),
      ),
    );
    const finished = afterSecond.tasks.find((t) => t.id === control.id);
    expect(finished?.status).toBe('done');
    expect(new Set(finished?.approvals.map((a) => a.userId))).toEqual(
      new Set([finmon.userId, f.actor('finmon2@demo.local').userId]),
    );
    const done = await driveToCompletion(f.workflow, signed.id, manager, f.staff);
    expect(done.status).toBe('completed');
  });

  it('a task rejected in work sends the request back to review; the manager reopens it and work goes on', async () => {
    const signed = await fileAndSign('internal_transfer', SAMPLE_PAYLOADS.internal_transfer);
    const manager = f.actor('manager@demo.local');
    await f.workflow.take(manager, signed.id);
    const accepted = staffView(await f.workflow.accept(manager, signed.id, FULL_REVIEW_CHECKLIST));
    const task = accepted.tasks[0];
    if (!task) throw new Error('no task after accept');
    const rejected = staffView(
      await f.workflow.rejectTask(f.actor('broker@demo.local'), task.id, 'insufficient free funds'),
    );
    expect(rejected.status).toBe('in_review');
    const reopened = staffView(await f.workflow.reopenTask(manager, task.id));
    expect(reopened.status).toBe('in_progress');
    expect(reopened.tasks.find((t) => t.id === task.id)?.status).toBe('open');
    const done = await driveToCompletion(f.workflow, signed.id, manager, f.staff);
    expect(done.status).toBe('completed');
  });

  it('returned for rework, edited, signed again and accepted: fresh tasks, old ones kept cancelled', async () => {
    const client = f.actor('client@demo.local');
    const signed = await fileAndSign('broker_report', SAMPLE_PAYLOADS.broker_report);
    const manager = f.actor('manager@demo.local');
    await f.workflow.take(manager, signed.id);
    const returned = await f.workflow.returnForRework(manager, signed.id, 'please choose XLSX');
    expect(returned.status).toBe('returned');
    const edited = await f.workflow.updateDraft(client, signed.id, {
      ...SAMPLE_PAYLOADS.broker_report,
      format: 'xlsx',
    });
    expect(edited.status).toBe('draft');
    const { payloadHash } = await f.workflow.submit(client, signed.id);
    await f.workflow.confirmSignature(client, signed.id, payloadHash);
    const done = await driveToCompletion(f.workflow, signed.id, manager, f.staff);
    expect(done.status).toBe('completed');
  });

  it('a signature code bound to an older payload is refused with conflict and changes nothing', async () => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, {
      type: 'withdrawal',
      payload: SAMPLE_PAYLOADS.withdrawal,
    });
    const { payloadHash: oldHash } = await f.workflow.submit(client, draft.id);
    await f.workflow.updateDraft(client, draft.id, { ...SAMPLE_PAYLOADS.withdrawal, amount: '1500.00' });
    const { payloadHash: newHash } = await f.workflow.submit(client, draft.id);
    expect(newHash).not.toBe(oldHash);
    await expect(f.workflow.confirmSignature(client, draft.id, oldHash)).rejects.toMatchObject({
      code: 'conflict',
    });
    const after = await f.workflow.getRequest(client, draft.id);
    expect(after.status).toBe('awaiting_signature');
  });

  it('answers not_found for another client and for staff before signing; validation_failed for a bad form', async () => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, {
      type: 'general_inquiry',
      payload: SAMPLE_PAYLOADS.general_inquiry,
    });
    await expect(f.workflow.getRequest(f.actor('ip@demo.local'), draft.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(f.workflow.getRequest(f.actor('manager@demo.local'), draft.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      f.workflow.createDraft(client, {
        type: 'withdrawal',
        payload: { ...SAMPLE_PAYLOADS.withdrawal, amount: '-5' },
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fieldIssues: { amount: [{ code: 'amount_not_positive' }] },
    });
    await expect(
      f.workflow.createDraft(f.actor('manager@demo.local'), {
        type: 'general_inquiry',
        payload: SAMPLE_PAYLOADS.general_inquiry,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lists requests by visibility: the client its own, a role only what reached it', async () => {
    const own = await f.workflow.listRequests(f.actor('client@demo.local'), { pageSize: 100 });
    expect(own.total).toBeGreaterThan(0);
    const ipOwn = await f.workflow.listRequests(f.actor('ip@demo.local'), { pageSize: 100 });
    const ownIds = new Set(own.items.map((r) => r.id));
    expect(ipOwn.items.some((r) => ownIds.has(r.id))).toBe(false);
    const trust = await f.workflow.listRequests(f.actor('trust@demo.local'), { pageSize: 100 });
    expect(trust.items.every((r) => r.type === 'trust_management')).toBe(true);
    expect(trust.total).toBeGreaterThan(0);
  });

  it('journals every change in a chain that verifies', async () => {
    const em = f.db.orm.em.fork();
    expect(await em.count(JournalEntrySchema, {})).toBeGreaterThan(50);
    const result = await verifyJournal(em);
    expect(result).toMatchObject({ ok: true });
  });
});
