import {
  accountMatchesBic,
  accountSchema,
  BANK_MESSAGES,
  bicSchema,
  corrAccountMatchesBic,
  corrAccountSchema,
} from '../../validation/bank.js';
import { textSchema, type CrossFieldRule, type FieldSpec } from './form-kit.js';

/*
 * A Russian bank account of the client: the same five fields in withdrawal, bank_details_change and
 * contract_termination, so staff and bots see them alike.
 */

/** The recipient bank's fields, in asking order. */
export const bankDetailsFields = {
  recipientBic: {
    kind: 'bic',
    label: { ru: 'БИК банка получателя', en: "Recipient bank's BIC" },
    prompt: { ru: 'Введите БИК банка получателя (9 цифр)', en: "Enter the recipient bank's BIC (9 digits)" },
    schema: bicSchema,
  },
  recipientBankName: {
    kind: 'text',
    label: { ru: 'Банк получателя', en: 'Recipient bank' },
    prompt: { ru: 'Введите наименование банка получателя', en: "Enter the recipient bank's name" },
    schema: textSchema(200),
  },
  recipientCorrAccount: {
    restricted: 'bank_account',
    kind: 'account',
    label: { ru: 'Корреспондентский счёт', en: 'Correspondent account' },
    prompt: {
      ru: 'Введите корреспондентский счёт банка (20 цифр, начинается с 30101)',
      en: "Enter the bank's correspondent account (20 digits starting with 30101)",
    },
    schema: corrAccountSchema,
  },
  recipientAccount: {
    restricted: 'bank_account',
    kind: 'account',
    label: { ru: 'Счёт получателя', en: "Recipient's account" },
    prompt: {
      ru: 'Введите номер счёта получателя (20 цифр)',
      en: "Enter the recipient's account number (20 digits)",
    },
    schema: accountSchema,
  },
  recipientName: {
    kind: 'text',
    label: { ru: 'Получатель', en: 'Recipient' },
    prompt: {
      ru: 'Введите получателя — ваше ФИО или наименование (выплаты третьим лицам не производятся)',
      en: 'Enter the recipient: your full name or company name (no payments to third parties)',
    },
    schema: textSchema(200),
  },
} satisfies Record<string, FieldSpec>;

interface BankDetails {
  recipientBic: string;
  recipientCorrAccount: string;
  recipientAccount: string;
}

/** The correspondent account and the account must both pass the control key against the BIC. */
export function bankDetailsRules<P extends BankDetails>(): CrossFieldRule<P>[] {
  return [
    {
      reads: ['recipientBic', 'recipientCorrAccount'],
      field: 'recipientCorrAccount',
      message: BANK_MESSAGES.corrAccountKey,
      holds: (p) => corrAccountMatchesBic(p.recipientCorrAccount, p.recipientBic),
    },
    {
      reads: ['recipientBic', 'recipientAccount'],
      field: 'recipientAccount',
      message: BANK_MESSAGES.accountKey,
      holds: (p) => accountMatchesBic(p.recipientAccount, p.recipientBic),
    },
  ];
}
