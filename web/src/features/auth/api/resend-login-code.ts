import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { LoginChallenge } from './login';

/** POST /api/v1/auth/login/resend: a new SMS code (throttled: 429 with Retry-After). */
export function useResendLoginCode() {
  return useMutation({
    mutationFn: async (challengeId: string): Promise<LoginChallenge> =>
      unwrap(await api.POST('/api/v1/auth/login/resend', { body: { challengeId } })),
  });
}
