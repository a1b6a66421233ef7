import type { Actor } from '../../workflow/domain/roles.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { presentChallenge } from '../presenters/challenge.js';
import { idParams } from '../schemas/common.js';
import {
  acceptBody,
  cancelBody,
  createRequestBody,
  journalSchema,
  listRequestsQuery,
  reasonBody,
  requestPageSchema,
  requestSchema,
  submitResultSchema,
  updateRequestBody,
} from '../schemas/requests.js';
import type { ApiServices } from '../services.js';

const TAG = 'requests';

/** The request as the caller may see it, with its latest signature. */
export async function requestWithSignature(
  s: Pick<ApiServices, 'workflow' | 'signing'>,
  actor: Actor,
  requestId: string,
) {
  const view = await s.workflow.getRequest(actor, requestId);
  return { ...view, signature: await s.signing.latestSignature(view.id) };
}

export function requestRoutes(s: ApiServices): ApiRoute[] {
  const reviewStep = (
    path: string,
    operationId: string,
    summary: string,
    run: (actor: Actor, id: string, reason: string) => Promise<unknown>,
  ): ApiRoute =>
    defineRoute({
      method: 'post',
      path,
      operationId,
      tag: TAG,
      summary,
      access: 'client_manager',
      params: idParams,
      body: reasonBody,
      success: { status: 200, description: 'the request after the step', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, body, me }) {
        await run(me().actor, params.id, body.reason);
        return requestWithSignature(s, me().actor, params.id);
      },
    });

  return [
    defineRoute({
      method: 'post',
      path: '/requests',
      operationId: 'createRequest',
      tag: TAG,
      summary: 'File a draft request',
      access: 'client',
      body: createRequestBody,
      success: { status: 201, description: 'the draft', schema: requestSchema },
      async handler({ body, me }) {
        const view = await s.workflow.createDraft(me().actor, body);
        return { ...view, signature: null };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/requests',
      operationId: 'listRequests',
      tag: TAG,
      summary: 'A page of the requests the caller may see',
      access: 'user',
      query: listRequestsQuery,
      success: { status: 200, description: 'newest first', schema: requestPageSchema },
      handler: async ({ query, me }) => s.workflow.listRequests(me().actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/requests/{id}',
      operationId: 'getRequest',
      tag: TAG,
      summary: 'A request with its tasks, signature and what the caller may do',
      access: 'user',
      params: idParams,
      success: { status: 200, description: 'the request', schema: requestSchema },
      problems: [404],
      handler: async ({ params, me }) => requestWithSignature(s, me().actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/requests/{id}',
      operationId: 'updateRequest',
      tag: TAG,
      summary: 'Edit a draft, a returned request, or one awaiting its signature (its code is void)',
      access: 'client',
      params: idParams,
      body: updateRequestBody,
      success: { status: 200, description: 'the request, back in draft', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, body, me }) {
        await s.workflow.updateDraft(me().actor, params.id, body.payload);
        return requestWithSignature(s, me().actor, params.id);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/requests/{id}',
      operationId: 'deleteRequest',
      tag: TAG,
      summary: 'Delete a draft or a returned request',
      access: 'client',
      params: idParams,
      success: { status: 204, description: 'deleted' },
      problems: [404, 409],
      async handler({ params, me }) {
        await s.workflow.deleteDraft(me().actor, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/requests/{id}/submit',
      operationId: 'submitRequest',
      tag: TAG,
      summary: 'Submit for signature: an SMS with the request number, summary and code',
      description:
        'The code is bound to the current payload hash: an edit before confirming voids it. Called again while ' +
        'the request awaits its signature, sends a new code (throttled; failed attempts carry over).',
      access: 'client',
      params: idParams,
      success: {
        status: 202,
        description: 'confirm at POST /confirmations/{challengeId}',
        schema: submitResultSchema,
      },
      problems: [404, 409],
      async handler({ params, origin, me }) {
        const { ticket, request } = await s.signing.requestSignature(me().actor, params.id, {
          channel: origin.channel,
          ip: origin.ip,
          userAgent: origin.userAgent,
        });
        return {
          ...presentChallenge(ticket),
          request: { ...request, signature: await s.signing.latestSignature(request.id) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/requests/{id}/cancel',
      operationId: 'cancelRequest',
      tag: TAG,
      summary: 'Cancel (a draft, or before work starts)',
      access: 'client',
      params: idParams,
      body: cancelBody,
      success: { status: 200, description: 'cancelled', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, body, me }) {
        await s.workflow.cancel(me().actor, params.id, body.reason);
        return requestWithSignature(s, me().actor, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/requests/{id}/take',
      operationId: 'takeRequest',
      tag: TAG,
      summary: 'Client manager: take a signed request for review',
      access: 'client_manager',
      params: idParams,
      success: { status: 200, description: 'in review', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, me }) {
        await s.workflow.take(me().actor, params.id);
        return requestWithSignature(s, me().actor, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/requests/{id}/accept',
      operationId: 'acceptRequest',
      tag: TAG,
      summary: 'Client manager: accept into work (the review checklist)',
      access: 'client_manager',
      params: idParams,
      body: acceptBody,
      success: {
        status: 200,
        description: 'in progress; the first stage’s tasks exist',
        schema: requestSchema,
      },
      problems: [404, 409],
      async handler({ params, body, me }) {
        await s.workflow.accept(me().actor, params.id, body.checklist);
        return requestWithSignature(s, me().actor, params.id);
      },
    }),
    reviewStep(
      '/requests/{id}/return',
      'returnRequest',
      'Client manager: return to the client for rework',
      (a, id, r) => s.workflow.returnForRework(a, id, r),
    ),
    reviewStep('/requests/{id}/reject', 'rejectRequest', 'Client manager: reject with grounds', (a, id, r) =>
      s.workflow.reject(a, id, r),
    ),
    defineRoute({
      method: 'get',
      path: '/requests/{id}/journal',
      operationId: 'getRequestJournal',
      tag: TAG,
      summary: 'The request’s journal, oldest first',
      access: 'user',
      params: idParams,
      success: { status: 200, description: 'the entries', schema: journalSchema },
      problems: [404],
      handler: async ({ params, me }) => s.workflow.requestJournal(me().actor, params.id),
    }),
  ];
}
