import { describe, expect, it } from '@jest/globals';
import { isKpp, kppSchema } from '../../../src/workflow/domain/validation/kpp.js';

describe('KPP', () => {
  it('accepts 4 digits, 2 digits or capital letters, 3 digits', () => {
    expect(isKpp('773601001')).toBe(true);
    expect(isKpp('7736AB001')).toBe(true);
    expect(kppSchema.parse(' 773601001 ')).toBe('773601001');
  });

  it('rejects other shapes', () => {
    for (const bad of ['77360100', '7736010011', '7736ab001', 'A73601001', '773601A01'])
      expect(isKpp(bad)).toBe(false);
    expect(kppSchema.safeParse('77360100').success).toBe(false);
  });
});
