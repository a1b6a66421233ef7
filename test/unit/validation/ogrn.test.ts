import { describe, expect, it } from '@jest/globals';
import { isOgrn, isOgrnip, ogrnipSchema, ogrnSchema } from '../../../src/workflow/domain/validation/ogrn.js';

describe('OGRN and OGRNIP', () => {
  it('accepts real OGRNs (Sberbank and others)', () => {
    for (const ogrn of ['1027700132195', '1027700067328', '1027739609391']) expect(isOgrn(ogrn)).toBe(true);
    expect(ogrnSchema.parse('1027700132195')).toBe('1027700132195');
  });

  it('accepts valid OGRNIPs', () => {
    expect(isOgrnip('304500116000157')).toBe(true);
    expect(isOgrnip('316861700133226')).toBe(true);
    expect(ogrnipSchema.parse('304500116000157')).toBe('304500116000157');
  });

  it('rejects a wrong check digit', () => {
    expect(isOgrn('1027700132196')).toBe(false);
    expect(isOgrnip('304500116000158')).toBe(false);
    expect(ogrnSchema.safeParse('1027700132196').error?.issues[0]?.message).toBe('ogrn_checksum');
    expect(ogrnipSchema.safeParse('304500116000158').error?.issues[0]?.message).toBe('ogrnip_checksum');
  });

  it('rejects wrong lengths, and does not confuse the two', () => {
    expect(isOgrn('304500116000157')).toBe(false);
    expect(isOgrnip('1027700132195')).toBe(false);
    expect(isOgrn('10277001321a5')).toBe(false);
    expect(ogrnSchema.safeParse('102770013219').error?.issues[0]?.message).toBe('ogrn_format');
    expect(ogrnipSchema.safeParse('30450011600015').error?.issues[0]?.message).toBe('ogrnip_format');
  });
});
