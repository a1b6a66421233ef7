import type { Payload, RequestTypeCode } from '../workflow/domain/definition.js';

/*
 * One valid payload per request type, already in canonical form (what `parsePayload` returns for it), so
 * `parsePayload(def, SAMPLE_PAYLOADS[code], { today })` gives back an equal object. They are valid for any
 * `today` from SAMPLE_TODAY to 2028-01-01 (a broker report reaches 3 years back at most) and the
 * settlement date lies far ahead so tests on the real clock keep passing.
 *
 * Bank details: Sberbank Moscow, BIC 044525225, corr. account 30101810400000000225 (published), and
 * T-Bank, BIC 044525974, corr. account 30101810145250000974 (published); the client accounts are made up
 * and pass the control key (see test/unit/validation/bank.test.ts for the hand computation).
 */

/** A date for which every sample is valid (and on which tests fix "today"). */
export const SAMPLE_TODAY = '2026-11-24';

const SBERBANK = {
  recipientBic: '044525225',
  recipientBankName: 'ПАО Сбербанк',
  recipientCorrAccount: '30101810400000000225',
  recipientAccount: '40817810000000001234',
  recipientName: 'Иванов Иван Иванович',
} as const;

const T_BANK = {
  recipientBic: '044525974',
  recipientBankName: 'АО «ТБанк»',
  recipientCorrAccount: '30101810145250000974',
  recipientAccount: '40817810700000005678',
  recipientName: 'Иванов Иван Иванович',
} as const;

export const SAMPLE_PAYLOADS: Record<RequestTypeCode, Payload> = {
  withdrawal: {
    contract: 'БД-12345',
    amount: '150000.00',
    currency: 'RUB',
    ...SBERBANK,
    comment: 'Вывод купонного дохода',
  },
  securities_transfer: {
    direction: 'out',
    isin: 'RU0009029540',
    securityName: 'Сбербанк, акция обыкновенная',
    quantity: 100,
    counterpartyDepositary: 'НКО АО НРД',
    counterpartyAccount: 'ML1234567890',
    basis: 'own_accounts',
    settlementDate: '2030-12-16',
  },
  internal_transfer: {
    contract: 'БД-12345',
    from: 'stock_market',
    to: 'derivatives',
    amount: '50000.00',
    currency: 'RUB',
  },
  broker_report: {
    contract: 'БД-12345',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    format: 'pdf',
  },
  tax_certificate: {
    year: 2025,
    kind: 'ndfl_2',
    delivery: 'electronic',
  },
  bank_details_change: {
    ...T_BANK,
    reason: 'Открыт счёт в другом банке',
  },
  personal_data_change: {
    change: 'registration_address',
    newAddress: '123456, г. Москва, ул. Примерная, д. 1, кв. 1',
    reason: 'Смена места регистрации',
  },
  qualified_investor: {
    criterion: 'assets',
    documents: 'Выписка по брокерскому счёту на 01.11.2026; выписка по банковскому вкладу на 01.11.2026',
  },
  trust_management: {
    contract: 'ДУ-2026/001',
    operation: 'top_up',
    strategy: 'balanced',
    amount: '500000.00',
  },
  contract_termination: {
    contract: 'БД-12345',
    reason: 'Переход на обслуживание к другому брокеру',
    assetDisposition: 'transfer',
    transferDepositary: 'АО «ТБанк»',
    transferDepoAccount: '7000123456',
    ...SBERBANK,
  },
  general_inquiry: {
    category: 'question',
    subject: 'Комиссия за вывод средств',
    text: 'Подскажите, какая комиссия за вывод денежных средств на счёт в другом банке?',
  },
};

/** A withdrawal of exactly 1,000,000.00 RUB: adds the mandatory-control task (approvals 2) to stage 0. */
export const LARGE_WITHDRAWAL: Payload = { ...SAMPLE_PAYLOADS.withdrawal, amount: '1000000.00' };

/** A passport change, exercising the conditional document fields. */
export const PASSPORT_CHANGE: Payload = {
  change: 'identity_document',
  documentSeries: '4510',
  documentNumber: '123456',
  documentIssueDate: '2021-05-20',
  documentIssuer: 'ГУ МВД России по г. Москве',
  documentDivisionCode: '770-001',
  reason: 'Замена паспорта по достижении 45 лет',
};
