import { AppError, DomainError } from '../../errors.js';
import { explainRefusal } from '../refusal.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { presentChallenge } from '../presenters/challenge.js';
import { presentMe } from '../presenters/me.js';
import { requestWithSignature } from '../presenters/request.js';
import { challengeParams, challengeSchema } from '../schemas/common.js';
import { confirmBody, confirmationResultSchema } from '../schemas/confirmations.js';
import type { ApiServices } from '../services.js';

const TAG = 'confirmations';

export function confirmationRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/confirmations/{challengeId}',
      operationId: 'confirm',
      tag: TAG,
      summary: 'Confirm with the code(s): applies what the challenge holds',
      description:
        'Signing moves the request to submitted and stores the signature record; a profile change is applied. ' +
        'A wrong, expired, used or voided code is 422 `code_invalid`; five wrong codes kill the challenge.',
      access: 'user',
      beforePasswordChange: true,
      params: challengeParams,
      body: confirmBody,
      success: { status: 200, description: 'applied', schema: confirmationResultSchema },
      problems: [404, 409, 422],
      async handler({ params, body, origin, me }) {
        const caller = me();
        const challenge = await s.confirmations.find(params.challengeId);
        if (!challenge || challenge.userId !== caller.user.id || challenge.purpose === 'login') {
          throw new DomainError('not_found', 'challenge not found');
        }
        if (caller.user.passwordChangeRequired && challenge.purpose !== 'change_password') {
          throw new AppError('password_change_required', 'set a new password first');
        }
        if (
          caller.user.authenticatorRequired &&
          challenge.purpose !== 'enrol_totp' &&
          challenge.purpose !== 'change_password'
        ) {
          throw new AppError('authenticator_required', 'set up the authenticator app first');
        }
        const codes = body.codes ?? body.code ?? '';
        const context = { owner: { kind: 'user' as const, userId: caller.user.id }, ip: origin.ip };
        if (challenge.purpose === 'sign_request') {
          const signingOrigin = { channel: origin.channel, ip: origin.ip, userAgent: origin.userAgent };
          const requestId = await explainRefusal(s, challenge.id, () =>
            s.confirmations.confirm(
              challenge.id,
              codes,
              context,
              s.signing.applier(caller.actor, signingOrigin),
            ),
          );
          return {
            purpose: challenge.purpose,
            request: await requestWithSignature(s, caller.actor, requestId),
          };
        }
        if (s.profile.handles(challenge.purpose)) {
          const profileCaller = { userId: caller.user.id, sessionId: caller.sessionId, ip: origin.ip };
          await explainRefusal(s, challenge.id, () =>
            s.confirmations.confirm(challenge.id, codes, context, s.profile.applier(profileCaller)),
          );
          return { purpose: challenge.purpose, user: await presentMe(s, caller.user.id) };
        }
        // Telegram linking is confirmed in the bots.
        throw new DomainError('not_found', 'challenge not found');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/confirmations/{challengeId}/resend',
      operationId: 'resendCode',
      tag: TAG,
      summary: 'A new code for the same challenge (throttled; attempts are not reset)',
      access: 'user',
      beforePasswordChange: true,
      params: challengeParams,
      success: { status: 200, description: 'the challenge with its new expiry', schema: challengeSchema },
      problems: [404, 422],
      handler: async ({ params, me }) =>
        presentChallenge(
          await s.confirmations.resend(params.challengeId, { kind: 'user', userId: me().user.id }),
        ),
    }),
  ];
}
