import { describe, expect, it } from '@jest/globals';
import {
  allowedActions,
  COMMAND_TYPES,
  decide,
  isTaskCommandType,
  TASK_COMMAND_TYPES,
  TASK_ROLES,
  type Actor,
  type CommandType,
  type RequestState,
  type RequestTypeDefinition,
} from '../../../src/workflow/domain/index.js';
import {
  anyStageType,
  everyRoleType,
  fourEyesType,
  parallelType,
  routedOnlyStageType,
  withSegregation,
} from '../../support/fixture-definitions.js';
import { FIXTURES } from './matrix-fixtures.js';
import {
  admin,
  codeOf,
  contextFor,
  draftOf,
  hashOf,
  manager,
  otherClient,
  owner,
  reviewer,
  Scenario,
  staff,
  validCommand,
} from './support.js';

/*
 * allowedActions must agree with decide: for every state a request passes through in the scenarios below and
 * every kind of caller, each listed command, issued with valid arguments, is accepted; each unlisted one is
 * refused as forbidden or invalid_transition — or, for a task a colleague has claimed, as conflict.
 */

const first = (role: (typeof TASK_ROLES)[number]): Actor => staff(role, `${role}-1`);
const second = (role: (typeof TASK_ROLES)[number]): Actor => staff(role, `${role}-2`);
const allRounder = staff('fin_monitoring', 'all-rounder', 'brokerage', 'back_office', 'accountant');

const ACTORS: readonly Actor[] = [
  owner,
  otherClient,
  reviewer,
  manager,
  admin,
  allRounder,
  { userId: 'u-manager-and-office', roles: ['client_manager', 'back_office'] },
  ...TASK_ROLES.flatMap((role) => [first(role), second(role)]),
];

interface Snapshot {
  name: string;
  definition: RequestTypeDefinition;
  state: RequestState;
}

function snapshots(name: string, scenario: Scenario): Snapshot[] {
  return scenario.history.map((state, step) => ({
    name: `${name} #${String(step)} (${state.status})`,
    definition: scenario.definition,
    state,
  }));
}

function withdrawal(amount: string, definition = parallelType): Scenario {
  return new Scenario(definition, draftOf(definition, { amount, currency: 'RUB' }));
}

function bigWithdrawal(): Scenario {
  const s = withdrawal('2000000.00').toWork();
  s.run({ type: 'claimTask', taskKey: 'check.screening' }, first('fin_monitoring'));
  s.run({ type: 'claimTask', taskKey: 'check.mandatory_control' }, second('fin_monitoring'));
  s.complete('check.mandatory_control', second('fin_monitoring'));
  s.run({ type: 'claimTask', taskKey: 'check.mandatory_control' }, allRounder);
  s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'blocked' }, first('brokerage'));
  s.run({ type: 'reopenTask', taskKey: 'check.funds' }, reviewer);
  s.complete('check.mandatory_control', allRounder);
  s.complete('check.screening', first('fin_monitoring'));
  s.run({ type: 'claimTask', taskKey: 'check.funds' }, second('brokerage'));
  s.complete('check.funds', second('brokerage'));
  s.complete('payout.order', first('back_office'));
  s.complete('settle.paid', first('accountant'));
  return s;
}

function reworkRounds(): Scenario {
  const s = withdrawal('10.00').toWork();
  s.complete('check.screening', first('fin_monitoring'));
  s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'no' }, first('brokerage'));
  s.run({ type: 'returnForRework', reason: 'fix' }, reviewer);
  const payload = { amount: '20.00', currency: 'RUB' };
  s.run({ type: 'updateDraft', payload, payloadHash: hashOf(payload) }, owner);
  s.run({ type: 'submit' }, owner);
  const again = { amount: '30.00', currency: 'RUB' };
  s.run({ type: 'updateDraft', payload: again, payloadHash: hashOf(again) }, owner);
  s.sign();
  s.run({ type: 'take' }, manager);
  s.run(
    {
      type: 'accept',
      checklist: { data_checked: { status: 'done' }, authority_confirmed: { status: 'done' } },
    },
    manager,
  );
  s.run({ type: 'claimTask', taskKey: 'check.funds.r2' }, allRounder);
  s.run({ type: 'rejectTask', taskKey: 'check.funds.r2', reason: 'again no' }, allRounder);
  s.run({ type: 'reject', reason: 'refused' }, manager);
  return s;
}

function anyStage(): Scenario {
  const s = new Scenario(anyStageType).toWork();
  s.run({ type: 'claimTask', taskKey: 'answer.bo_reply' }, first('back_office'));
  s.complete('answer.cm_reply', manager);
  s.run({ type: 'claimTask', taskKey: 'archive.file' }, second('back_office'));
  s.complete('archive.file', second('back_office'));
  return s;
}

function fourEyes(): Scenario {
  const s = new Scenario(withSegregation(fourEyesType, true)).toWork();
  s.run(
    { type: 'claimTask', taskKey: 'verify.documents' },
    { userId: 'u-manager-and-office', roles: ['back_office'] },
  );
  s.complete('verify.documents', { userId: 'u-manager-and-office', roles: ['back_office'] });
  s.complete('verify.documents', allRounder);
  s.complete('grant.access', first('brokerage'));
  return s;
}

function cancelledInReview(): Scenario {
  const s = new Scenario(everyRoleType).toWork();
  s.run({ type: 'claimTask', taskKey: 'work.back_office' }, first('back_office'));
  s.complete('work.accountant', first('accountant'));
  s.run({ type: 'rejectTask', taskKey: 'work.depositary', reason: 'no' }, first('depositary'));
  s.run({ type: 'cancel', reason: 'not needed' }, owner);
  return s;
}

function routedStage(): Scenario {
  const s = withdrawal('1000000.00', routedOnlyStageType).toWork();
  s.complete('intake.booked', first('back_office'));
  s.complete('control.large', first('fin_monitoring'));
  s.complete('close.settled', first('accountant'));
  return s;
}

function cancelledAwaitingSignature(): Scenario {
  const s = new Scenario(parallelType);
  s.run({ type: 'submit' }, owner);
  s.run({ type: 'cancel' }, owner);
  return s;
}

const SNAPSHOTS: Snapshot[] = [
  ...Object.entries(FIXTURES).map(([name, state]) => ({
    name: `matrix fixture ${name}`,
    definition: everyRoleType,
    state,
  })),
  ...snapshots('big withdrawal', bigWithdrawal()),
  ...snapshots('rework rounds', reworkRounds()),
  ...snapshots('any stage', anyStage()),
  ...snapshots('four eyes', fourEyes()),
  ...snapshots('cancelled in review', cancelledInReview()),
  ...snapshots('routed stage', routedStage()),
  ...snapshots('cancelled awaiting signature', cancelledAwaitingSignature()),
];

const REFUSED_IF_UNLISTED = ['forbidden', 'invalid_transition'];

describe('allowedActions agrees with decide', () => {
  const seen = { listed: new Set<CommandType>(), unlisted: new Set<CommandType>() };

  it.each(SNAPSHOTS)('$name', ({ definition, state }) => {
    const ctx = contextFor(definition);
    for (const actor of ACTORS) {
      const allowed = allowedActions(state, actor, ctx);
      expect(Object.keys(allowed.tasks)).toEqual(state.tasks.map((task) => task.key));
      for (const type of COMMAND_TYPES.filter((candidate) => !isTaskCommandType(candidate))) {
        const result = decide(state, validCommand(type, state, definition), actor, ctx);
        const listed = (allowed.request as CommandType[]).includes(type);
        (listed ? seen.listed : seen.unlisted).add(type);
        const where = `${type} by ${actor.userId}`;
        if (listed) expect([where, codeOf(result)]).toEqual([where, 'ok']);
        else expect([where, REFUSED_IF_UNLISTED.includes(codeOf(result))]).toEqual([where, true]);
      }
      for (const task of state.tasks) {
        for (const type of TASK_COMMAND_TYPES) {
          const result = decide(state, validCommand(type, state, definition, task.key), actor, ctx);
          const listed = (allowed.tasks[task.key] ?? []).includes(type);
          (listed ? seen.listed : seen.unlisted).add(type);
          const where = `${type} ${task.key} by ${actor.userId}`;
          const takenByColleague = task.status === 'claimed' && task.assigneeId !== actor.userId;
          const refusals = takenByColleague ? [...REFUSED_IF_UNLISTED, 'conflict'] : REFUSED_IF_UNLISTED;
          if (listed) expect([where, codeOf(result)]).toEqual([where, 'ok']);
          else expect([where, refusals.includes(codeOf(result))]).toEqual([where, true]);
        }
      }
    }
  });

  it('the scenarios list and withhold every command at least once', () => {
    expect([...seen.listed].sort()).toEqual([...COMMAND_TYPES].sort());
    expect([...seen.unlisted].sort()).toEqual([...COMMAND_TYPES].sort());
  });
});

describe('allowedActions', () => {
  it('given a submitted request, then any client manager may take it and the client may only cancel', () => {
    const s = new Scenario(parallelType).sign();
    expect(allowedActions(s.state, manager, s.ctx)).toEqual({ request: ['take'], tasks: {} });
    expect(allowedActions(s.state, owner, s.ctx)).toEqual({ request: ['cancel'], tasks: {} });
    expect(allowedActions(s.state, otherClient, s.ctx)).toEqual({ request: [], tasks: {} });
    expect(allowedActions(s.state, admin, s.ctx)).toEqual({ request: [], tasks: {} });
  });

  it('given a draft, then the client may edit, delete, submit and cancel', () => {
    const s = new Scenario(parallelType);
    expect(allowedActions(s.state, owner, s.ctx).request).toEqual([
      'updateDraft',
      'deleteDraft',
      'submit',
      'cancel',
    ]);
  });

  it('given a task claimed by a colleague, then it is not listed for the others of the role', () => {
    const s = new Scenario(parallelType, draftOf(parallelType, { amount: '1.00', currency: 'RUB' })).toWork();
    s.run({ type: 'claimTask', taskKey: 'check.funds' }, first('brokerage'));
    expect(allowedActions(s.state, first('brokerage'), s.ctx).tasks['check.funds']).toEqual([
      'completeTask',
      'rejectTask',
    ]);
    expect(allowedActions(s.state, second('brokerage'), s.ctx).tasks['check.funds']).toEqual([]);
    expect(allowedActions(s.state, second('brokerage'), s.ctx).tasks['check.screening']).toEqual([]);
  });

  it('given a task rejected in work, then the reviewer may return, reject or reopen it', () => {
    const s = new Scenario(parallelType, draftOf(parallelType, { amount: '1.00', currency: 'RUB' })).toWork();
    s.run({ type: 'rejectTask', taskKey: 'check.funds', reason: 'no' }, first('brokerage'));
    expect(allowedActions(s.state, reviewer, s.ctx)).toEqual({
      request: ['returnForRework', 'reject'],
      tasks: { 'check.screening': [], 'check.funds': ['reopenTask'] },
    });
    expect(allowedActions(s.state, owner, s.ctx).request).toEqual(['cancel']);
  });
});
