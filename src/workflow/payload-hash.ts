import { createHash } from 'node:crypto';
import { canonicalJson } from './domain/canonical-json.js';
import type { Payload } from './domain/definition.js';

/** SHA-256 (hex) of the canonical payload bound to the request: what a signature code is tied to. */
export function payloadHash(
  requestId: string,
  typeCode: string,
  typeVersion: number,
  payload: Payload,
): string {
  return createHash('sha256')
    .update(canonicalJson({ requestId, typeCode, typeVersion, payload }))
    .digest('hex');
}
