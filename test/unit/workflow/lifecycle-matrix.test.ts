import { describe, expect, it } from '@jest/globals';
import {
  COMMAND_TYPES,
  decide,
  type Actor,
  type CommandType,
  type TaskRole,
} from '../../../src/workflow/domain/index.js';
import { everyRoleType } from '../../support/fixture-definitions.js';
import { FIXTURES, KINDS, ROLES, type FixtureName } from './matrix-fixtures.js';
import { codeOf, contextFor, eventTypes, validCommand } from './support.js';

/*
 * Every cell of request status × command × actor kind, against a table written by hand. Each command is issued
 * with valid arguments; a task command targets the task of the actor's role (client managers: the
 * client_manager task; clients and the admin: the back_office task). `in_review` appears twice: the first review
 * after signing, and the review after a task was rejected in work.
 */

const definition = everyRoleType;
const ctx = contextFor(definition);

// ---- the expectation table ----------------------------------------------------------------------------------
// A = allowed (with the listed event types, in order), F = forbidden, I = invalid_transition.

const ACCEPTED = ['accepted', 'status_changed', 'stage_started', ...ROLES.map(() => 'task_created')];
const SEVEN_CANCELLED = ROLES.map(() => 'task_cancelled');

type Row = [FixtureName, CommandType, string, string[]?];

// prettier-ignore
const TABLE: readonly Row[] = [
  //                                            own oth rev mgr bo  fm  br  de  tm  ac  adm
  ['draft', 'updateDraft',                       'A   F   F   F   F   F   F   F   F   F   F', ['draft_updated']],
  ['draft', 'deleteDraft',                       'A   F   F   F   F   F   F   F   F   F   F', ['draft_deleted']],
  ['draft', 'submit',                            'A   F   F   F   F   F   F   F   F   F   F', ['status_changed', 'signature_requested']],
  ['draft', 'confirmSignature',                  'I   F   F   F   F   F   F   F   F   F   F'],
  ['draft', 'cancel',                            'A   F   F   F   F   F   F   F   F   F   F', ['status_changed']],
  ['draft', 'take',                              'F   F   I   I   F   F   F   F   F   F   F'],
  ['draft', 'accept',                            'F   F   I   I   F   F   F   F   F   F   F'],
  ['draft', 'returnForRework',                   'F   F   I   I   F   F   F   F   F   F   F'],
  ['draft', 'reject',                            'F   F   I   I   F   F   F   F   F   F   F'],
  ['draft', 'claimTask',                         'F   F   I   I   I   I   I   I   I   I   F'],
  ['draft', 'completeTask',                      'F   F   I   I   I   I   I   I   I   I   F'],
  ['draft', 'rejectTask',                        'F   F   I   I   I   I   I   I   I   I   F'],
  ['draft', 'reopenTask',                        'F   F   I   I   F   F   F   F   F   F   F'],

  ['awaiting_signature', 'updateDraft',          'A   F   F   F   F   F   F   F   F   F   F', ['status_changed', 'draft_updated']],
  ['awaiting_signature', 'deleteDraft',          'I   F   F   F   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'submit',               'I   F   F   F   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'confirmSignature',     'A   F   F   F   F   F   F   F   F   F   F', ['signed', 'status_changed']],
  ['awaiting_signature', 'cancel',               'A   F   F   F   F   F   F   F   F   F   F', ['status_changed']],
  ['awaiting_signature', 'take',                 'F   F   I   I   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'accept',               'F   F   I   I   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'returnForRework',      'F   F   I   I   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'reject',               'F   F   I   I   F   F   F   F   F   F   F'],
  ['awaiting_signature', 'claimTask',            'F   F   I   I   I   I   I   I   I   I   F'],
  ['awaiting_signature', 'completeTask',         'F   F   I   I   I   I   I   I   I   I   F'],
  ['awaiting_signature', 'rejectTask',           'F   F   I   I   I   I   I   I   I   I   F'],
  ['awaiting_signature', 'reopenTask',           'F   F   I   I   F   F   F   F   F   F   F'],

  ['submitted', 'updateDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['submitted', 'deleteDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['submitted', 'submit',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['submitted', 'confirmSignature',              'I   F   F   F   F   F   F   F   F   F   F'],
  ['submitted', 'cancel',                        'A   F   F   F   F   F   F   F   F   F   F', ['status_changed']],
  ['submitted', 'take',                          'F   F   A   A   F   F   F   F   F   F   F', ['review_taken', 'status_changed']],
  ['submitted', 'accept',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['submitted', 'returnForRework',               'F   F   I   I   F   F   F   F   F   F   F'],
  ['submitted', 'reject',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['submitted', 'claimTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['submitted', 'completeTask',                  'F   F   I   I   I   I   I   I   I   I   F'],
  ['submitted', 'rejectTask',                    'F   F   I   I   I   I   I   I   I   I   F'],
  ['submitted', 'reopenTask',                    'F   F   I   I   F   F   F   F   F   F   F'],

  ['in_review', 'updateDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review', 'deleteDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review', 'submit',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review', 'confirmSignature',              'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review', 'cancel',                        'A   F   F   F   F   F   F   F   F   F   F', ['status_changed']],
  ['in_review', 'take',                          'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_review', 'accept',                        'F   F   A   F   F   F   F   F   F   F   F', ACCEPTED],
  ['in_review', 'returnForRework',               'F   F   A   F   F   F   F   F   F   F   F', ['status_changed']],
  ['in_review', 'reject',                        'F   F   A   F   F   F   F   F   F   F   F', ['status_changed']],
  ['in_review', 'claimTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review', 'completeTask',                  'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review', 'rejectTask',                    'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review', 'reopenTask',                    'F   F   I   I   F   F   F   F   F   F   F'],

  ['in_review_task_rejected', 'updateDraft',     'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'deleteDraft',     'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'submit',          'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'confirmSignature','I   F   F   F   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'cancel',          'A   F   F   F   F   F   F   F   F   F   F', [...SEVEN_CANCELLED, 'status_changed']],
  ['in_review_task_rejected', 'take',            'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'accept',          'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_review_task_rejected', 'returnForRework', 'F   F   A   F   F   F   F   F   F   F   F', [...SEVEN_CANCELLED, 'status_changed']],
  ['in_review_task_rejected', 'reject',          'F   F   A   F   F   F   F   F   F   F   F', [...SEVEN_CANCELLED, 'status_changed']],
  ['in_review_task_rejected', 'claimTask',       'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review_task_rejected', 'completeTask',    'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review_task_rejected', 'rejectTask',      'F   F   I   I   I   I   I   I   I   I   F'],
  ['in_review_task_rejected', 'reopenTask',      'F   F   A   F   F   F   F   F   F   F   F', ['task_reopened', 'status_changed']],

  ['in_progress', 'updateDraft',                 'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_progress', 'deleteDraft',                 'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_progress', 'submit',                      'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_progress', 'confirmSignature',            'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_progress', 'cancel',                      'I   F   F   F   F   F   F   F   F   F   F'],
  ['in_progress', 'take',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_progress', 'accept',                      'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_progress', 'returnForRework',             'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_progress', 'reject',                      'F   F   I   I   F   F   F   F   F   F   F'],
  ['in_progress', 'claimTask',                   'F   F   A   A   A   A   A   A   A   A   F', ['task_claimed']],
  ['in_progress', 'completeTask',                'F   F   A   A   A   A   A   A   A   A   F', ['task_approved', 'task_completed']],
  ['in_progress', 'rejectTask',                  'F   F   A   A   A   A   A   A   A   A   F', ['task_rejected', 'status_changed']],
  ['in_progress', 'reopenTask',                  'F   F   I   I   F   F   F   F   F   F   F'],

  ['returned', 'updateDraft',                    'A   F   F   F   F   F   F   F   F   F   F', ['status_changed', 'draft_updated']],
  ['returned', 'deleteDraft',                    'A   F   F   F   F   F   F   F   F   F   F', ['draft_deleted']],
  ['returned', 'submit',                         'I   F   F   F   F   F   F   F   F   F   F'],
  ['returned', 'confirmSignature',               'I   F   F   F   F   F   F   F   F   F   F'],
  ['returned', 'cancel',                         'A   F   F   F   F   F   F   F   F   F   F', ['status_changed']],
  ['returned', 'take',                           'F   F   I   I   F   F   F   F   F   F   F'],
  ['returned', 'accept',                         'F   F   I   I   F   F   F   F   F   F   F'],
  ['returned', 'returnForRework',                'F   F   I   I   F   F   F   F   F   F   F'],
  ['returned', 'reject',                         'F   F   I   I   F   F   F   F   F   F   F'],
  ['returned', 'claimTask',                      'F   F   I   I   I   I   I   I   I   I   F'],
  ['returned', 'completeTask',                   'F   F   I   I   I   I   I   I   I   I   F'],
  ['returned', 'rejectTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['returned', 'reopenTask',                     'F   F   I   I   F   F   F   F   F   F   F'],

  ['rejected', 'updateDraft',                    'I   F   F   F   F   F   F   F   F   F   F'],
  ['rejected', 'deleteDraft',                    'I   F   F   F   F   F   F   F   F   F   F'],
  ['rejected', 'submit',                         'I   F   F   F   F   F   F   F   F   F   F'],
  ['rejected', 'confirmSignature',               'I   F   F   F   F   F   F   F   F   F   F'],
  ['rejected', 'cancel',                         'I   F   F   F   F   F   F   F   F   F   F'],
  ['rejected', 'take',                           'F   F   I   I   F   F   F   F   F   F   F'],
  ['rejected', 'accept',                         'F   F   I   I   F   F   F   F   F   F   F'],
  ['rejected', 'returnForRework',                'F   F   I   I   F   F   F   F   F   F   F'],
  ['rejected', 'reject',                         'F   F   I   I   F   F   F   F   F   F   F'],
  ['rejected', 'claimTask',                      'F   F   I   I   I   I   I   I   I   I   F'],
  ['rejected', 'completeTask',                   'F   F   I   I   I   I   I   I   I   I   F'],
  ['rejected', 'rejectTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['rejected', 'reopenTask',                     'F   F   I   I   F   F   F   F   F   F   F'],

  ['cancelled', 'updateDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['cancelled', 'deleteDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['cancelled', 'submit',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['cancelled', 'confirmSignature',              'I   F   F   F   F   F   F   F   F   F   F'],
  ['cancelled', 'cancel',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['cancelled', 'take',                          'F   F   I   I   F   F   F   F   F   F   F'],
  ['cancelled', 'accept',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['cancelled', 'returnForRework',               'F   F   I   I   F   F   F   F   F   F   F'],
  ['cancelled', 'reject',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['cancelled', 'claimTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['cancelled', 'completeTask',                  'F   F   I   I   I   I   I   I   I   I   F'],
  ['cancelled', 'rejectTask',                    'F   F   I   I   I   I   I   I   I   I   F'],
  ['cancelled', 'reopenTask',                    'F   F   I   I   F   F   F   F   F   F   F'],

  ['completed', 'updateDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['completed', 'deleteDraft',                   'I   F   F   F   F   F   F   F   F   F   F'],
  ['completed', 'submit',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['completed', 'confirmSignature',              'I   F   F   F   F   F   F   F   F   F   F'],
  ['completed', 'cancel',                        'I   F   F   F   F   F   F   F   F   F   F'],
  ['completed', 'take',                          'F   F   I   I   F   F   F   F   F   F   F'],
  ['completed', 'accept',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['completed', 'returnForRework',               'F   F   I   I   F   F   F   F   F   F   F'],
  ['completed', 'reject',                        'F   F   I   I   F   F   F   F   F   F   F'],
  ['completed', 'claimTask',                     'F   F   I   I   I   I   I   I   I   I   F'],
  ['completed', 'completeTask',                  'F   F   I   I   I   I   I   I   I   I   F'],
  ['completed', 'rejectTask',                    'F   F   I   I   I   I   I   I   I   I   F'],
  ['completed', 'reopenTask',                    'F   F   I   I   F   F   F   F   F   F   F'],
];

const OUTCOME = { A: 'ok', F: 'forbidden', I: 'invalid_transition' } as const;

interface Cell {
  name: string;
  fixture: FixtureName;
  command: CommandType;
  actor: Actor;
  taskRole: TaskRole;
  expected: 'ok' | 'forbidden' | 'invalid_transition';
  events: string[];
}

function cellsOf(row: Row): Cell[] {
  const [fixture, command, marks, events = []] = row;
  const letters = marks.split(/\s+/);
  if (letters.length !== KINDS.length) {
    throw new Error(`${fixture} × ${command}: ${String(letters.length)} marks`);
  }
  return KINDS.map(({ kind, actor, taskRole }, column) => {
    const letter = letters[column];
    if (letter !== 'A' && letter !== 'F' && letter !== 'I') throw new Error(`bad mark ${String(letter)}`);
    const expected = OUTCOME[letter];
    return {
      name: `${fixture} × ${command} × ${kind} → ${expected === 'ok' ? events.join(', ') : expected}`,
      fixture,
      command,
      actor,
      taskRole,
      expected,
      events,
    };
  });
}

const CELLS = TABLE.flatMap(cellsOf);

describe('lifecycle matrix: status × command × actor kind', () => {
  it('the table has exactly one row per fixture and command', () => {
    const fixtures = Object.keys(FIXTURES) as FixtureName[];
    const expected = fixtures.flatMap((fixture) => COMMAND_TYPES.map((command) => `${fixture}/${command}`));
    expect(TABLE.map(([fixture, command]) => `${fixture}/${command}`).sort()).toEqual(expected.sort());
  });

  it.each(CELLS)('$name', ({ fixture, command, actor, taskRole, expected, events }) => {
    const state = FIXTURES[fixture];
    const result = decide(state, validCommand(command, state, definition, `work.${taskRole}`), actor, ctx);
    expect(codeOf(result)).toBe(expected);
    if (expected === 'ok') expect(eventTypes(result)).toEqual(events);
  });
});
