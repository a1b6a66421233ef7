import { DomainError } from '../../errors.js';
import { catalog, issueTexts } from '../../i18n/index.js';
import type { ApplicantView, ApplicationAccess } from '../../onboarding/applications.service.js';
import { APPLICANT_KINDS, QUESTIONNAIRES } from '../../onboarding/questionnaire/questionnaire.js';
import { defineRoute, type ApiRoute } from '../route.js';
import {
  applicationParams,
  applicationSchema,
  esiaStartBody,
  esiaStartSchema,
  confirmContactBody,
  contactParams,
  questionnairesSchema,
  saveApplicationBody,
  startApplicationBody,
  startedApplicationSchema,
} from '../schemas/onboarding.js';
import type { ApiServices } from '../services.js';
import type { ApiContext } from '../state.js';

const TAG = 'onboarding';
const TOKEN_HEADER = 'x-application-token';
const HOLDER =
  'Public: whoever holds the questionnaire (its id and the `X-Application-Token` header given when it was ' +
  'started) — a wrong or missing token is the same 404 as no such questionnaire. Rate-limited per address.';

function access(ctx: ApiContext, id: string): ApplicationAccess {
  return { id, token: ctx.get(TOKEN_HEADER) };
}

/** The applicant's view with the check's issues in the reader's words. */
function present(ctx: ApiContext, view: ApplicantView) {
  return {
    ...view,
    check: { ...view.check, errors: issueTexts(catalog(ctx.get('accept-language')), view.check.issues) },
  };
}

/** The public account-opening questionnaire (issue 12, docs/0030). */
export function onboardingRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/onboarding/questionnaires',
      operationId: 'getQuestionnaires',
      tag: TAG,
      summary: 'The account-opening questionnaire of each applicant kind: steps, fields, the consent',
      access: 'public',
      success: { status: 200, description: 'the three questionnaires', schema: questionnairesSchema },
      handler: async () => ({
        kinds: APPLICANT_KINDS.map((kind) => {
          const q = QUESTIONNAIRES[kind];
          return {
            kind,
            title: q.title,
            steps: q.steps.map((step) => ({ key: step.key, title: step.title, fields: [...step.fields] })),
            fields: q.fields.map((f) => ({
              name: f.name,
              kind: f.kind,
              label: f.label,
              prompt: f.prompt,
              optional: f.optional ?? false,
              conditional: f.when !== undefined,
              ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
            })),
          };
        }),
        consent: s.applications.consent(),
        esia: s.esia !== null,
        draftRetentionDays: s.applications.retentionDays,
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/esia',
      operationId: 'startEsiaSignIn',
      tag: TAG,
      summary: '«Войти через Госуслуги»: where to send the person',
      description:
        'Public, rate-limited per address; 404 when ESIA is not configured. The person comes back to ' +
        '`/api/v1/onboarding/esia/callback`, which opens a questionnaire filled from Gosuslugi (or the ' +
        'questionnaire page with `?esia=<reason>`: refused, state, secret, code, token, unavailable).',
      access: 'public',
      body: esiaStartBody,
      success: { status: 200, description: 'ESIA’s authorization address', schema: esiaStartSchema },
      problems: [404],
      async handler({ body, origin }) {
        if (!s.esia) throw new DomainError('not_found', 'the Gosuslugi sign-in is not configured');
        return s.esia.start(body.locale, origin.ip);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/applications',
      operationId: 'startApplication',
      tag: TAG,
      summary: 'Start a questionnaire',
      description:
        'Public, rate-limited per address. Answers with the draft and the secret of its resume link (shown once).',
      access: 'public',
      body: startApplicationBody,
      success: { status: 201, description: 'the new draft and its token', schema: startedApplicationSchema },
      async handler({ body, origin, ctx }) {
        const started = await s.applications.start(body, origin.ip);
        return { token: started.token, application: present(ctx, started.application) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/onboarding/applications/{id}',
      operationId: 'getApplication',
      tag: TAG,
      summary: 'A questionnaire as its applicant left it',
      description: HOLDER,
      access: 'public',
      params: applicationParams,
      success: { status: 200, description: 'the questionnaire', schema: applicationSchema },
      problems: [404],
      handler: async ({ params, ctx }) => present(ctx, await s.applications.read(access(ctx, params.id))),
    }),
    defineRoute({
      method: 'patch',
      path: '/onboarding/applications/{id}',
      operationId: 'saveApplication',
      tag: TAG,
      summary: 'Save the answers of a draft',
      description: `${HOLDER} Answers with the check of every answer; 409 when the version is stale.`,
      access: 'public',
      params: applicationParams,
      body: saveApplicationBody,
      success: { status: 200, description: 'the draft and its check', schema: applicationSchema },
      problems: [404, 409],
      handler: async ({ params, body, ctx, origin }) =>
        present(ctx, await s.applications.save(access(ctx, params.id), body, origin.ip)),
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/applications/{id}/contacts/{channel}/code',
      operationId: 'sendApplicationContactCode',
      tag: TAG,
      summary: 'Send a code to the phone or e-mail in the answers',
      description: `${HOLDER} One code a minute, five per address; limited per address and phone or e-mail too.`,
      access: 'public',
      params: contactParams,
      success: { status: 200, description: 'where the code went', schema: applicationSchema },
      problems: [404, 409, 503],
      handler: async ({ params, ctx, origin }) =>
        present(ctx, await s.applications.sendCode(access(ctx, params.id), params.channel, origin.ip)),
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/applications/{id}/contacts/{channel}/confirm',
      operationId: 'confirmApplicationContact',
      tag: TAG,
      summary: 'Confirm the phone or e-mail with its code',
      description: `${HOLDER} A refused code says why and how many attempts are left (\`refusal\`).`,
      access: 'public',
      params: contactParams,
      body: confirmContactBody,
      success: { status: 200, description: 'confirmed', schema: applicationSchema },
      problems: [404, 409, 422],
      handler: async ({ params, body, ctx, origin }) =>
        present(
          ctx,
          await s.applications.confirmCode(access(ctx, params.id), params.channel, body.code, origin.ip),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/onboarding/applications/{id}/submit',
      operationId: 'submitApplication',
      tag: TAG,
      summary: 'Send the questionnaire to the company',
      description:
        `${HOLDER} Every answer checked and both contacts confirmed; answers with the number. ` +
        'Sending a sent questionnaire again answers the same.',
      access: 'public',
      params: applicationParams,
      success: { status: 200, description: 'sent, with its number', schema: applicationSchema },
      problems: [404, 409],
      handler: async ({ params, ctx }) => present(ctx, await s.applications.submit(access(ctx, params.id))),
    }),
  ];
}
