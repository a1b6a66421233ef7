import { z } from 'zod';
import { CURRENCIES, currencySchema, decimalAmountSchema } from '../../validation/money.js';
import { unlessMissing } from '../../validation/messages.js';
import { optionsOf, textSchema, type FieldSpec } from './form-kit.js';

/** A contract or sub-account number as written on the contract: letters, digits and - / . _ № (≤ 40). */
export const contractSchema = z
  .string({ error: unlessMissing('contract_not_text') })
  .trim()
  .regex(/^[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё\-/._№ ]{0,39}$/, {
    message: 'contract_format',
  });

/** The contract (or sub-account) a request is about. */
export const contractField = {
  kind: 'text',
  label: { ru: 'Договор / субсчёт', en: 'Contract / sub-account' },
  prompt: { ru: 'Укажите номер договора или субсчёта', en: 'Enter the contract or sub-account number' },
  schema: contractSchema,
} satisfies FieldSpec;

/** A positive amount, canonical "100000.50". */
export const amountField = {
  kind: 'decimal',
  label: { ru: 'Сумма', en: 'Amount' },
  prompt: { ru: 'Введите сумму, например 100000,50', en: 'Enter the amount, e.g. 100000.50' },
  schema: decimalAmountSchema,
} satisfies FieldSpec;

/** RUB, USD, EUR or CNY. */
export const currencyField = {
  kind: 'enum',
  label: { ru: 'Валюта', en: 'Currency' },
  prompt: { ru: 'Выберите валюту', en: 'Choose the currency' },
  schema: currencySchema,
  options: optionsOf(CURRENCIES, {
    RUB: { ru: 'Рубли (RUB)', en: 'Roubles (RUB)' },
    USD: { ru: 'Доллары США (USD)', en: 'US dollars (USD)' },
    EUR: { ru: 'Евро (EUR)', en: 'Euro (EUR)' },
    CNY: { ru: 'Юани (CNY)', en: 'Yuan (CNY)' },
  }),
} satisfies FieldSpec;

/** A free-text comment, optional (≤ 500). */
export const commentField = {
  kind: 'textarea',
  label: { ru: 'Комментарий', en: 'Comment' },
  prompt: { ru: 'Комментарий (необязательно)', en: 'Comment (optional)' },
  schema: textSchema(500).optional(),
  optional: true,
} satisfies FieldSpec;

/** Why the client asks (≤ 500). */
export const reasonField = {
  kind: 'textarea',
  label: { ru: 'Причина', en: 'Reason' },
  prompt: { ru: 'Укажите причину', en: 'State the reason' },
  schema: textSchema(500),
} satisfies FieldSpec;
