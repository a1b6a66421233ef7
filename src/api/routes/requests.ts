import { defineRoute, type ApiRoute } from '../route.js';
import { presentChallenge } from '../presenters/challenge.js';
import { requestWithSignature, withSignature } from '../presenters/request.js';
import { idParams } from '../schemas/common.js';
import {
  acceptBody,
  cancelBody,
  createRequestBody,
  journalSchema,
  printFormQuery,
  listRequestsQuery,
  reasonBody,
  requestPageSchema,
  requestSchema,
  submitResultSchema,
  updateRequestBody,
} from '../schemas/requests.js';
import type { ApiServices } from '../services.js';
import { commandRoutes } from './command-route.js';

const TAG = 'requests';

export function requestRoutes(s: ApiServices): ApiRoute[] {
  const command = commandRoutes(s, TAG);
  return [
    defineRoute({
      method: 'post',
      path: '/requests',
      accountUnchanged: true,
      operationId: 'createRequest',
      tag: TAG,
      summary: 'File a draft request',
      access: 'client',
      body: createRequestBody,
      success: { status: 201, description: 'the draft', schema: requestSchema },
      async handler({ body, me }) {
        // A draft has never been signed: no signature to look up.
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
    command({
      method: 'patch',
      path: '/requests/{id}',
      operationId: 'updateRequest',
      summary: 'Edit a draft, a returned request, or one awaiting its signature (its code is void)',
      access: 'client',
      body: updateRequestBody,
      answer: 'the request, back in draft',
      run: (actor, id, { payload }) => s.workflow.updateDraft(actor, id, payload),
    }),
    defineRoute({
      method: 'delete',
      path: '/requests/{id}',
      accountUnchanged: true,
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
      accountUnchanged: true,
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
        return { ...presentChallenge(ticket), request: await withSignature(s.signing, request) };
      },
    }),
    command({
      path: '/requests/{id}/cancel',
      operationId: 'cancelRequest',
      summary: 'Cancel (a draft, or before work starts)',
      access: 'client',
      body: cancelBody,
      answer: 'cancelled',
      run: (actor, id, { reason }) => s.workflow.cancel(actor, id, reason),
    }),
    command({
      path: '/requests/{id}/take',
      operationId: 'takeRequest',
      summary: 'Client manager: take a signed request for review',
      access: 'client_manager',
      answer: 'in review',
      run: (actor, id) => s.workflow.take(actor, id),
    }),
    command({
      path: '/requests/{id}/accept',
      operationId: 'acceptRequest',
      summary: 'Client manager: accept into work (the review checklist)',
      access: 'client_manager',
      body: acceptBody,
      answer: 'in progress; the first stage’s tasks exist',
      run: (actor, id, { checklist }) => s.workflow.accept(actor, id, checklist),
    }),
    command({
      path: '/requests/{id}/return',
      operationId: 'returnRequest',
      summary: 'Client manager: return to the client for rework',
      access: 'client_manager',
      body: reasonBody,
      answer: 'the request after the step',
      run: (actor, id, { reason }) => s.workflow.returnForRework(actor, id, reason),
    }),
    command({
      path: '/requests/{id}/reject',
      operationId: 'rejectRequest',
      summary: 'Client manager: reject with grounds',
      access: 'client_manager',
      body: reasonBody,
      answer: 'the request after the step',
      run: (actor, id, { reason }) => s.workflow.reject(actor, id, reason),
    }),
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
    defineRoute({
      method: 'get',
      path: '/requests/{id}/print.pdf',
      operationId: 'getRequestPrintForm',
      tag: TAG,
      summary: 'The request’s print form (PDF); a draft’s is a preview marked as such',
      description:
        'The same access as the request. A client’s copy shows the statuses it went through, never internal ' +
        'checks; staff copies list the process’s tasks. While the signing code is out it is exactly the document ' +
        'the code is bound to; `version=signed` returns the signed document byte for byte (its SHA-256 is the ' +
        'signature’s `printFormHash`). `lang` picks ru or en (default: the reader’s language).',
      access: 'user',
      params: idParams,
      query: printFormQuery,
      success: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
      problems: [404],
      async handler({ params, query, me, ctx }) {
        const form = await s.printForms.render(me().actor, params.id, {
          locale: query.lang,
          variant: query.version,
        });
        ctx.set('Content-Disposition', `inline; filename="${form.number}.pdf"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.set('X-Content-SHA256', form.sha256);
        return form.pdf;
      },
    }),
  ];
}
