import { z } from 'zod';
import { CLIENT_KINDS } from '../clients/client.entity.js';
import { isIndividualInn, isLegalEntityInn } from '../workflow/domain/validation/inn.js';
import { isKpp } from '../workflow/domain/validation/kpp.js';
import { isOgrn, isOgrnip } from '../workflow/domain/validation/ogrn.js';
import { STAFF_ROLES } from '../workflow/domain/roles.js';
import { isEmail, normalizePhone } from './phone.js';

/*
 * Inputs of account administration, shared by the admin API (validation and OpenAPI) and the CLI.
 */

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .toLowerCase()
  .refine(isEmail, 'not a valid email address');

export const phoneSchema = z
  .string()
  .max(30)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'not a phone number; write it as +79991234567' });
      return z.NEVER;
    }
    return phone;
  });

export const fullNameSchema = z.string().trim().min(2, 'at least 2 characters').max(300);

export const staffRolesSchema = z
  .array(z.enum(STAFF_ROLES))
  .min(1, 'give at least one role')
  .max(STAFF_ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, 'a role is listed twice');

export const staffCreateSchema = z.object({
  email: emailSchema,
  phone: phoneSchema,
  fullName: fullNameSchema,
  roles: staffRolesSchema,
});
export type StaffCreateInput = z.output<typeof staffCreateSchema>;

export const staffUpdateSchema = z
  .object({
    fullName: fullNameSchema.optional(),
    phone: phoneSchema.optional(),
    roles: staffRolesSchema.optional(),
    active: z.boolean().optional(),
    /** Require an authenticator app: until it is enrolled, the person's sessions open only the enrolment. */
    totpRequired: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change');
export type StaffUpdateInput = z.output<typeof staffUpdateSchema>;

const clientUserSchema = z.object({ email: emailSchema, phone: phoneSchema, fullName: fullNameSchema });

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const clientCreateSchema = z
  .object({
    kind: z.enum(CLIENT_KINDS),
    name: z.string().trim().min(2).max(500),
    inn: z.string().trim().max(12),
    ogrn: z.string().trim().max(15).nullable().optional(),
    kpp: z.string().trim().max(9).nullable().optional(),
    contractNumber: z.string().trim().min(1).max(50),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    address: optionalText(1000),
    managerId: z.uuid().nullable().optional(),
    /** The client's first user, who logs in. */
    user: clientUserSchema,
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const ogrn = c.ogrn ?? null;
    const kpp = c.kpp ?? null;
    if (c.kind === 'legal_entity') {
      if (!isLegalEntityInn(c.inn))
        issue('inn', 'INN of a legal entity must be 10 digits with a valid check digit');
      if (ogrn === null || !isOgrn(ogrn)) issue('ogrn', 'OGRN must be 13 digits with a valid check digit');
      if (kpp === null || !isKpp(kpp))
        issue('kpp', 'KPP must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits');
    } else {
      if (!isIndividualInn(c.inn))
        issue('inn', 'INN of an individual must be 12 digits with valid check digits');
      if (kpp !== null) issue('kpp', 'only a legal entity has a KPP');
      if (c.kind === 'sole_proprietor' && (ogrn === null || !isOgrnip(ogrn)))
        issue('ogrn', 'OGRNIP must be 15 digits with a valid check digit');
      if (c.kind === 'individual' && ogrn !== null) issue('ogrn', 'an individual has no OGRN');
    }
  });
export type ClientCreateInput = z.output<typeof clientCreateSchema>;

export const clientUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(500).optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    address: optionalText(1000),
    managerId: z.uuid().nullable().optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change');
export type ClientUpdateInput = z.output<typeof clientUpdateSchema>;
