import { describe, expect, it } from '@jest/globals';
import { parallelType, routedOnlyStageType } from '../../support/fixture-definitions.js';
import {
  eventTypes,
  hashOf,
  draftOf,
  manager,
  otherClient,
  owner,
  REVIEW_DONE,
  reviewer,
  Scenario,
  staff,
} from './support.js';

const screener = staff('fin_monitoring', 'screener');
const broker = staff('brokerage', 'broker');
const clerk = staff('back_office', 'clerk');
const accountant = staff('accountant', 'accountant');

function withdrawal(amount = '250000.00', currency = 'RUB'): Scenario {
  return new Scenario(parallelType, draftOf(parallelType, { amount, currency }));
}

describe('a request through its whole life', () => {
  it('given a signed and accepted request, when every stage is done, then it is completed and the client told', () => {
    // given
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    expect(s.state.status).toBe('awaiting_signature');
    s.run({ type: 'confirmSignature', payloadHash: s.state.payloadHash }, owner);
    expect(s.state.status).toBe('submitted');
    s.run({ type: 'take' }, reviewer);
    expect(s.state).toMatchObject({ status: 'in_review', reviewerId: reviewer.userId });
    s.run({ type: 'accept', checklist: REVIEW_DONE }, reviewer);
    expect(s.state).toMatchObject({ status: 'in_progress', stageIndex: 0 });
    expect(s.taskKeys()).toEqual(['check.screening', 'check.funds']);

    // when
    s.complete('check.screening', screener);
    s.complete('check.funds', broker);
    expect(s.state.stageIndex).toBe(1);
    s.complete('payout.order', clerk);
    expect(s.state.stageIndex).toBe(2);
    const last = s.complete('settle.paid', accountant);

    // then
    expect(s.state.status).toBe('completed');
    expect(eventTypes(last)).toEqual([
      'task_approved',
      'task_completed',
      'stage_completed',
      'status_changed',
    ]);
    expect(last.events.at(-1)).toEqual({ type: 'status_changed', from: 'in_progress', to: 'completed' });
    expect(s.state.tasks.every((task) => task.status === 'done')).toBe(true);
    expect(s.effects.map((effect) => effect.type)).toEqual([
      'signature_required',
      'request_submitted',
      'task_created',
      'task_created',
      'task_created',
      'task_created',
      'request_completed',
    ]);
  });

  it('given a submit, then the signature is requested for the current payload hash', () => {
    const s = withdrawal();
    const decision = s.run({ type: 'submit' }, owner);
    expect(decision.events).toEqual([
      { type: 'status_changed', from: 'draft', to: 'awaiting_signature' },
      { type: 'signature_requested', payloadHash: s.state.payloadHash },
    ]);
    expect(decision.effects).toEqual([{ type: 'signature_required', payloadHash: s.state.payloadHash }]);
  });

  it('given accept, then tasks get keys, roles, approvals and SLA deadlines from the definition', () => {
    const s = withdrawal('100.00').sign();
    s.run({ type: 'take' }, reviewer);
    const decision = s.run({ type: 'accept', checklist: REVIEW_DONE }, reviewer);
    expect(decision.events).toEqual([
      { type: 'accepted', checklist: REVIEW_DONE },
      { type: 'status_changed', from: 'in_review', to: 'in_progress' },
      { type: 'stage_started', stageIndex: 0 },
      {
        type: 'task_created',
        taskKey: 'check.screening',
        stageIndex: 0,
        role: 'fin_monitoring',
        approvalsRequired: 1,
        dueAt: '2026-03-02T13:00:00.000Z',
      },
      {
        type: 'task_created',
        taskKey: 'check.funds',
        stageIndex: 0,
        role: 'brokerage',
        approvalsRequired: 1,
        dueAt: '2026-03-02T13:00:00.000Z',
      },
    ]);
    expect(decision.effects).toEqual([
      { type: 'task_created', taskKey: 'check.screening', role: 'fin_monitoring' },
      { type: 'task_created', taskKey: 'check.funds', role: 'brokerage' },
    ]);
    expect(s.task('check.funds')).toEqual({
      key: 'check.funds',
      stageIndex: 0,
      role: 'brokerage',
      status: 'open',
      approvalsRequired: 1,
      approvals: [],
      assigneeId: null,
      dueAt: '2026-03-02T13:00:00.000Z',
      rejectedBy: null,
      rejectReason: null,
    });
  });

  it('given an SLA that depends on the payload, then the deadline follows the payload', () => {
    const s = new Scenario(
      parallelType,
      draftOf(parallelType, { amount: '10.00', currency: 'RUB', urgent: 'yes' }),
    );
    s.toWork();
    expect(s.task('check.funds').dueAt).toBe('2026-03-02T10:00:00.000Z');
    expect(s.task('check.screening').dueAt).toBe('2026-03-02T13:00:00.000Z');
  });

  it('given the next stage starts later, then its deadlines count from that moment', () => {
    const s = withdrawal().toWork();
    s.complete('check.screening', screener);
    s.now = new Date('2026-03-03T12:00:00.000Z');
    s.complete('check.funds', broker);
    expect(s.task('payout.order').dueAt).toBe('2026-03-03T20:00:00.000Z');
  });

  it('given a stage that gets no task for this payload, then it is passed through at once', () => {
    const s = new Scenario(
      routedOnlyStageType,
      draftOf(routedOnlyStageType, { amount: '999999.99', currency: 'RUB' }),
    );
    s.toWork();
    const decision = s.complete('intake.booked', clerk);
    expect(eventTypes(decision)).toEqual([
      'task_approved',
      'task_completed',
      'stage_completed',
      'stage_started',
      'stage_completed',
      'stage_started',
      'task_created',
    ]);
    expect(s.state.stageIndex).toBe(2);
    expect(s.taskKeys()).toEqual(['intake.booked', 'close.settled']);
  });
});

describe('the signature', () => {
  it('given the payload changed after the code was sent, when the old hash is confirmed, then conflict', () => {
    // given
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    const sentFor = s.state.payloadHash;
    const edited = { amount: '300000.00', currency: 'RUB' };
    s.run({ type: 'updateDraft', payload: edited, payloadHash: hashOf(edited) }, owner);
    s.run({ type: 'submit' }, owner);
    // when
    const error = s.refuse({ type: 'confirmSignature', payloadHash: sentFor }, owner);
    // then
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('the request changed after the code was sent');
    expect(s.state.status).toBe('awaiting_signature');
  });

  it('given a wrong hash, then conflict and nothing changes', () => {
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    expect(s.refuse({ type: 'confirmSignature', payloadHash: 'hash:other' }, owner).code).toBe('conflict');
  });

  it('given a request awaiting its signature, when the client edits it, then it is a draft again', () => {
    // given
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    const payload = { amount: '1.00', currency: 'RUB' };
    // when
    const decision = s.run({ type: 'updateDraft', payload, payloadHash: hashOf(payload) }, owner);
    // then
    expect(decision.events).toEqual([
      { type: 'status_changed', from: 'awaiting_signature', to: 'draft' },
      { type: 'draft_updated', payload, payloadHash: hashOf(payload) },
    ]);
    expect(s.state).toMatchObject({ status: 'draft', payload, payloadHash: hashOf(payload) });
    // the pending signature is void: confirming now is out of turn, whatever hash is sent
    expect(s.refuse({ type: 'confirmSignature', payloadHash: hashOf(payload) }, owner).code).toBe(
      'invalid_transition',
    );
  });

  it('given another client, when it confirms the signature, then forbidden', () => {
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    expect(s.refuse({ type: 'confirmSignature', payloadHash: s.state.payloadHash }, otherClient).code).toBe(
      'forbidden',
    );
  });
});

describe('review', () => {
  it('given a request taken by one manager, when another accepts it, then forbidden naming who took it', () => {
    const s = withdrawal().sign();
    s.run({ type: 'take' }, reviewer);
    const error = s.refuse({ type: 'accept', checklist: REVIEW_DONE }, manager);
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(reviewer.userId);
    expect(error.details).toEqual({ reviewerId: reviewer.userId });
  });

  it('given an incomplete review checklist, then validation_failed on checklist', () => {
    const s = withdrawal().sign();
    s.run({ type: 'take' }, reviewer);
    const error = s.refuse({ type: 'accept', checklist: { data_checked: { status: 'done' } } }, reviewer);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors?.checklist).toEqual([expect.stringContaining('authority_confirmed')]);
  });

  it.each(['', '   '])(
    'given an empty reason %j, when returning or rejecting, then validation_failed',
    (reason) => {
      const s = withdrawal().sign();
      s.run({ type: 'take' }, reviewer);
      for (const type of ['returnForRework', 'reject'] as const) {
        const error = s.refuse({ type, reason }, reviewer);
        expect(error.code).toBe('validation_failed');
        expect(error.fieldErrors).toEqual({ reason: ['a reason is required'] });
      }
    },
  );

  it('given a return, then the reason is kept trimmed and the client is told', () => {
    const s = withdrawal().sign();
    s.run({ type: 'take' }, reviewer);
    const decision = s.run({ type: 'returnForRework', reason: '  attach the power of attorney ' }, reviewer);
    expect(decision.events).toEqual([
      { type: 'status_changed', from: 'in_review', to: 'returned', reason: 'attach the power of attorney' },
    ]);
    expect(decision.effects).toEqual([{ type: 'request_returned', reason: 'attach the power of attorney' }]);
  });

  it('given a reject, then the request is final and the client is told', () => {
    const s = withdrawal().sign();
    s.run({ type: 'take' }, reviewer);
    const decision = s.run({ type: 'reject', reason: 'third-party payment' }, reviewer);
    expect(s.state.status).toBe('rejected');
    expect(decision.effects).toEqual([{ type: 'request_rejected', reason: 'third-party payment' }]);
  });
});

describe('rework rounds', () => {
  it('given a returned request, when edited, resubmitted and accepted again, then fresh tasks get unique keys', () => {
    // given: round 1 got as far as a rejected task in the first stage
    const s = withdrawal().toWork();
    s.complete('check.screening', screener);
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'insufficient funds' }, broker);
    s.run({ type: 'returnForRework', reason: 'lower the amount' }, reviewer);
    expect(s.state.status).toBe('returned');
    expect(s.state.tasks.map((task) => [task.key, task.status])).toEqual([
      ['check.screening', 'done'],
      ['check.funds', 'cancelled'],
    ]);

    // when
    const payload = { amount: '100000.00', currency: 'RUB' };
    s.run({ type: 'updateDraft', payload, payloadHash: hashOf(payload) }, owner);
    expect(s.state.status).toBe('draft');
    s.toWork();

    // then
    expect(s.taskKeys()).toEqual(['check.screening', 'check.funds', 'check.screening.r2', 'check.funds.r2']);
    expect(s.task('check.funds.r2')).toMatchObject({ status: 'open', approvals: [], assigneeId: null });
    s.complete('check.screening.r2', screener);
    s.complete('check.funds.r2', broker);
    expect(s.task('payout.order').status).toBe('open');
  });

  it('given a third round, then keys count on (.r3)', () => {
    const s = withdrawal().toWork();
    for (let round = 2; round <= 3; round += 1) {
      s.run({ type: 'rejectTask', taskKey: s.taskKeys().at(-1) ?? '', reason: 'no' }, broker);
      s.run({ type: 'returnForRework', reason: 'again' }, reviewer);
      s.run({ type: 'updateDraft', payload: s.state.payload, payloadHash: s.state.payloadHash }, owner);
      s.toWork();
    }
    expect(s.taskKeys()).toEqual([
      'check.screening',
      'check.funds',
      'check.screening.r2',
      'check.funds.r2',
      'check.screening.r3',
      'check.funds.r3',
    ]);
    // a task re-created in a later round resolves to the same duty: its checklist is the original's
    s.complete('check.funds.r3', broker);
    expect(s.task('check.funds.r3').status).toBe('done');
  });
});

describe('cancel and delete', () => {
  it('given a draft, when cancelled, then nobody is told', () => {
    const s = withdrawal();
    const decision = s.run({ type: 'cancel' }, owner);
    expect(decision).toEqual({
      events: [{ type: 'status_changed', from: 'draft', to: 'cancelled' }],
      effects: [],
    });
  });

  it('given a request awaiting its signature, when cancelled, then nobody is told', () => {
    const s = withdrawal();
    s.run({ type: 'submit' }, owner);
    expect(s.run({ type: 'cancel' }, owner).effects).toEqual([]);
  });

  it.each(['submitted', 'in_review', 'returned'] as const)(
    'given a request %s, when cancelled with a reason, then staff are told and the reason kept',
    (status) => {
      const s = withdrawal().sign();
      if (status !== 'submitted') s.run({ type: 'take' }, reviewer);
      if (status === 'returned') s.run({ type: 'returnForRework', reason: 'fix it' }, reviewer);
      const decision = s.run({ type: 'cancel', reason: ' not needed ' }, owner);
      expect(decision).toEqual({
        events: [{ type: 'status_changed', from: status, to: 'cancelled', reason: 'not needed' }],
        effects: [{ type: 'request_cancelled' }],
      });
    },
  );

  it('given a review after a task rejection, when cancelled, then every unfinished task is cancelled first', () => {
    const s = withdrawal().toWork();
    s.run({ type: 'claimTask', taskKey: 'check.screening' }, screener);
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'blocked' }, broker);
    const decision = s.run({ type: 'cancel' }, owner);
    expect(decision.events).toEqual([
      { type: 'task_cancelled', taskKey: 'check.screening' },
      { type: 'task_cancelled', taskKey: 'check.funds' },
      { type: 'status_changed', from: 'in_review', to: 'cancelled' },
    ]);
    expect(s.state.tasks.map((task) => task.status)).toEqual(['cancelled', 'cancelled']);
    // the refusal stays on record on the cancelled task
    expect(s.task('check.funds')).toMatchObject({ rejectedBy: broker.userId, rejectReason: 'blocked' });
  });

  it.each(['draft', 'returned'] as const)(
    'given a %s request, when deleted, then draft_deleted',
    (status) => {
      const s = withdrawal();
      if (status === 'returned') {
        s.toWork();
        s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'no' }, broker);
        s.run({ type: 'returnForRework', reason: 'fix' }, reviewer);
      }
      expect(s.run({ type: 'deleteDraft' }, owner)).toEqual({
        events: [{ type: 'draft_deleted' }],
        effects: [],
      });
    },
  );
});
