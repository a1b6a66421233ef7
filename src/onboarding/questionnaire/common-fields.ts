import type { Payload } from '../../workflow/domain/definition.js';
import type { FieldSpec } from '../../workflow/domain/types/shared/form-kit.js';
import { checkbox, choice, emailSchema, optionalText, phoneSchema } from './field-kit.js';

/** What every applicant answers: the 115-FZ profile, contacts, the services wanted, the consent. */

const PEP = ['none', 'foreign', 'international', 'russian', 'relative'] as const;
const TAX_RESIDENCY = ['ru', 'ru_and_other', 'other'] as const;
const FUNDS = ['salary', 'business', 'savings', 'investments', 'inheritance', 'other'] as const;
const PURPOSES = ['investment', 'trading', 'savings', 'trust', 'other'] as const;

export const profileFields = {
  pepStatus: choice(
    PEP,
    {
      none: { ru: 'Нет', en: 'No' },
      foreign: { ru: 'Да, иностранное публичное должностное лицо', en: 'Yes, a foreign public official' },
      international: {
        ru: 'Да, должностное лицо публичной международной организации',
        en: 'Yes, an official of an international organisation',
      },
      russian: { ru: 'Да, российское публичное должностное лицо', en: 'Yes, a Russian public official' },
      relative: {
        ru: 'Я супруг(а) или близкий родственник такого лица',
        en: 'I am a spouse or a close relative of one',
      },
    },
    { ru: 'Публичное должностное лицо (ПДЛ)', en: 'Politically exposed person (PEP)' },
    {
      ru: 'Для организации — о руководителе и бенефициарах (115-ФЗ, ст. 7.3)',
      en: 'For a company, about its director and owners (115-FZ art. 7.3)',
    },
  ),
  pepDetails: optionalText(
    { ru: 'Должность и организация ПДЛ', en: "The PEP's position and organisation" },
    { ru: 'И степень родства, если это родственник', en: 'And the relation, if a relative' },
    (a: Payload) => typeof a['pepStatus'] === 'string' && a['pepStatus'] !== 'none',
    300,
  ),
  taxResidency: choice(
    TAX_RESIDENCY,
    {
      ru: { ru: 'Только Российская Федерация', en: 'Russia only' },
      ru_and_other: { ru: 'Россия и другое государство', en: 'Russia and another country' },
      other: { ru: 'Только другое государство', en: 'Another country only' },
    },
    { ru: 'Налоговое резидентство', en: 'Tax residency' },
    { ru: 'Где вы (организация) платите налоги как резидент', en: 'Where you pay taxes as a resident' },
  ),
  foreignTaxCountry: optionalText(
    { ru: 'Иностранное государство резидентства', en: 'Foreign country of residence' },
    { ru: 'Страна', en: 'Country' },
    (a: Payload) => a['taxResidency'] === 'ru_and_other' || a['taxResidency'] === 'other',
  ),
  foreignTin: optionalText(
    { ru: 'Иностранный налоговый номер (TIN)', en: 'Foreign taxpayer number (TIN)' },
    { ru: 'Если присвоен', en: 'If assigned' },
    undefined,
    50,
  ),
  sourceOfFunds: choice(
    FUNDS,
    {
      salary: { ru: 'Заработная плата', en: 'Salary' },
      business: { ru: 'Доход от предпринимательской деятельности', en: 'Business income' },
      savings: { ru: 'Накопления', en: 'Savings' },
      investments: { ru: 'Доход от инвестиций', en: 'Investment income' },
      inheritance: { ru: 'Наследство или дарение', en: 'Inheritance or gift' },
      other: { ru: 'Другое', en: 'Other' },
    },
    { ru: 'Источник происхождения средств', en: 'Source of funds' },
    { ru: 'Откуда средства, которые вы будете инвестировать', en: 'Where the money you invest comes from' },
  ),
  sourceOfFundsOther: optionalText(
    { ru: 'Источник средств — подробнее', en: 'Source of funds: details' },
    { ru: 'Опишите своими словами', en: 'In your own words' },
    (a: Payload) => a['sourceOfFunds'] === 'other',
    500,
  ),
  purpose: choice(
    PURPOSES,
    {
      investment: { ru: 'Долгосрочные инвестиции', en: 'Long-term investment' },
      trading: { ru: 'Торговля на бирже', en: 'Trading on the exchange' },
      savings: { ru: 'Сохранение сбережений', en: 'Preserving savings' },
      trust: { ru: 'Передача в доверительное управление', en: 'Trust management' },
      other: { ru: 'Другое', en: 'Other' },
    },
    { ru: 'Цель деловых отношений', en: 'Purpose of the relationship' },
    { ru: 'Что вы хотите делать со счётом', en: 'What you plan to do with the account' },
  ),
  purposeOther: optionalText(
    { ru: 'Цель — подробнее', en: 'Purpose: details' },
    { ru: 'Опишите своими словами', en: 'In your own words' },
    (a: Payload) => a['purpose'] === 'other',
    500,
  ),
} satisfies Record<string, FieldSpec>;

export const contactFields = {
  phone: {
    kind: 'phone',
    label: { ru: 'Мобильный телефон', en: 'Mobile phone' },
    prompt: { ru: 'Пришлём код подтверждения', en: 'We will text you a code' },
    schema: phoneSchema,
  },
  email: {
    kind: 'email',
    label: { ru: 'Электронная почта', en: 'E-mail' },
    prompt: { ru: 'Пришлём код подтверждения', en: 'We will send you a code' },
    schema: emailSchema,
  },
} satisfies Record<string, FieldSpec>;

export const serviceFields = {
  serviceBrokerage: checkbox(
    { ru: 'Брокерское обслуживание', en: 'Brokerage' },
    { ru: 'Сделки с ценными бумагами на бирже', en: 'Trading securities on the exchange' },
  ),
  serviceDepositary: checkbox(
    { ru: 'Депозитарное обслуживание', en: 'Depositary services' },
    { ru: 'Учёт и хранение ценных бумаг', en: 'Custody of securities' },
  ),
  serviceTrustManagement: checkbox(
    { ru: 'Доверительное управление', en: 'Trust management' },
    { ru: 'Управление вашими активами по стратегии', en: 'Your assets managed by a strategy' },
  ),
  consentPersonalData: checkbox(
    {
      ru: 'Согласен(на) на обработку персональных данных',
      en: 'I consent to the processing of my personal data',
    },
    { ru: 'Текст согласия — над этой отметкой', en: 'The text of the consent is above' },
    'consent_required',
  ),
} satisfies Record<string, FieldSpec>;

/** The services chosen, in a fixed order. */
export const SERVICE_KEYS = ['serviceBrokerage', 'serviceDepositary', 'serviceTrustManagement'] as const;
