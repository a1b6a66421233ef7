import { defineRoute, type ApiRoute } from '../route.js';
import {
  verificationCodeParams,
  verificationHashParams,
  verificationSchema,
} from '../schemas/verifications.js';
import type { ApiServices } from '../services.js';

const TAG = 'verifications';
const DESCRIPTION =
  'Public, rate-limited per address. Says whether a printed form is exactly one the company issued for a request ' +
  'signed with a simple electronic signature, with the request number and the signing date — nothing else.';

/** The public check of printed forms (issue 11 item 8, docs/0022). */
export function verificationRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/verifications/documents/{sha256}',
      operationId: 'verifyDocument',
      tag: TAG,
      summary: 'Check a PDF by its SHA-256',
      description: DESCRIPTION,
      access: 'public',
      params: verificationHashParams,
      success: { status: 200, description: 'match or no_match', schema: verificationSchema },
      async handler({ params, origin }) {
        await s.verification.throttle(origin.ip);
        return s.verification.byHash(params.sha256.toLowerCase());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/verifications/codes/{code}',
      operationId: 'verifyCode',
      tag: TAG,
      summary: 'Check a printed form by its short code',
      description: DESCRIPTION,
      access: 'public',
      params: verificationCodeParams,
      success: { status: 200, description: 'match or no_match', schema: verificationSchema },
      async handler({ params, origin }) {
        await s.verification.throttle(origin.ip);
        return s.verification.byCode(params.code);
      },
    }),
  ];
}
