import { z } from 'zod';
import { individualInnSchema, legalEntityInnSchema } from '../workflow/domain/validation/inn.js';
import { kppSchema } from '../workflow/domain/validation/kpp.js';
import { ogrnipSchema, ogrnSchema } from '../workflow/domain/validation/ogrn.js';

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{9,14}$/, 'phone must be in international format, e.g. +79991234567');
const common = {
  name: z.string().trim().min(2, 'name is required').max(500),
  contractNumber: z.string().trim().min(1, 'contract number is required').max(50),
  email: z.email('email is not valid').max(320).optional(),
  phone: phoneSchema.optional(),
  address: z.string().trim().max(1000).optional(),
  managerId: z.uuid().optional(),
};

/**
 * A client's registration data by kind: an individual has a 12-digit INN and no OGRN/KPP; a sole proprietor a
 * 12-digit INN and a 15-digit OGRNIP; a legal entity a 10-digit INN, a 13-digit OGRN and a KPP.
 */
export const clientFormSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('individual'), inn: individualInnSchema, ...common }),
  z.strictObject({
    kind: z.literal('sole_proprietor'),
    inn: individualInnSchema,
    ogrn: ogrnipSchema,
    ...common,
  }),
  z.strictObject({
    kind: z.literal('legal_entity'),
    inn: legalEntityInnSchema,
    ogrn: ogrnSchema,
    kpp: kppSchema,
    ...common,
  }),
]);

export type ClientForm = z.infer<typeof clientFormSchema>;
export { phoneSchema };
