import { z } from 'zod';
import { normaliseVerificationCode } from '../../documents/verification.js';

/** Malformed is not found, like every other path parameter of the API. */
export const verificationHashParams = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .describe('the SHA-256 of the PDF, 64 hex digits (computed in the browser: the file stays there)'),
});

export const verificationCodeParams = z.object({
  code: z
    .string()
    .max(32)
    .refine((typed) => normaliseVerificationCode(typed) !== null)
    .describe('the short code printed under the QR code, `XXXXX-XXXXX` (any case, spaces or no dash)'),
});

export const verificationSchema = z
  .object({
    result: z.enum(['match', 'no_match']),
    requestNumber: z.string().optional(),
    signedOn: z.string().optional().describe('the signing date (Moscow), YYYY-MM-DD'),
    signature: z.literal('simple_electronic').optional(),
    document: z.enum(['signed', 'signed_copy']).nullable().optional(),
  })
  .meta({ id: 'Verification' });
