import { describe, expect, it } from '@jest/globals';
import {
  anyStageType,
  fourEyesType,
  parallelType,
  routedOnlyStageType,
  withSegregation,
} from '../../support/fixture-definitions.js';
import { draftOf, eventTypes, manager, owner, reviewer, Scenario, staff, taskChecklist } from './support.js';

const screener = staff('fin_monitoring', 'screener');
const screener2 = staff('fin_monitoring', 'screener2');
const broker = staff('brokerage', 'broker');
const broker2 = staff('brokerage', 'broker2');
const clerk = staff('back_office', 'clerk');
const clerk2 = staff('back_office', 'clerk2');
/** One person holding two roles: the case segregation of duties is about. */
const allRounder = staff('fin_monitoring', 'all-rounder', 'brokerage', 'back_office');

function inWork(
  definition = parallelType,
  payload: Record<string, unknown> = { amount: '5000.00', currency: 'RUB' },
) {
  return new Scenario(definition, draftOf(definition, payload)).toWork();
}

describe('parallel tasks (stage rule all)', () => {
  it('given two parallel tasks, when one is done, then the stage waits for the other', () => {
    const s = inWork();
    const first = s.complete('check.screening', screener);
    expect(eventTypes(first)).toEqual(['task_approved', 'task_completed']);
    expect(first.effects).toEqual([]);
    expect(s.state.stageIndex).toBe(0);
    expect(s.task('check.funds').status).toBe('open');
  });

  it('given the other parallel task done too, then the next stage starts with its tasks', () => {
    const s = inWork();
    s.complete('check.funds', broker);
    const second = s.complete('check.screening', screener);
    expect(eventTypes(second)).toEqual([
      'task_approved',
      'task_completed',
      'stage_completed',
      'stage_started',
      'task_created',
    ]);
    expect(second.effects).toEqual([{ type: 'task_created', taskKey: 'payout.order', role: 'back_office' }]);
    expect(s.state.stageIndex).toBe(1);
  });

  it('given a comment, then it is kept trimmed on the approval event; a blank one is dropped', () => {
    const s = inWork();
    const withComment = s.complete('check.screening', screener, '  all clear ');
    expect(withComment.events[0]).toEqual({
      type: 'task_approved',
      taskKey: 'check.screening',
      userId: screener.userId,
      at: '2026-03-02T09:00:00.000Z',
      checklist: taskChecklist(parallelType, s.task('check.screening')),
      comment: 'all clear',
    });
    const blank = s.complete('check.funds', broker, '   ');
    expect(blank.events[0]).not.toHaveProperty('comment');
  });
});

describe('an `any` stage', () => {
  it('given two parallel replies, when the first is done, then the other is cancelled and the stage completes', () => {
    // given
    const s = inWork(anyStageType, {});
    expect(s.taskKeys()).toEqual(['answer.cm_reply', 'answer.bo_reply']);
    s.run({ type: 'claimTask', taskKey: 'answer.cm_reply' }, manager);
    // when
    const decision = s.complete('answer.bo_reply', clerk);
    // then
    expect(
      decision.events.map((event) => ('taskKey' in event ? `${event.type} ${event.taskKey}` : event.type)),
    ).toEqual([
      'task_approved answer.bo_reply',
      'task_completed answer.bo_reply',
      'task_cancelled answer.cm_reply',
      'stage_completed',
      'stage_started',
      'task_created archive.file',
    ]);
    expect(s.task('answer.cm_reply').status).toBe('cancelled');
    expect(s.refuse({ type: 'claimTask', taskKey: 'answer.cm_reply' }, manager).code).toBe(
      'invalid_transition',
    );
  });

  it('given the reviewer holds the client_manager task role too, then the reviewer may answer', () => {
    const s = inWork(anyStageType, {});
    s.complete('answer.cm_reply', reviewer);
    expect(s.task('answer.bo_reply').status).toBe('cancelled');
    s.complete('archive.file', clerk);
    expect(s.state.status).toBe('completed');
  });
});

describe('approvals 2 (4-eyes)', () => {
  it('given a task needing two people, when the first approves, then it is open again for a second person', () => {
    // given
    const s = inWork(fourEyesType, {});
    s.run({ type: 'claimTask', taskKey: 'verify.documents' }, clerk);
    // when
    const first = s.complete('verify.documents', clerk);
    // then
    expect(eventTypes(first)).toEqual(['task_approved']);
    expect(s.task('verify.documents')).toMatchObject({
      status: 'open',
      assigneeId: null,
      approvals: [{ userId: clerk.userId, at: '2026-03-02T09:00:00.000Z' }],
    });
  });

  it('given the first approval, when the same person completes again, then forbidden (4-eyes)', () => {
    const s = inWork(fourEyesType, {});
    s.complete('verify.documents', clerk);
    const checklist = taskChecklist(fourEyesType, s.task('verify.documents'));
    const error = s.refuse({ type: 'completeTask', taskKey: 'verify.documents', checklist }, clerk);
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('4-eyes: a second, different person must complete this');
    expect(error.details?.['reason']).toBe('four_eyes');
    // claiming it again would only block the second person, so that is refused too
    expect(s.refuse({ type: 'claimTask', taskKey: 'verify.documents' }, clerk).code).toBe('forbidden');
  });

  it('given the first approval, when a second, different person approves, then the task is done', () => {
    const s = inWork(fourEyesType, {});
    s.complete('verify.documents', clerk);
    s.run({ type: 'claimTask', taskKey: 'verify.documents' }, clerk2);
    const second = s.complete('verify.documents', clerk2);
    expect(eventTypes(second)).toEqual([
      'task_approved',
      'task_completed',
      'stage_completed',
      'stage_started',
      'task_created',
    ]);
    expect(s.task('verify.documents')).toMatchObject({
      status: 'done',
      assigneeId: clerk2.userId,
      approvals: [{ userId: clerk.userId }, { userId: clerk2.userId }],
    });
  });
});

describe('segregation of duties', () => {
  it('given segregation on, when a person who completed one task completes another, then forbidden', () => {
    const s = inWork(withSegregation(parallelType, true));
    s.complete('check.screening', allRounder);
    const checklist = taskChecklist(parallelType, s.task('check.funds'));
    const error = s.refuse({ type: 'completeTask', taskKey: 'check.funds', checklist }, allRounder);
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('segregation of duties');
    expect(error.details).toEqual({ reason: 'segregation', taskKey: 'check.funds' });
    expect(s.refuse({ type: 'claimTask', taskKey: 'check.funds' }, allRounder).code).toBe('forbidden');
  });

  it('given segregation on, then even a partial approval of another task counts', () => {
    const s = inWork(withSegregation(parallelType, true), { amount: '2000000.00', currency: 'RUB' });
    s.complete('check.mandatory_control', allRounder);
    expect(s.task('check.mandatory_control').approvals).toHaveLength(1);
    const checklist = taskChecklist(parallelType, s.task('check.funds'));
    expect(s.refuse({ type: 'completeTask', taskKey: 'check.funds', checklist }, allRounder).code).toBe(
      'forbidden',
    );
  });

  it('given segregation on, then rejecting another task is still allowed (a refusal is no approval)', () => {
    const s = inWork(withSegregation(parallelType, true));
    s.complete('check.screening', allRounder);
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'not enough funds' }, allRounder);
    expect(s.state.status).toBe('in_review');
  });

  it('given segregation on, when one person does two tasks of the same role, then both are allowed', () => {
    const s = inWork(withSegregation(parallelType, true), { amount: '2000000.00', currency: 'RUB' });
    s.complete('check.screening', screener);
    s.complete('check.mandatory_control', screener);
    expect(s.task('check.mandatory_control').approvals).toHaveLength(1);
    // …and the 4-eyes rule still wants a second, different person
    const checklist = taskChecklist(parallelType, s.task('check.mandatory_control'));
    expect(
      s.refuse({ type: 'completeTask', taskKey: 'check.mandatory_control', checklist }, screener).code,
    ).toBe('forbidden');
    s.complete('check.mandatory_control', screener2);
    expect(s.task('check.mandatory_control').status).toBe('done');
  });

  it('given segregation off, when the same person completes two tasks, then both are done', () => {
    const s = inWork(withSegregation(parallelType, false));
    s.complete('check.screening', allRounder);
    s.complete('check.funds', allRounder);
    s.complete('payout.order', allRounder);
    expect(s.state.stageIndex).toBe(2);
  });

  it('given segregation on, when the same duty comes back in a later round, then its earlier doer may do it again', () => {
    const s = inWork(withSegregation(parallelType, true));
    s.complete('check.screening', screener);
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'blocked' }, broker);
    s.run({ type: 'returnForRework', reason: 'fix' }, reviewer);
    s.run({ type: 'updateDraft', payload: s.state.payload, payloadHash: s.state.payloadHash }, owner);
    s.toWork();
    s.complete('check.screening.r2', screener);
    expect(s.task('check.screening.r2').status).toBe('done');
    // …but not a different duty of the same request
    const checklist = taskChecklist(parallelType, s.task('check.funds.r2'));
    const both = staff('fin_monitoring', 'screener', 'brokerage');
    expect(s.refuse({ type: 'completeTask', taskKey: 'check.funds.r2', checklist }, both).code).toBe(
      'forbidden',
    );
  });
});

describe('routing rules', () => {
  it('given an amount of 1,000,000 RUB, when accepted, then a mandatory control task with approvals 2 is added', () => {
    const s = inWork(parallelType, { amount: '1000000.00', currency: 'RUB' });
    expect(s.taskKeys()).toEqual(['check.screening', 'check.funds', 'check.mandatory_control']);
    expect(s.task('check.mandatory_control')).toMatchObject({
      role: 'fin_monitoring',
      stageIndex: 0,
      approvalsRequired: 2,
      dueAt: '2026-03-02T13:00:00.000Z',
    });
  });

  it('given an amount just below the threshold, then no task is added', () => {
    expect(inWork(parallelType, { amount: '999999.99', currency: 'RUB' }).taskKeys()).toEqual([
      'check.screening',
      'check.funds',
    ]);
  });

  it('given a foreign currency, then the threshold applies at the rate in force', () => {
    // 11,050 USD × 90.5 = 1,000,025 RUB
    expect(inWork(parallelType, { amount: '11050.00', currency: 'USD' }).taskKeys()).toContain(
      'check.mandatory_control',
    );
    expect(inWork(parallelType, { amount: '11049.00', currency: 'USD' }).taskKeys()).not.toContain(
      'check.mandatory_control',
    );
  });

  it('given the routed task, then the stage waits for it and its two approvals', () => {
    const s = inWork(withSegregation(parallelType, false), { amount: '5000000.00', currency: 'RUB' });
    s.complete('check.screening', screener);
    s.complete('check.funds', broker);
    expect(s.state.stageIndex).toBe(0);
    s.complete('check.mandatory_control', screener);
    expect(s.state.stageIndex).toBe(0);
    s.complete('check.mandatory_control', screener2);
    expect(s.state.stageIndex).toBe(1);
  });

  it('given a rule targeting a later stage, then its task is created when that stage starts', () => {
    const s = inWork(routedOnlyStageType, { amount: '1500000.00', currency: 'RUB' });
    expect(s.taskKeys()).toEqual(['intake.booked']);
    const decision = s.complete('intake.booked', clerk);
    expect(decision.effects).toEqual([
      { type: 'task_created', taskKey: 'control.large', role: 'fin_monitoring' },
    ]);
    expect(s.state.stageIndex).toBe(1);
  });
});

describe('a task rejected in work', () => {
  it('given a rejection, then the request goes back to review and the manager is told', () => {
    const s = inWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    const decision = s.run(
      { type: 'rejectTask', taskKey: 'check.funds', reason: ' insufficient funds ' },
      broker,
    );
    expect(decision).toEqual({
      events: [
        {
          type: 'task_rejected',
          taskKey: 'check.funds',
          userId: broker.userId,
          reason: 'insufficient funds',
        },
        { type: 'status_changed', from: 'in_progress', to: 'in_review', reason: 'insufficient funds' },
      ],
      effects: [{ type: 'task_rejected', taskKey: 'check.funds', reason: 'insufficient funds' }],
    });
    expect(s.task('check.funds')).toMatchObject({
      status: 'rejected',
      rejectedBy: broker.userId,
      rejectReason: 'insufficient funds',
    });
  });

  it('given a rejected task, when the reviewer reopens it, then it is open afresh and work goes on to completion', () => {
    // given
    const s = inWork(withSegregation(parallelType, false));
    s.complete('check.screening', screener);
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'blocked' }, broker);
    expect(s.refuse({ type: 'accept', checklist: {} }, reviewer).code).toBe('invalid_transition');
    expect(s.refuse({ type: 'reopenTask', taskKey: 'check.funds' }, manager).code).toBe('forbidden');
    expect(s.refuse({ type: 'reopenTask', taskKey: 'check.screening' }, reviewer).code).toBe(
      'invalid_transition',
    );
    expect(s.refuse({ type: 'reopenTask', taskKey: 'check.nope' }, reviewer).code).toBe('not_found');
    // when
    s.now = new Date('2026-03-02T15:00:00.000Z');
    const reopened = s.run({ type: 'reopenTask', taskKey: 'check.funds' }, reviewer);
    // then
    expect(reopened).toEqual({
      events: [
        { type: 'task_reopened', taskKey: 'check.funds', dueAt: '2026-03-02T19:00:00.000Z' },
        { type: 'status_changed', from: 'in_review', to: 'in_progress' },
      ],
      effects: [{ type: 'task_created', taskKey: 'check.funds', role: 'brokerage' }],
    });
    expect(s.task('check.funds')).toEqual({
      key: 'check.funds',
      stageIndex: 0,
      role: 'brokerage',
      status: 'open',
      approvalsRequired: 1,
      approvals: [],
      assigneeId: null,
      dueAt: '2026-03-02T19:00:00.000Z',
      rejectedBy: null,
      rejectReason: null,
    });
    s.complete('check.funds', broker2);
    s.complete('payout.order', clerk);
    s.complete('settle.paid', staff('accountant'));
    expect(s.state.status).toBe('completed');
  });

  it('given a task of 4-eyes rejected after one approval, when reopened, then approvals start over', () => {
    const s = inWork(fourEyesType, {});
    s.complete('verify.documents', clerk);
    s.run({ type: 'rejectTask', taskKey: 'verify.documents', reason: 'forged' }, clerk2);
    s.run({ type: 'reopenTask', taskKey: 'verify.documents' }, reviewer);
    expect(s.task('verify.documents').approvals).toEqual([]);
    s.complete('verify.documents', clerk);
    s.complete('verify.documents', clerk2);
    expect(s.task('verify.documents').status).toBe('done');
  });

  it('given an empty task reject reason, then validation_failed on reason', () => {
    const s = inWork();
    const error = s.refuse({ type: 'rejectTask', taskKey: 'check.funds', reason: ' ' }, broker);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors).toEqual({ reason: ['a reason is required'] });
  });
});

describe('claims', () => {
  it('given a task claimed by one employee, when another of the role claims it, then conflict without naming them', () => {
    const s = inWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    const error = s.refuse({ type: 'claimTask', taskKey: 'check.funds' }, broker2);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('the task check.funds is already taken by another employee');
    expect(error.message).not.toContain(broker.userId);
    expect(error.details).toEqual({ reason: 'taken', taskKey: 'check.funds', assigneeId: broker.userId });
  });

  it('given a task claimed by one employee, when another completes or rejects it, then conflict', () => {
    const s = inWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    const checklist = taskChecklist(parallelType, s.task('check.funds'));
    expect(s.refuse({ type: 'completeTask', taskKey: 'check.funds', checklist }, broker2).code).toBe(
      'conflict',
    );
    expect(s.refuse({ type: 'rejectTask', taskKey: 'check.funds', reason: 'x' }, broker2).code).toBe(
      'conflict',
    );
  });

  it('given a task I claimed, when I claim it again, then invalid_transition "already yours"', () => {
    const s = inWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    const error = s.refuse({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('already yours');
  });

  it('given a task I claimed, then I complete it', () => {
    const s = inWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, broker);
    expect(s.task('check.funds')).toMatchObject({ status: 'claimed', assigneeId: broker.userId });
    s.complete('check.funds', broker);
    expect(s.task('check.funds')).toMatchObject({ status: 'done', assigneeId: broker.userId });
  });

  it('given an open task, then it may be completed without claiming it first', () => {
    const s = inWork();
    s.complete('check.funds', broker);
    expect(s.task('check.funds').status).toBe('done');
  });

  it('given a task of another role, then forbidden; a task that does not exist, then not_found', () => {
    const s = inWork();
    expect(s.refuse({ type: 'claimTask', taskKey: 'check.funds' }, screener).code).toBe('forbidden');
    expect(s.refuse({ type: 'claimTask', taskKey: 'check.nothing' }, screener).code).toBe('not_found');
  });

  it('given a done task, when claimed, then invalid_transition', () => {
    const s = inWork();
    s.complete('check.funds', broker);
    expect(s.refuse({ type: 'claimTask', taskKey: 'check.funds' }, broker2).code).toBe('invalid_transition');
  });
});

describe('checklist validation', () => {
  const key = 'check.funds';

  function refuseChecklist(checklist: Record<string, unknown>): string[] {
    const s = inWork();
    const error = s.refuse({ type: 'completeTask', taskKey: key, checklist: checklist as never }, broker);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['checklist']);
    return error.fieldErrors?.checklist ?? [];
  }

  it('given a missing item, then validation_failed naming it', () => {
    expect(refuseChecklist({ balance_checked: { status: 'done' } })).toEqual([
      'amount_blocked: not marked; tick it as done or mark it not applicable with a note',
    ]);
  });

  it('given an unknown key, then validation_failed naming it', () => {
    expect(
      refuseChecklist({
        balance_checked: { status: 'done' },
        amount_blocked: { status: 'done' },
        coffee_made: { status: 'done' },
      }),
    ).toEqual(['coffee_made: not an item of this checklist']);
  });

  it.each([{ status: 'na' }, { status: 'na', note: '' }, { status: 'na', note: '   ' }])(
    'given not applicable without a note (%j), then validation_failed',
    (mark) => {
      expect(refuseChecklist({ balance_checked: { status: 'done' }, amount_blocked: mark })).toEqual([
        'amount_blocked: a note is required when an item is not applicable',
      ]);
    },
  );

  it.each([{ status: 'maybe' }, 'done', null])(
    'given a malformed mark %j, then validation_failed',
    (mark) => {
      expect(refuseChecklist({ balance_checked: { status: 'done' }, amount_blocked: mark })).toEqual([
        'amount_blocked: the status must be "done" or "na"',
      ]);
    },
  );

  it('given several problems, then each is listed', () => {
    expect(refuseChecklist({ amount_blocked: { status: 'na' }, extra: { status: 'done' } })).toHaveLength(3);
  });

  it('given not applicable with a note, then the task is done', () => {
    const s = inWork();
    s.run(
      {
        type: 'completeTask',
        taskKey: key,
        checklist: {
          balance_checked: { status: 'done' },
          amount_blocked: { status: 'na', note: 'nothing to block' },
        },
      },
      broker,
    );
    expect(s.task(key).status).toBe('done');
  });

  it('given a valid checklist but the wrong role, then forbidden comes before validation', () => {
    const s = inWork();
    expect(s.refuse({ type: 'completeTask', taskKey: key, checklist: {} }, screener).code).toBe('forbidden');
  });
});
