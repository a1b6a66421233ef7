import { describe, expect, it } from '@jest/globals';
import {
  applyEvents,
  evolve,
  type DomainEvent,
  type RequestState,
  type TaskState,
} from '../../../src/workflow/domain/index.js';
import { anyStageType, fourEyesType, parallelType } from '../../support/fixture-definitions.js';
import { deepFreeze, draftOf, owner, REVIEW_DONE, reviewer, Scenario, staff } from './support.js';

const openTask: TaskState = {
  key: 'check.funds',
  stageIndex: 0,
  role: 'brokerage',
  status: 'open',
  approvalsRequired: 2,
  approvals: [],
  assigneeId: null,
  dueAt: '2026-03-02T13:00:00.000Z',
  rejectedBy: null,
  rejectReason: null,
};

const working: RequestState = deepFreeze({
  ...draftOf(parallelType, { amount: '1.00', currency: 'RUB' }),
  status: 'in_progress',
  reviewerId: reviewer.userId,
  stageIndex: 0,
  tasks: [openTask],
});

function taskAfter(state: RequestState, ...events: DomainEvent[]): TaskState | undefined {
  return applyEvents(state, events).tasks.find((task) => task.key === 'check.funds');
}

describe('evolve: what each event does to the state', () => {
  it('draft_updated replaces payload and hash', () => {
    const draft = deepFreeze(draftOf(parallelType, { amount: '1.00' }));
    expect(evolve(draft, { type: 'draft_updated', payload: { amount: '2.00' }, payloadHash: 'h2' })).toEqual({
      ...draft,
      payload: { amount: '2.00' },
      payloadHash: 'h2',
    });
  });

  it('status_changed sets the status, and refuses a transition from another status', () => {
    expect(evolve(working, { type: 'status_changed', from: 'in_progress', to: 'in_review' }).status).toBe(
      'in_review',
    );
    expect(() =>
      evolve(working, { type: 'status_changed', from: 'draft', to: 'awaiting_signature' }),
    ).toThrow('status_changed from draft, but the request is in_progress');
  });

  it('review_taken sets the reviewer; stage_started the stage', () => {
    expect(evolve(working, { type: 'review_taken', reviewerId: 'u-x' }).reviewerId).toBe('u-x');
    expect(evolve(working, { type: 'stage_started', stageIndex: 2 }).stageIndex).toBe(2);
  });

  it('task_created appends an open, unassigned task with no approvals; a duplicate key throws', () => {
    const created: DomainEvent = {
      type: 'task_created',
      taskKey: 'check.screening',
      stageIndex: 0,
      role: 'fin_monitoring',
      approvalsRequired: 1,
      dueAt: '2026-03-02T13:00:00.000Z',
    };
    expect(evolve(working, created).tasks).toEqual([
      openTask,
      {
        key: 'check.screening',
        stageIndex: 0,
        role: 'fin_monitoring',
        status: 'open',
        approvalsRequired: 1,
        approvals: [],
        assigneeId: null,
        dueAt: '2026-03-02T13:00:00.000Z',
        rejectedBy: null,
        rejectReason: null,
      },
    ]);
    expect(() => evolve(working, { ...created, taskKey: 'check.funds' })).toThrow('already exists');
  });

  it('task_claimed assigns; a non-final task_approved records the approval and releases the claim', () => {
    const claimed = { type: 'task_claimed', taskKey: 'check.funds', userId: 'u-a' } as const;
    expect(taskAfter(working, claimed)).toMatchObject({ status: 'claimed', assigneeId: 'u-a' });
    const approved = {
      type: 'task_approved',
      taskKey: 'check.funds',
      userId: 'u-a',
      at: '2026-03-02T10:00:00.000Z',
      checklist: {},
    } as const;
    expect(taskAfter(working, claimed, approved)).toMatchObject({
      status: 'open',
      assigneeId: null,
      approvals: [{ userId: 'u-a', at: '2026-03-02T10:00:00.000Z' }],
    });
  });

  it('the final task_approved keeps the approver as assignee; task_completed marks it done', () => {
    const events: DomainEvent[] = [
      {
        type: 'task_approved',
        taskKey: 'check.funds',
        userId: 'u-a',
        at: '2026-03-02T10:00:00.000Z',
        checklist: {},
      },
      { type: 'task_claimed', taskKey: 'check.funds', userId: 'u-b' },
      {
        type: 'task_approved',
        taskKey: 'check.funds',
        userId: 'u-b',
        at: '2026-03-02T11:00:00.000Z',
        checklist: {},
      },
      { type: 'task_completed', taskKey: 'check.funds' },
    ];
    expect(taskAfter(working, ...events)).toMatchObject({
      status: 'done',
      assigneeId: 'u-b',
      approvals: [{ userId: 'u-a' }, { userId: 'u-b' }],
    });
  });

  it('task_rejected records who and why; task_reopened clears approvals, claim and refusal and resets the SLA', () => {
    const rejected = taskAfter(
      working,
      {
        type: 'task_approved',
        taskKey: 'check.funds',
        userId: 'u-a',
        at: '2026-03-02T10:00:00.000Z',
        checklist: {},
      },
      { type: 'task_claimed', taskKey: 'check.funds', userId: 'u-b' },
      { type: 'task_rejected', taskKey: 'check.funds', userId: 'u-b', reason: 'no' },
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'u-b', rejectReason: 'no' });
    const reopened = applyEvents(working, [
      { type: 'task_rejected', taskKey: 'check.funds', userId: 'u-b', reason: 'no' },
      { type: 'task_reopened', taskKey: 'check.funds', dueAt: '2026-03-03T00:00:00.000Z' },
    ]).tasks[0];
    expect(reopened).toEqual({ ...openTask, dueAt: '2026-03-03T00:00:00.000Z' });
  });

  it('task_cancelled marks the task cancelled and keeps the rest for the record', () => {
    expect(
      taskAfter(
        working,
        { type: 'task_rejected', taskKey: 'check.funds', userId: 'u-b', reason: 'no' },
        { type: 'task_cancelled', taskKey: 'check.funds' },
      ),
    ).toMatchObject({ status: 'cancelled', rejectedBy: 'u-b', rejectReason: 'no' });
  });

  it('a task event for a task the request does not have throws', () => {
    expect(() => evolve(working, { type: 'task_completed', taskKey: 'nope' })).toThrow('no task nope');
  });

  it.each<DomainEvent>([
    { type: 'draft_deleted' },
    { type: 'signature_requested', payloadHash: 'h' },
    { type: 'signed', payloadHash: 'h' },
    { type: 'accepted', checklist: REVIEW_DONE },
    { type: 'stage_completed', stageIndex: 0 },
  ])('journal-only event $type leaves the state as it is', (event) => {
    expect(evolve(working, event)).toBe(working);
  });

  it('applyEvents applies in order and returns the input for no events', () => {
    expect(applyEvents(working, [])).toBe(working);
    const after = applyEvents(working, [
      { type: 'status_changed', from: 'in_progress', to: 'in_review' },
      { type: 'status_changed', from: 'in_review', to: 'returned' },
    ]);
    expect(after.status).toBe('returned');
  });
});

describe('evolve never mutates its input', () => {
  it('deep-frozen test states really refuse writes (so a mutation anywhere fails loudly)', () => {
    const frozen = deepFreeze({ tasks: [{ status: 'open' }] });
    expect(() => {
      (frozen.tasks as { status: string }[]).push({ status: 'x' });
    }).toThrow(TypeError);
    expect(() => {
      (frozen.tasks[0] as { status: string }).status = 'done';
    }).toThrow(TypeError);
  });

  function lifecycles(): Scenario[] {
    const big = new Scenario(
      parallelType,
      draftOf(parallelType, { amount: '3000000.00', currency: 'RUB' }),
    ).toWork();
    big.run({ type: 'claimTask', taskKey: 'check.mandatory_control' }, staff('fin_monitoring', 'a'));
    big.complete('check.mandatory_control', staff('fin_monitoring', 'a'));
    big.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'no' }, staff('brokerage'));
    big.run({ type: 'reopenTask', taskKey: 'check.funds' }, reviewer);
    big.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'still no' }, staff('brokerage'));
    big.run({ type: 'returnForRework', reason: 'fix' }, reviewer);
    big.run({ type: 'updateDraft', payload: { amount: '1.00', currency: 'RUB' }, payloadHash: 'h1' }, owner);
    big.toWork();
    const any = new Scenario(anyStageType).toWork();
    any.complete('answer.bo_reply', staff('back_office'));
    const fourEyes = new Scenario(fourEyesType).toWork();
    fourEyes.complete('verify.documents', staff('back_office', 'a'));
    fourEyes.complete('verify.documents', staff('back_office', 'b'));
    return [big, any, fourEyes];
  }

  it('given deep-frozen states, when every event of several lifecycles is applied, then no input changes', () => {
    for (const scenario of lifecycles()) {
      let state = deepFreeze(draftOf(scenario.definition, scenario.history[0]?.payload ?? {}));
      for (const event of scenario.events) {
        const before = structuredClone(state);
        const next = evolve(state, event);
        expect(state).toEqual(before);
        state = deepFreeze(next);
      }
      expect(state).toEqual(scenario.state);
    }
  });

  it('given a deep-frozen state, then decide leaves it untouched too', () => {
    const s = new Scenario(parallelType).toWork();
    const before = structuredClone(s.state);
    s.decide({ type: 'completeTask', taskKey: 'check.funds', checklist: {} }, staff('brokerage'));
    s.decide({ type: 'returnForRework', reason: 'x' }, reviewer);
    expect(s.state).toEqual(before);
  });
});
