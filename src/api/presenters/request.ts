import {
  LATEST_SIGNATURE_SQL,
  signatureView,
  type SignatureRow,
  type SignatureView,
  type SigningService,
} from '../../identity/signing.service.js';
import type { Actor } from '../../workflow/domain/roles.js';
import type { RequestView } from '../../workflow/presenters.js';
import { alongsideOf, type WorkflowService } from '../../workflow/workflow.service.js';

/** A request as the API answers with it: the caller's view and the request's latest signature. */
export type RequestAnswer = RequestView & { signature: SignatureView | null };

/**
 * Adds the latest signature to a view the caller has already read (a command's answer, or a read): the one the
 * command read with the request when it did (the container's `answerAlongside`), else one query — never a second
 * read of the request. The view proves the caller may see the request.
 */
export async function withSignature(
  signing: Pick<SigningService, 'latestSignature'>,
  view: RequestView,
): Promise<RequestAnswer> {
  const read = alongsideOf(view);
  if (read && 'signature' in read) {
    return { ...view, signature: signatureView((read['signature'] as SignatureRow | string | null) ?? null) };
  }
  return { ...view, signature: await signing.latestSignature(view.id) };
}

/**
 * Reads the request as the caller may see it, with its latest signature, in one statement (for answers no command
 * produced); the signature comes only with a view the caller was allowed.
 */
export async function requestWithSignature(
  s: { workflow: Pick<WorkflowService, 'getRequestWith'> },
  actor: Actor,
  requestId: string,
): Promise<RequestAnswer> {
  const { view, alongside } = await s.workflow.getRequestWith(actor, requestId, {
    signature: LATEST_SIGNATURE_SQL,
  });
  return {
    ...view,
    signature: signatureView((alongside['signature'] as SignatureRow | string | null) ?? null),
  };
}
