import type { Payload } from '../workflow/domain/definition.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { driveToCompletion, FULL_REVIEW_CHECKLIST } from './drive.js';

/** A withdrawal by the demo individual to his own Sberbank account (below the mandatory-control threshold). */
export const DEMO_WITHDRAWAL: Payload = {
  contract: 'БО-0001/26',
  amount: '150000.00',
  currency: 'RUB',
  recipientBic: '044525225',
  recipientBankName: 'ПАО Сбербанк',
  recipientCorrAccount: '30101810400000000225',
  recipientAccount: '40817810700000000001',
  recipientName: 'Иванов Иван Иванович',
  comment: 'Вывод купонного дохода',
};

export const DEMO_LARGE_WITHDRAWAL: Payload = {
  ...DEMO_WITHDRAWAL,
  amount: '1250000.00',
  comment: 'Покупка квартиры',
};

const INQUIRY: Payload = {
  category: 'question',
  subject: 'Комиссия за вывод средств',
  text: 'Подскажите, какая комиссия за вывод денежных средств на счёт в другом банке?',
};

const BROKER_REPORT: Payload = {
  contract: 'БО-0001/26',
  periodFrom: '2025-01-01',
  periodTo: '2025-12-31',
  format: 'pdf',
};

const INTERNAL_TRANSFER: Payload = {
  contract: 'БО-0002/26',
  from: 'stock_market',
  to: 'derivatives',
  amount: '50000.00',
  currency: 'RUB',
};

const TAX_CERTIFICATE: Payload = { year: 2025, kind: 'ndfl_2', delivery: 'electronic' };

/**
 * A few requests in several states so the demo cabinet is not empty: a draft, one awaiting signature, a
 * submitted one, one in review, one in work, a returned one and a completed one.
 */
export async function seedDemoRequests(
  workflow: WorkflowService,
  actors: Record<string, Actor>,
): Promise<void> {
  const get = (login: string): Actor => {
    const actor = actors[login];
    if (!actor) throw new Error(`demo actor ${login} missing`);
    return actor;
  };
  const client = get('client@demo.local');
  const ip = get('ip@demo.local');
  const company = get('company@demo.local');
  const manager = get('manager@demo.local');
  const staff = Object.values(actors).filter((a) => !a.roles.includes('client'));

  const signed = async (actor: Actor, type: string, payload: Payload) => {
    const draft = await workflow.createDraft(actor, { type, payload });
    const { payloadHash } = await workflow.submit(actor, draft.id);
    return workflow.confirmSignature(actor, draft.id, payloadHash, { channel: 'demo-seed' });
  };

  // draft
  await workflow.createDraft(client, { type: 'withdrawal', payload: DEMO_WITHDRAWAL });
  // awaiting signature
  const awaiting = await workflow.createDraft(client, { type: 'general_inquiry', payload: INQUIRY });
  await workflow.submit(client, awaiting.id);
  // submitted: the large withdrawal waits for the client manager
  await signed(client, 'withdrawal', DEMO_LARGE_WITHDRAWAL);
  // completed
  const report = await signed(client, 'broker_report', BROKER_REPORT);
  await driveToCompletion(workflow, report.id, manager, staff);
  // in progress: brokerage's task open
  const transfer = await signed(ip, 'internal_transfer', INTERNAL_TRANSFER);
  await workflow.take(manager, transfer.id);
  await workflow.accept(manager, transfer.id, FULL_REVIEW_CHECKLIST);
  // returned for rework
  const tax = await signed(ip, 'tax_certificate', TAX_CERTIFICATE);
  await workflow.take(manager, tax.id);
  await workflow.returnForRework(manager, tax.id, 'Уточните вид справки: для ИИС или 2-НДФЛ?');
  // in review
  const inquiry = await signed(company, 'general_inquiry', {
    ...INQUIRY,
    subject: 'Доступ к торгам на СПБ Бирже',
  });
  await workflow.take(manager, inquiry.id);
}
