import { defineRoute, type ApiRoute } from '../route.js';
import { idParams } from '../schemas/common.js';
import {
  activateBody,
  activationSentSchema,
  deskListQuery,
  deskListSchema,
  deskViewSchema,
  importBody,
} from '../schemas/onboarding.js';
import type { ApiServices } from '../services.js';

const TAG = 'onboarding';

/** The client managers' side of account opening, and the new client's activation (issue 12 item 5). */
export function onboardingDeskRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/onboarding/desk',
      operationId: 'listDeskApplications',
      tag: TAG,
      summary: 'Sent questionnaires, newest first, with likely duplicates',
      description:
        'Client managers: every questionnaire awaiting import, and the imported ones of their own clients. Search by ' +
        'number, name, INN or phone; filter by kind, status and date.',
      access: 'client_manager',
      query: deskListQuery,
      success: { status: 200, description: 'a page of questionnaires', schema: deskListSchema },
      handler: async ({ query, me }) =>
        s.applicationDesk.list(
          { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 25 },
          me().actor.userId,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/onboarding/desk/{id}',
      operationId: 'getDeskApplication',
      tag: TAG,
      summary: 'One sent questionnaire with every answer',
      access: 'client_manager',
      params: idParams,
      success: { status: 200, description: 'the questionnaire', schema: deskViewSchema },
      problems: [404],
      handler: async ({ params, me }) => s.applicationDesk.get(params.id, me().actor.userId),
    }),
    defineRoute({
      method: 'get',
      path: '/onboarding/desk/{id}/pdf',
      operationId: 'getDeskApplicationPdf',
      tag: TAG,
      summary: 'The questionnaire as a PDF (as e-mailed and filed)',
      access: 'client_manager',
      params: idParams,
      success: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
      problems: [404],
      async handler({ params, ctx, me }) {
        const { number, pdf } = await s.applicationDesk.pdf(params.id, me().actor.userId);
        ctx.set('Content-Disposition', `inline; filename="${number}.pdf"`);
        ctx.set('Cache-Control', 'private, no-store');
        return pdf;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/desk/{id}/import',
      operationId: 'importDeskApplication',
      tag: TAG,
      summary: 'Import: make the client and its user, record the contracts’ numbers',
      description:
        'Once only (409 after). The client is the importing manager’s; its user has no password until the ' +
        'contracts are recorded as signed and the activation link is used.',
      access: 'client_manager',
      params: idParams,
      body: importBody,
      success: { status: 200, description: 'imported', schema: deskViewSchema },
      problems: [404, 409],
      handler: async ({ params, body, me }) => s.applicationDesk.import(params.id, body, me().actor.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/desk/{id}/activation',
      operationId: 'sendDeskActivation',
      tag: TAG,
      summary: 'The contracts are signed: send the activation link (again)',
      description:
        'Records the contracts as signed (once, journaled) and sends the new user a one-time link by e-mail and ' +
        'SMS; again while the user has set no password, a fresh link (the old one stops working).',
      access: 'client_manager',
      params: idParams,
      success: { status: 200, description: 'sent', schema: activationSentSchema },
      problems: [404, 409],
      handler: async ({ params, me }) => s.applicationDesk.sendActivation(params.id, me().actor.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/activate',
      operationId: 'activateAccount',
      tag: 'auth',
      summary: 'Set the first password by the activation link',
      description:
        'Public. The link works once, for 72 hours, while the user has no password; then sign in as usual ' +
        '(password and SMS code). A used, expired or unknown link is the same 404.',
      access: 'public',
      body: activateBody,
      success: { status: 204, description: 'the password is set' },
      problems: [404],
      async handler({ body }) {
        await s.activation.activate(body.token, body.password);
        return undefined;
      },
    }),
  ];
}
