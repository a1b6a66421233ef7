import { describe, expect, it } from '@jest/globals';
import {
  APPLICANT_KINDS,
  checkQuestionnaire,
  parseQuestionnaire,
  QUESTIONNAIRES,
  stepOf,
} from '../../../src/onboarding/questionnaire/questionnaire.js';
import { SAMPLE_ANSWERS } from '../../../src/onboarding/questionnaire/samples.js';
import { isSnils, snilsSchema } from '../../../src/workflow/domain/validation/snils.js';

const TODAY = '2026-12-04';

function codes(result: ReturnType<typeof parseQuestionnaire>, field: string): string[] {
  return result.ok ? [] : (result.issues[field] ?? []).map((issue) => issue.code);
}

describe('SNILS', () => {
  it('accepts the checksum of the nine digits and stores it as printed', () => {
    expect(isSnils('11223344595')).toBe(true);
    expect(snilsSchema.parse('112 233 445 95')).toBe('112-233-445 95');
  });
  it('refuses a wrong checksum and a wrong length with their own codes', () => {
    expect(isSnils('11223344596')).toBe(false);
    expect(snilsSchema.safeParse('112-233-445 96').error?.issues[0]?.message).toBe('snils_checksum');
    expect(snilsSchema.safeParse('112-233-445').error?.issues[0]?.message).toBe('snils_format');
  });
  it('folds checksums of 100 and 101 to 00 and takes larger sums mod 101', () => {
    // 9·9 + 8·2 + 7·0 … : digits chosen to sum to 100 → 00.
    expect(isSnils('90200000000'.slice(0, 9) + '00')).toBe(9 * 9 + 8 * 0 + 7 * 2 === 100);
    // 999-999-999: sum 405 → 405 mod 101 = 1 → "01".
    expect(isSnils('99999999901')).toBe(true);
  });
});

describe('the questionnaire of each kind', () => {
  it.each(APPLICANT_KINDS)('%s: the sample answers are complete and come back canonical', (kind) => {
    const result = parseQuestionnaire(kind, SAMPLE_ANSWERS[kind], TODAY);
    expect(result).toMatchObject({ ok: true });
    expect(checkQuestionnaire(kind, SAMPLE_ANSWERS[kind], TODAY)).toMatchObject({
      complete: true,
      issues: {},
    });
  });

  it.each(APPLICANT_KINDS)('%s: every field belongs to exactly one step', (kind) => {
    const q = QUESTIONNAIRES[kind];
    const inSteps = q.steps.flatMap((step) => step.fields);
    expect([...inSteps].sort()).toEqual(q.fields.map((f) => f.name).sort());
    expect(new Set(inSteps).size).toBe(inSteps.length);
  });

  it('an empty form names every required field of the first step', () => {
    const check = checkQuestionnaire('individual', {}, TODAY);
    expect(check.complete).toBe(false);
    for (const field of ['lastName', 'firstName', 'birthDate', 'birthPlace', 'citizenship'])
      expect(check.issues[field]?.[0]?.code).toBe('required');
    expect(check.issues['middleName']).toBeUndefined();
  });
});

describe('checks at the fields', () => {
  const individual = SAMPLE_ANSWERS.individual;

  it('an applicant must be 18: a day short is refused, the birthday itself accepted', () => {
    expect(
      codes(parseQuestionnaire('individual', { ...individual, birthDate: '2008-12-05' }, TODAY), 'birthDate'),
    ).toEqual(['not_adult']);
    expect(
      parseQuestionnaire(
        'individual',
        { ...individual, birthDate: '2008-12-04', documentIssueDate: '2023-01-10' },
        TODAY,
      ).ok,
    ).toBe(true);
    expect(
      codes(parseQuestionnaire('individual', { ...individual, birthDate: '2027-01-01' }, TODAY), 'birthDate'),
    ).toEqual(['birth_date_in_future']);
  });

  it('a Russian passport issued before 14 or in the future is refused', () => {
    expect(
      codes(
        parseQuestionnaire('individual', { ...individual, documentIssueDate: '2003-01-01' }, TODAY),
        'documentIssueDate',
      ),
    ).toEqual(['passport_issued_before_14']);
    expect(
      codes(
        parseQuestionnaire('individual', { ...individual, documentIssueDate: '2026-12-05' }, TODAY),
        'documentIssueDate',
      ),
    ).toEqual(['issue_date_in_future']);
  });

  it('passport series and number, division code, SNILS, INN, phone and e-mail formats', () => {
    const result = parseQuestionnaire(
      'individual',
      {
        ...individual,
        passportSeries: '451',
        passportNumber: '12345a',
        documentDivisionCode: '77-001',
        snils: '112-233-445 96',
        inn: '500100732250',
        phone: '12',
        email: 'anna@',
      },
      TODAY,
    );
    expect(codes(result, 'passportSeries')).toEqual(['passport_series_format']);
    expect(codes(result, 'passportNumber')).toEqual(['passport_number_format']);
    expect(codes(result, 'documentDivisionCode')).toEqual(['division_code_format']);
    expect(codes(result, 'snils')).toEqual(['snils_checksum']);
    expect(codes(result, 'inn')).toEqual(['inn_checksum']);
    expect(codes(result, 'phone')).toEqual(['phone_format']);
    expect(codes(result, 'email')).toEqual(['email_format']);
  });

  it('answers are stored canonical: the phone in E.164, the e-mail lower-case, SNILS as printed', () => {
    const result = parseQuestionnaire(
      'individual',
      { ...individual, phone: '8 (999) 123-45-67', email: ' Anna@Example.RU ', snils: '11223344595' },
      TODAY,
    );
    expect(result.ok && result.payload).toMatchObject({
      phone: '+79991234567',
      email: 'anna@example.ru',
      snils: '112-233-445 95',
    });
  });

  it('a foreign citizen gives the country and the document number instead of a Russian passport', () => {
    const {
      passportSeries: _s,
      passportNumber: _n,
      documentDivisionCode: _d,
      snils: _snils,
      ...rest
    } = individual;
    const foreign = { ...rest, citizenship: 'other' };
    const check = checkQuestionnaire('individual', foreign, TODAY);
    expect(check.fields).toEqual(expect.arrayContaining(['citizenshipCountry', 'foreignDocumentNumber']));
    expect(check.fields).not.toContain('passportSeries');
    expect(check.issues['citizenshipCountry']?.[0]?.code).toBe('required');
    expect(
      parseQuestionnaire(
        'individual',
        { ...foreign, citizenshipCountry: 'Казахстан', foreignDocumentNumber: 'N1234567' },
        TODAY,
      ).ok,
    ).toBe(true);
  });

  it('the actual address is asked only when it differs from the registration', () => {
    const differs = checkQuestionnaire(
      'individual',
      { ...individual, actualSameAsRegistration: false },
      TODAY,
    );
    expect(differs.fields).toContain('actualAddress');
    expect(differs.issues['actualAddress']?.[0]?.code).toBe('required');
    expect(checkQuestionnaire('individual', individual, TODAY).fields).not.toContain('actualAddress');
  });

  it('consent must be given and at least one service chosen', () => {
    const result = parseQuestionnaire(
      'individual',
      { ...individual, consentPersonalData: false, serviceBrokerage: false, serviceDepositary: false },
      TODAY,
    );
    expect(codes(result, 'consentPersonalData')).toEqual(['consent_required']);
    const noService = parseQuestionnaire(
      'individual',
      { ...individual, serviceBrokerage: false, serviceDepositary: false },
      TODAY,
    );
    expect(codes(noService, 'serviceBrokerage')).toEqual(['choose_a_service']);
  });

  it('a sole proprietor needs the INN, the OGRNIP with its check digit and a past registration date', () => {
    const sole = SAMPLE_ANSWERS.sole_proprietor;
    const { inn: _inn, ...withoutInn } = sole;
    expect(codes(parseQuestionnaire('sole_proprietor', withoutInn, TODAY), 'inn')).toEqual(['required']);
    expect(
      codes(parseQuestionnaire('sole_proprietor', { ...sole, ogrnip: '304770000123454' }, TODAY), 'ogrnip'),
    ).toEqual(['ogrnip_checksum']);
    expect(
      codes(
        parseQuestionnaire('sole_proprietor', { ...sole, registrationDate: '2027-01-01' }, TODAY),
        'registrationDate',
      ),
    ).toEqual(['date_in_future']);
  });

  it('a legal entity: INN, OGRN and KPP checks, the power of attorney when a representative fills it in', () => {
    const company = SAMPLE_ANSWERS.legal_entity;
    const wrong = parseQuestionnaire(
      'legal_entity',
      { ...company, companyInn: '7707083890', companyOgrn: '1027700132190', companyKpp: '77360100' },
      TODAY,
    );
    expect(codes(wrong, 'companyInn')).toEqual(['inn_checksum']);
    expect(codes(wrong, 'companyOgrn')).toEqual(['ogrn_checksum']);
    expect(codes(wrong, 'companyKpp')).toEqual(['kpp_format']);
    const byAttorney = checkQuestionnaire(
      'legal_entity',
      { ...company, representativeAuthority: 'power_of_attorney' },
      TODAY,
    );
    for (const field of [
      'representativeName',
      'powerOfAttorneyNumber',
      'powerOfAttorneyDate',
      'powerOfAttorneyValidUntil',
    ])
      expect(byAttorney.issues[field]?.[0]?.code).toBe('required');
    const expired = parseQuestionnaire(
      'legal_entity',
      {
        ...company,
        representativeAuthority: 'power_of_attorney',
        representativeName: 'Иванов Пётр',
        powerOfAttorneyNumber: '77/12',
        powerOfAttorneyDate: '2025-01-10',
        powerOfAttorneyValidUntil: '2026-12-03',
      },
      TODAY,
    );
    expect(codes(expired, 'powerOfAttorneyValidUntil')).toEqual(['date_in_past']);
  });

  it('beneficial owners: as many as declared, shares as per cent, together at most 100', () => {
    const company = SAMPLE_ANSWERS.legal_entity;
    const two = checkQuestionnaire('legal_entity', { ...company, beneficialOwnerCount: '2' }, TODAY);
    expect(two.issues['owner2Name']?.[0]?.code).toBe('required');
    expect(two.fields).not.toContain('owner3Name');
    const over = parseQuestionnaire(
      'legal_entity',
      {
        ...company,
        beneficialOwnerCount: '2',
        owner1Share: '60',
        owner2Name: 'Орлова Мария',
        owner2Share: '50,5',
      },
      TODAY,
    );
    expect(codes(over, 'owner1Share')).toEqual(['shares_over_100']);
    expect(
      codes(parseQuestionnaire('legal_entity', { ...company, owner1Share: '120' }, TODAY), 'owner1Share'),
    ).toEqual(['percent_format']);
    const none = { ...company, beneficialOwnerCount: 'none' };
    expect(parseQuestionnaire('legal_entity', none, TODAY).ok).toBe(true);
  });

  it('each field is asked on its step', () => {
    expect(stepOf('legal_entity', 'owner2Share')).toBe('owners');
    expect(stepOf('sole_proprietor', 'ogrnip')).toBe('business');
    expect(stepOf('individual', 'phone')).toBe('contacts');
  });
});
