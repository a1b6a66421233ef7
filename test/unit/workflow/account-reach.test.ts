import { describe, expect, it } from '@jest/globals';
import { getRequestType } from '../../../src/workflow/domain/types/index.js';
import { payloadForStaff } from '../../../src/workflow/domain/account-reach.js';
import { staff } from './support.js';

const withdrawal = getRequestType('withdrawal', 1);
const WITHDRAWAL = {
  contract: 'БО-0001/26',
  amount: '100000.00',
  currency: 'RUB',
  recipientBic: '044525225',
  recipientBankName: 'ПАО Сбербанк',
  recipientCorrAccount: '30101810400000000225',
  recipientAccount: '40817810700000000001',
  recipientName: 'Иванов Иван Иванович',
};

describe('who reads restricted fields in full (docs/0025)', () => {
  it('the roles that pay out read the bank accounts in full', () => {
    for (const role of ['client_manager', 'fin_monitoring', 'back_office', 'accountant'] as const) {
      const seen = payloadForStaff(withdrawal, WITHDRAWAL, staff(role));
      expect([role, seen.payload['recipientAccount'], seen.maskedFields]).toEqual([
        role,
        '40817810700000000001',
        [],
      ]);
    }
  });

  it('brokerage and an administrator read the last four digits, and are told which fields were cut', () => {
    for (const actor of [staff('brokerage'), { userId: 'u-admin', roles: ['admin'] as const }]) {
      const seen = payloadForStaff(withdrawal, WITHDRAWAL, actor);
      expect(seen.payload['recipientAccount']).toBe('…0001');
      expect(seen.payload['recipientCorrAccount']).toBe('…0225');
      expect(seen.maskedFields).toEqual(['recipientCorrAccount', 'recipientAccount']);
      // What is not restricted stays as filed.
      expect(seen.payload['amount']).toBe('100000.00');
      expect(seen.payload['recipientName']).toBe('Иванов Иван Иванович');
    }
  });

  it('one role that reads in full is enough, whatever else the person holds', () => {
    const seen = payloadForStaff(withdrawal, WITHDRAWAL, staff('brokerage', 'both', 'accountant'));
    expect(seen.payload).toEqual(WITHDRAWAL);
  });

  it('a depo account is the depositary’s, not the accountant’s; a passport series is hidden whole', () => {
    const transfer = getRequestType('securities_transfer', 1);
    const payload = { counterpartyAccount: 'ДЕПО-778899001' };
    expect(payloadForStaff(transfer, payload, staff('depositary')).payload).toEqual(payload);
    expect(payloadForStaff(transfer, payload, staff('accountant')).payload['counterpartyAccount']).toBe(
      '…9001',
    );
    const change = getRequestType('personal_data_change', 1);
    const passport = payloadForStaff(
      change,
      { documentSeries: '4510', documentNumber: '123456' },
      staff('brokerage'),
    );
    expect(passport.payload).toEqual({ documentSeries: '••••', documentNumber: '••••••' });
  });

  it('does not change the stored payload', () => {
    const stored = { ...WITHDRAWAL };
    payloadForStaff(withdrawal, stored, staff('brokerage'));
    expect(stored).toEqual(WITHDRAWAL);
  });
});
