import type { Payload } from '../../workflow/domain/definition.js';
import type { FieldSpec } from '../../workflow/domain/types/shared/form-kit.js';
import { textSchema } from '../../workflow/domain/types/shared/form-kit.js';
import { isoDateSchema } from '../../workflow/domain/validation/dates.js';
import { individualInnSchema } from '../../workflow/domain/validation/inn.js';
import { ogrnipSchema } from '../../workflow/domain/validation/ogrn.js';
import { snilsSchema } from '../../workflow/domain/validation/snils.js';
import {
  address,
  checkbox,
  choice,
  date,
  digits,
  divisionCodeSchema,
  optionalText,
  text,
} from './field-kit.js';

/*
 * The person: an individual client, or a sole proprietor (who is a person first). Russian citizens show a Russian
 * passport; foreign citizens their national passport (no fixed format).
 */

const isCitizen = (a: Payload): boolean => a['citizenship'] !== 'other';
const isForeigner = (a: Payload): boolean => a['citizenship'] === 'other';
const actualDiffers = (a: Payload): boolean => a['actualSameAsRegistration'] !== true;

export const personFields = {
  lastName: text({ ru: 'Фамилия', en: 'Last name' }, { ru: 'Как в паспорте', en: 'As in the passport' }, 100),
  firstName: text({ ru: 'Имя', en: 'First name' }, { ru: 'Как в паспорте', en: 'As in the passport' }, 100),
  middleName: optionalText(
    { ru: 'Отчество', en: 'Patronymic' },
    { ru: 'Если есть', en: 'If you have one' },
    undefined,
    100,
  ),
  birthDate: date(
    { ru: 'Дата рождения', en: 'Date of birth' },
    { ru: 'ДД.ММ.ГГГГ', en: 'YYYY-MM-DD' },
    isoDateSchema,
  ),
  birthPlace: text(
    { ru: 'Место рождения', en: 'Place of birth' },
    { ru: 'Как в паспорте', en: 'As in the passport' },
    300,
  ),
  citizenship: choice(
    ['ru', 'other'] as const,
    {
      ru: { ru: 'Российская Федерация', en: 'Russian Federation' },
      other: { ru: 'Другое государство', en: 'Another country' },
    },
    { ru: 'Гражданство', en: 'Citizenship' },
    { ru: 'Гражданство по паспорту', en: 'The citizenship of your passport' },
  ),
  citizenshipCountry: optionalText(
    { ru: 'Страна гражданства', en: 'Country of citizenship' },
    { ru: 'Например, Республика Казахстан', en: 'For example, Republic of Kazakhstan' },
    isForeigner,
  ),
} satisfies Record<string, FieldSpec>;

export const documentFields = {
  passportSeries: {
    restricted: 'identity_document',
    kind: 'text',
    label: { ru: 'Серия паспорта', en: 'Passport series' },
    prompt: { ru: '4 цифры', en: '4 digits' },
    schema: digits(4, 'passport_series_format').optional(),
    when: isCitizen,
  },
  passportNumber: {
    restricted: 'identity_document',
    kind: 'text',
    label: { ru: 'Номер паспорта', en: 'Passport number' },
    prompt: { ru: '6 цифр', en: '6 digits' },
    schema: digits(6, 'passport_number_format').optional(),
    when: isCitizen,
  },
  foreignDocumentNumber: {
    restricted: 'identity_document',
    kind: 'text',
    label: { ru: 'Серия и номер документа', en: 'Document series and number' },
    prompt: { ru: 'Как в паспорте', en: 'As in the passport' },
    schema: textSchema(40).optional(),
    when: isForeigner,
  },
  documentIssuer: text(
    { ru: 'Кем выдан', en: 'Issued by' },
    { ru: 'Как в паспорте', en: 'As in the passport' },
    300,
  ),
  documentIssueDate: date(
    { ru: 'Дата выдачи', en: 'Date of issue' },
    { ru: 'ДД.ММ.ГГГГ', en: 'YYYY-MM-DD' },
    isoDateSchema,
  ),
  documentDivisionCode: {
    kind: 'text',
    label: { ru: 'Код подразделения', en: 'Division code' },
    prompt: { ru: '000-000', en: '000-000' },
    schema: divisionCodeSchema.optional(),
    when: isCitizen,
  },
} satisfies Record<string, FieldSpec>;

export const addressFields = {
  registrationAddress: address({ ru: 'Адрес регистрации', en: 'Registered address' }),
  actualSameAsRegistration: checkbox(
    { ru: 'Фактический адрес совпадает с адресом регистрации', en: 'I live at the registered address' },
    { ru: 'Снимите отметку, если живёте по другому адресу', en: 'Untick if you live elsewhere' },
  ),
  actualAddress: address({ ru: 'Фактический адрес', en: 'Residential address' }, actualDiffers),
} satisfies Record<string, FieldSpec>;

/** Tax numbers of an individual: INN optional (not every person has one), SNILS for Russian citizens. */
export const individualTaxIdFields = {
  inn: {
    kind: 'text',
    label: { ru: 'ИНН', en: 'Taxpayer number (INN)' },
    prompt: { ru: '12 цифр, если есть', en: '12 digits, if you have one' },
    schema: individualInnSchema.optional(),
    optional: true,
  },
  snils: {
    kind: 'text',
    label: { ru: 'СНИЛС', en: 'SNILS (pension insurance number)' },
    prompt: { ru: '123-456-789 01', en: '123-456-789 01' },
    schema: snilsSchema.optional(),
    when: isCitizen,
  },
} satisfies Record<string, FieldSpec>;

/** A sole proprietor's registration: INN required, OGRNIP, the date and the registering tax office. */
export const entrepreneurFields = {
  inn: {
    kind: 'text',
    label: { ru: 'ИНН', en: 'Taxpayer number (INN)' },
    prompt: { ru: '12 цифр', en: '12 digits' },
    schema: individualInnSchema,
  },
  snils: individualTaxIdFields.snils,
  ogrnip: {
    kind: 'text',
    label: { ru: 'ОГРНИП', en: 'OGRNIP (state registration number)' },
    prompt: { ru: '15 цифр', en: '15 digits' },
    schema: ogrnipSchema,
  },
  registrationDate: date(
    { ru: 'Дата регистрации ИП', en: 'Date of registration' },
    { ru: 'Из листа записи ЕГРИП', en: 'From the EGRIP record sheet' },
    isoDateSchema,
  ),
  registrationAuthority: text(
    { ru: 'Регистрирующий орган', en: 'Registering authority' },
    { ru: 'Например, Межрайонная ИФНС России № 46 по г. Москве', en: 'The tax office that registered you' },
    300,
  ),
  mainActivity: optionalText(
    { ru: 'Основной вид деятельности (ОКВЭД)', en: 'Main activity (OKVED)' },
    { ru: 'Код и название, если хотите указать', en: 'Code and name, if you wish' },
  ),
} satisfies Record<string, FieldSpec>;
