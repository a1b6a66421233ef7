import { describe, expect, it } from '@jest/globals';
import {
  individualInnSchema,
  innSchema,
  isIndividualInn,
  isInn,
  isLegalEntityInn,
  legalEntityInnSchema,
} from '../../../src/workflow/domain/validation/inn.js';

describe('INN', () => {
  it('accepts real legal-entity INNs (Sberbank, a Moscow company)', () => {
    expect(isLegalEntityInn('7707083893')).toBe(true);
    expect(isLegalEntityInn('7736050003')).toBe(true);
    expect(legalEntityInnSchema.parse(' 7707083893 ')).toBe('7707083893');
  });

  it('accepts 12-digit INNs with both check digits right', () => {
    expect(isIndividualInn('500100732259')).toBe(true);
    expect(isIndividualInn('773173084809')).toBe(true);
    expect(individualInnSchema.parse('500100732259')).toBe('500100732259');
  });

  it('rejects a wrong check digit', () => {
    expect(isLegalEntityInn('7707083894')).toBe(false);
    expect(isIndividualInn('500100732258')).toBe(false);
    expect(isIndividualInn('500100732269')).toBe(false);
    expect(innSchema.safeParse('7707083894').error?.issues[0]?.message).toBe('inn_checksum');
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isInn('770708389')).toBe(false);
    expect(isInn('77070838931')).toBe(false);
    expect(isInn('77070838a3')).toBe(false);
    expect(innSchema.safeParse('770708389').error?.issues[0]?.message).toBe('inn_format');
    expect(legalEntityInnSchema.safeParse('500100732259').error?.issues[0]?.message).toBe(
      'inn_legal_entity_format',
    );
    expect(individualInnSchema.safeParse('7707083893').error?.issues[0]?.message).toBe(
      'inn_individual_format',
    );
  });
});
