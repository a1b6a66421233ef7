import type { Actor } from '../../workflow/domain/roles.js';

/** The request's print form for a chat (src/documents): the same access rules as the request. */
export interface PrintFormPort {
  render(actor: Actor, requestId: string): Promise<{ pdf: Buffer; number: string }>;
}
