import type Router from '@koa/router';
import type { EsiaOnboarding } from '../../onboarding/esia/esia-onboarding.js';
import type { ApiState } from '../state.js';

/** Where ESIA sends the person back (registered with ESIA as ESIA_REDIRECT_URI). */
export const ESIA_CALLBACK_PATH = '/api/v1/onboarding/esia/callback';

const param = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 2000 ? value : undefined;

/**
 * ESIA's redirect back (a browser navigation, so it answers with a redirect, never JSON): to the questionnaire filled
 * from Gosuslugi — its resume secret in the fragment — or to the questionnaire's page with the reason. The code and
 * state travel in the query, which the access log never writes.
 */
export function mountEsiaCallback(router: Router<ApiState>, esia: EsiaOnboarding | null): void {
  router.get(ESIA_CALLBACK_PATH, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (!esia) {
      ctx.redirect('/open-account?esia=unavailable');
      return;
    }
    const location = await esia.callback({
      code: param(ctx.query['code']),
      state: param(ctx.query['state']),
      error: param(ctx.query['error']),
      errorDescription: param(ctx.query['error_description']),
    });
    ctx.redirect(location);
  });
}
