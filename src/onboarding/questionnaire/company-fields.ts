import type { Payload } from '../../workflow/domain/definition.js';
import type { FieldSpec } from '../../workflow/domain/types/shared/form-kit.js';
import { isoDateSchema } from '../../workflow/domain/validation/dates.js';
import { individualInnSchema, legalEntityInnSchema } from '../../workflow/domain/validation/inn.js';
import { kppSchema } from '../../workflow/domain/validation/kpp.js';
import { ogrnSchema } from '../../workflow/domain/validation/ogrn.js';
import { address, checkbox, choice, date, optionalText, percentSchema, text } from './field-kit.js';

/*
 * A legal entity: the company, who runs it and who acts for it, and its beneficial owners (115-FZ art. 7: a person
 * owning more than 25 % or otherwise controlling it; when none can be identified, the director is named as such).
 */

const actualDiffers = (a: Payload): boolean => a['actualSameAsLegal'] !== true;
const byAttorney = (a: Payload): boolean => a['representativeAuthority'] === 'power_of_attorney';
const representativeIsOther = (a: Payload): boolean => a['representativeAuthority'] !== 'director';

export const companyFields = {
  companyName: text(
    { ru: 'Полное наименование', en: 'Full name of the company' },
    { ru: 'Как в уставе: Общество с ограниченной ответственностью «…»', en: 'As in the charter' },
    300,
  ),
  companyShortName: optionalText(
    { ru: 'Сокращённое наименование', en: 'Short name' },
    { ru: 'ООО «…», если есть', en: 'If there is one' },
  ),
  companyOgrn: {
    kind: 'text',
    label: { ru: 'ОГРН', en: 'OGRN (state registration number)' },
    prompt: { ru: '13 цифр', en: '13 digits' },
    schema: ogrnSchema,
  },
  companyInn: {
    kind: 'text',
    label: { ru: 'ИНН организации', en: "Company's INN" },
    prompt: { ru: '10 цифр', en: '10 digits' },
    schema: legalEntityInnSchema,
  },
  companyKpp: {
    kind: 'text',
    label: { ru: 'КПП', en: 'KPP' },
    prompt: { ru: '9 символов', en: '9 characters' },
    schema: kppSchema,
  },
  companyRegistrationDate: date(
    { ru: 'Дата государственной регистрации', en: 'Date of state registration' },
    { ru: 'ДД.ММ.ГГГГ', en: 'YYYY-MM-DD' },
    isoDateSchema,
  ),
  legalAddress: address({ ru: 'Адрес юридического лица (по ЕГРЮЛ)', en: 'Registered address (EGRUL)' }),
  actualSameAsLegal: checkbox(
    { ru: 'Фактический адрес совпадает с юридическим', en: 'The company works at its registered address' },
    { ru: 'Снимите отметку, если адреса разные', en: 'Untick if the addresses differ' },
  ),
  companyActualAddress: address({ ru: 'Фактический адрес', en: 'Actual address' }, actualDiffers),
} satisfies Record<string, FieldSpec>;

export const managementFields = {
  directorName: text(
    { ru: 'ФИО руководителя', en: "Director's full name" },
    { ru: 'Единоличный исполнительный орган', en: 'The sole executive body' },
  ),
  directorPosition: text(
    { ru: 'Должность руководителя', en: "Director's position" },
    { ru: 'Например, генеральный директор', en: 'For example, general director' },
    100,
  ),
  directorInn: {
    kind: 'text',
    label: { ru: 'ИНН руководителя', en: "Director's INN" },
    prompt: { ru: '12 цифр, если известен', en: '12 digits, if known' },
    schema: individualInnSchema.optional(),
    optional: true,
  },
  representativeAuthority: choice(
    ['director', 'power_of_attorney'] as const,
    {
      director: { ru: 'Я руководитель (действую по уставу)', en: 'I am the director (the charter)' },
      power_of_attorney: { ru: 'Я представитель по доверенности', en: 'I act under a power of attorney' },
    },
    { ru: 'Кто заполняет анкету', en: 'Who fills in the questionnaire' },
    { ru: 'Основание полномочий', en: 'The ground of your authority' },
  ),
  representativeName: optionalText(
    { ru: 'ФИО представителя', en: "Representative's full name" },
    { ru: 'Как в доверенности', en: 'As in the power of attorney' },
    representativeIsOther,
  ),
  powerOfAttorneyNumber: optionalText(
    { ru: 'Номер доверенности', en: 'Power of attorney number' },
    { ru: 'Как на документе', en: 'As on the document' },
    byAttorney,
    50,
  ),
  powerOfAttorneyDate: date(
    { ru: 'Дата доверенности', en: 'Power of attorney date' },
    { ru: 'ДД.ММ.ГГГГ', en: 'YYYY-MM-DD' },
    isoDateSchema,
    byAttorney,
  ),
  powerOfAttorneyValidUntil: date(
    { ru: 'Доверенность действует до', en: 'Power of attorney valid until' },
    { ru: 'ДД.ММ.ГГГГ', en: 'YYYY-MM-DD' },
    isoDateSchema,
    byAttorney,
  ),
} satisfies Record<string, FieldSpec>;

const OWNER_COUNTS = ['none', '1', '2', '3'] as const;
const ownersAtLeast = (n: number) => (a: Payload) =>
  typeof a['beneficialOwnerCount'] === 'string' && Number(a['beneficialOwnerCount']) >= n;

function ownerFields(n: 1 | 2 | 3) {
  const applies = ownersAtLeast(n);
  return {
    [`owner${n}Name`]: optionalText(
      { ru: `Бенефициар ${n}: ФИО`, en: `Beneficial owner ${n}: full name` },
      { ru: 'Физическое лицо', en: 'A natural person' },
      applies,
    ),
    [`owner${n}Share`]: {
      kind: 'text',
      label: { ru: `Бенефициар ${n}: доля участия, %`, en: `Beneficial owner ${n}: share, %` },
      prompt: { ru: 'Прямая или косвенная, например 50', en: 'Direct or indirect, like 50' },
      schema: percentSchema.optional(),
      when: applies,
    },
    [`owner${n}Inn`]: {
      kind: 'text',
      label: { ru: `Бенефициар ${n}: ИНН`, en: `Beneficial owner ${n}: INN` },
      prompt: { ru: '12 цифр, если есть', en: '12 digits, if any' },
      schema: individualInnSchema.optional(),
      optional: true,
      when: applies,
    },
  } as Record<string, FieldSpec>;
}

export const ownerFieldsSpec = {
  beneficialOwnerCount: choice(
    OWNER_COUNTS,
    {
      none: {
        ru: 'Не выявлены — бенефициаром считается руководитель',
        en: 'None identified: the director is deemed the owner',
      },
      '1': { ru: 'Один', en: 'One' },
      '2': { ru: 'Два', en: 'Two' },
      '3': { ru: 'Три', en: 'Three' },
    },
    { ru: 'Бенефициарные владельцы', en: 'Beneficial owners' },
    {
      ru: 'Физические лица, владеющие более 25 % или контролирующие организацию',
      en: 'Persons owning over 25 % or controlling the company',
    },
  ),
  ...ownerFields(1),
  ...ownerFields(2),
  ...ownerFields(3),
} satisfies Record<string, FieldSpec>;

/** The owners' shares as numbers (the ones given), for the rule that they add up to 100 % at most. */
export function ownerShares(answers: Payload): number[] {
  return [1, 2, 3]
    .map((n) => answers[`owner${n}Share`])
    .filter((share): share is string => typeof share === 'string')
    .map(Number);
}
