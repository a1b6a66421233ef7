import { describe, expect, it } from '@jest/globals';
import { esiaTimestamp } from '../../../src/onboarding/esia/esia-client.js';
import { mapEsiaPerson } from '../../../src/onboarding/esia/person-mapping.js';

describe('ESIA’s person in the questionnaire', () => {
  it('a different actual address is kept; unverified contacts are filled but not confirmed; bad dates are left out', () => {
    const mapped = mapEsiaPerson({
      person: { lastName: 'Орлов', firstName: 'Пётр', birthDate: '31.02.1990', citizenship: 'KAZ' },
      contacts: [
        { type: 'MBT', vrfStu: 'NOT_VERIFIED', value: '8 (999) 111-22-33' },
        { type: 'EML', vrfStu: 'VERIFIED', value: 'Orlov@Example.RU' },
      ],
      documents: [],
      addresses: [
        { type: 'PRG', zipCode: '101000', region: 'г. Москва', street: 'ул. Мясницкая', house: '1' },
        { type: 'PLV', addressStr: 'г. Тверь, ул. Советская, д. 2' },
      ],
    });
    expect(mapped.answers).toEqual({
      lastName: 'Орлов',
      firstName: 'Пётр',
      citizenship: 'other',
      registrationAddress: '101000, г. Москва, ул. Мясницкая, 1',
      actualSameAsRegistration: false,
      actualAddress: 'г. Тверь, ул. Советская, д. 2',
      phone: '+79991112233',
      email: 'orlov@example.ru',
    });
    expect(mapped.verified).toEqual({ email: 'orlov@example.ru' });
    expect(mapped.prefilled).not.toContain('birthDate');
  });

  it('writes ESIA’s timestamp as yyyy.MM.dd HH:mm:ss +0000', () => {
    expect(esiaTimestamp(new Date('2026-12-04T07:05:09Z'))).toBe('2026.12.04 07:05:09 +0000');
  });
});
