import type { SignatureView, SigningService } from '../../identity/signing.service.js';
import type { Actor } from '../../workflow/domain/roles.js';
import type { RequestView } from '../../workflow/presenters.js';
import { isUuid, type WorkflowService } from '../../workflow/workflow.service.js';

/** A request as the API answers with it: the caller's view and the request's latest signature. */
export type RequestAnswer = RequestView & { signature: SignatureView | null };

/**
 * Adds the latest signature to a view the caller has already read (a command's answer, or a read): one query,
 * never a second read of the request. The view proves the caller may see the request.
 */
export async function withSignature(
  signing: Pick<SigningService, 'latestSignature'>,
  view: RequestView,
): Promise<RequestAnswer> {
  return { ...view, signature: await signing.latestSignature(view.id) };
}

/**
 * Reads the request as the caller may see it, with its latest signature (for answers no command produced). The two
 * reads run side by side; the signature is only ever returned with a view the caller was allowed, and a refusal
 * of the view is the answer whatever the other read did.
 */
export async function requestWithSignature(
  s: { workflow: Pick<WorkflowService, 'getRequest'>; signing: Pick<SigningService, 'latestSignature'> },
  actor: Actor,
  requestId: string,
): Promise<RequestAnswer> {
  if (!isUuid(requestId)) return withSignature(s.signing, await s.workflow.getRequest(actor, requestId));
  const [view, signature] = await Promise.allSettled([
    s.workflow.getRequest(actor, requestId),
    s.signing.latestSignature(requestId),
  ]);
  if (view.status === 'rejected') throw view.reason;
  if (signature.status === 'rejected') throw signature.reason;
  return { ...view.value, signature: signature.value };
}
