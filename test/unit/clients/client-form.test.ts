import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { clientFormSchema } from '../../../src/clients/client-form.js';

const individual = {
  kind: 'individual',
  name: 'Иванов Иван Иванович',
  inn: '771234567859',
  contractNumber: 'БО-1',
};
const soleProprietor = {
  ...individual,
  kind: 'sole_proprietor',
  name: 'ИП Петров',
  inn: '500123456750',
  ogrn: '304770000123453',
};
const legalEntity = {
  kind: 'legal_entity',
  name: 'ООО «Ромашка»',
  inn: '7712345671',
  ogrn: '1177700123457',
  kpp: '771201001',
  contractNumber: 'БО-3',
};

function fieldErrors(input: unknown): Record<string, string[] | undefined> {
  const result = clientFormSchema.safeParse(input);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

describe('client registration form', () => {
  it.each([
    ['an individual', individual],
    ['a sole proprietor', soleProprietor],
    ['a legal entity', legalEntity],
  ])('accepts %s with valid identifiers', (_name, input) => {
    expect(clientFormSchema.safeParse(input).success).toBe(true);
  });

  it('refuses an individual INN with a wrong check digit', () => {
    expect(fieldErrors({ ...individual, inn: '771234567850' }).inn).toBeDefined();
  });

  it('refuses a 10-digit INN for an individual and a 12-digit one for a legal entity', () => {
    expect(fieldErrors({ ...individual, inn: '7712345671' }).inn).toBeDefined();
    expect(fieldErrors({ ...legalEntity, inn: '771234567859' }).inn).toBeDefined();
  });

  it('wants an OGRNIP from a sole proprietor and an OGRN plus KPP from a legal entity', () => {
    expect(fieldErrors({ ...soleProprietor, ogrn: undefined }).ogrn).toBeDefined();
    expect(fieldErrors({ ...soleProprietor, ogrn: '304770000123450' }).ogrn).toBeDefined();
    expect(fieldErrors({ ...legalEntity, ogrn: '1177700123450' }).ogrn).toBeDefined();
    expect(fieldErrors({ ...legalEntity, kpp: '77AB' }).kpp).toBeDefined();
  });

  it('refuses a KPP or OGRN on an individual', () => {
    expect(clientFormSchema.safeParse({ ...individual, kpp: '771201001' }).success).toBe(false);
  });

  it('checks contacts', () => {
    expect(fieldErrors({ ...individual, phone: '89991234567' }).phone).toBeDefined();
    expect(fieldErrors({ ...individual, email: 'not-an-email' }).email).toBeDefined();
  });
});

describe('demo clients', () => {
  it('carry valid identifiers for their kinds', async () => {
    const { DEMO_CLIENTS } = await import('../../../src/demo/seed.js');
    for (const c of DEMO_CLIENTS) {
      const input = {
        kind: c.kind,
        name: c.name,
        inn: c.inn,
        contractNumber: c.contractNumber,
        phone: c.phone,
        email: c.email,
        ...(c.ogrn ? { ogrn: c.ogrn } : {}),
        ...(c.kpp ? { kpp: c.kpp } : {}),
      };
      expect(clientFormSchema.safeParse(input).error).toBeUndefined();
    }
  });
});
