import { z } from 'zod';
import type {
  ChecklistItemDef,
  Payload,
  ProcessDef,
  RequestTypeCode,
  RequestTypeDefinition,
  RoutingContext,
  RoutingRule,
  StageDef,
  TaskDef,
} from '../../src/workflow/domain/index.js';
import { TASK_ROLES, type TaskRole } from '../../src/workflow/domain/index.js';

/*
 * Small request-type definitions for the workflow core's tests: they exercise the process shapes (parallel
 * tasks, `any` stages, approvals 2, routing, segregation of duties), not the real catalogue.
 */

const anyPayload = z.record(z.string(), z.unknown());

function items(...keys: string[]): ChecklistItemDef[] {
  return keys.map((key) => ({ key, ru: `«${key}»`, en: key }));
}

function task(
  key: string,
  role: TaskRole,
  checklist: readonly string[],
  options: { slaHours?: TaskDef['slaHours']; approvals?: number } = {},
): TaskDef {
  return {
    key,
    role,
    title: { ru: `Задача ${key}`, en: `Task ${key}` },
    checklist: items(...checklist),
    slaHours: options.slaHours ?? 8,
    ...(options.approvals === undefined ? {} : { approvals: options.approvals }),
  };
}

function fixtureType(
  code: RequestTypeCode,
  stages: readonly StageDef[],
  options: { routing?: readonly RoutingRule[]; segregationOfDuties?: boolean } = {},
): RequestTypeDefinition {
  const process: ProcessDef = {
    stages,
    routing: options.routing ?? [],
    segregationOfDuties: options.segregationOfDuties ?? false,
  };
  return {
    code,
    version: 1,
    title: { ru: `Тест ${code}`, en: `Test ${code}` },
    fields: [],
    schema: anyPayload,
    summary: (payload) => `fixture ${String(payload.amount ?? '')}`.trim(),
    process,
  };
}

/** The same type with segregation of duties switched on or off. */
export function withSegregation(definition: RequestTypeDefinition, on: boolean): RequestTypeDefinition {
  return { ...definition, process: { ...definition.process, segregationOfDuties: on } };
}

/** A decimal string as an integer scaled by 10^scale, without ever going through a float. */
function scaled(decimal: string, scale: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new Error(`not a decimal: ${decimal}`);
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** True when `payload.amount` in `payload.currency` is worth at least `thresholdRub` roubles. */
export function amountAtLeastRub(payload: Payload, routing: RoutingContext, thresholdRub: string): boolean {
  const { amount, currency } = payload;
  if (typeof amount !== 'string' || typeof currency !== 'string') return false;
  const rate = routing.rubRates[currency];
  if (rate === undefined) return false;
  return scaled(amount, 2) * scaled(rate, 4) >= scaled(thresholdRub, 6);
}

/**
 * Withdrawal-like, three sequential stages, the first with two parallel tasks; a routing rule adds a mandatory
 * control task with approvals 2 to the first stage at ≥ 1,000,000 RUB. Segregation of duties on.
 * `funds` has an SLA that depends on the payload (1 h when `urgent` is 'yes', else 4 h).
 */
export const parallelType: RequestTypeDefinition = fixtureType(
  'withdrawal',
  [
    {
      key: 'check',
      tasks: [
        task('screening', 'fin_monitoring', ['lists_checked', 'unusual_checked'], { slaHours: 4 }),
        task('funds', 'brokerage', ['balance_checked', 'amount_blocked'], {
          slaHours: (payload) => (payload.urgent === 'yes' ? 1 : 4),
        }),
      ],
    },
    { key: 'payout', tasks: [task('order', 'back_office', ['order_created', 'booked'])] },
    { key: 'settle', tasks: [task('paid', 'accountant', ['payment_executed'])] },
  ],
  {
    segregationOfDuties: true,
    routing: [
      {
        key: 'mandatory_control',
        description: { ru: 'Обязательный контроль', en: 'Mandatory control' },
        applies: (payload, routing) => amountAtLeastRub(payload, routing, '1000000'),
        stage: 'check',
        task: task('mandatory_control', 'fin_monitoring', ['control_checked', 'report_decided'], {
          slaHours: 4,
          approvals: 2,
        }),
      },
    ],
  },
);

/** General-inquiry-like: the first of two parallel replies completes the stage (`any`), then an archive step. */
export const anyStageType: RequestTypeDefinition = fixtureType('general_inquiry', [
  {
    key: 'answer',
    rule: 'any',
    tasks: [
      task('cm_reply', 'client_manager', ['answer_prepared', 'answer_sent'], { slaHours: 24 }),
      task('bo_reply', 'back_office', ['answer_prepared', 'answer_sent'], { slaHours: 24 }),
    ],
  },
  { key: 'archive', tasks: [task('file', 'back_office', ['filed'])] },
]);

/** Qualified-investor-like: a back-office check that needs two distinct people, then brokerage. */
export const fourEyesType: RequestTypeDefinition = fixtureType(
  'qualified_investor',
  [
    {
      key: 'verify',
      tasks: [task('documents', 'back_office', ['documents_checked', 'criterion_met'], { approvals: 2 })],
    },
    { key: 'grant', tasks: [task('access', 'brokerage', ['registered', 'access_opened'])] },
  ],
  { segregationOfDuties: false },
);

/**
 * A middle stage with no tasks of its own: only a routing rule (≥ 1,000,000 RUB) gives it one; without it the
 * stage is passed through at once.
 */
export const routedOnlyStageType: RequestTypeDefinition = fixtureType(
  'internal_transfer',
  [
    { key: 'intake', tasks: [task('booked', 'back_office', ['booked'])] },
    { key: 'control', tasks: [] },
    { key: 'close', tasks: [task('settled', 'accountant', ['settled'])] },
  ],
  {
    routing: [
      {
        key: 'large',
        description: { ru: 'Крупная операция', en: 'Large operation' },
        applies: (payload, routing) => amountAtLeastRub(payload, routing, '1000000'),
        stage: 'control',
        task: task('large', 'fin_monitoring', ['checked']),
      },
    ],
  },
);

/** For the lifecycle matrix: the first stage has one task of every task role, then a back-office step. */
export const everyRoleType: RequestTypeDefinition = fixtureType('contract_termination', [
  { key: 'work', tasks: TASK_ROLES.map((role) => task(role, role, ['done_item'])) },
  { key: 'close', tasks: [task('archive', 'back_office', ['archived'])] },
]);

export const FIXTURE_ROUTING: RoutingContext = { rubRates: { RUB: '1', USD: '90.5', EUR: '98.25' } };
