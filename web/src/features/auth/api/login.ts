import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { components } from '../../../lib/api-types';

export type LoginChallenge = components['schemas']['LoginChallenge'];
export interface LoginInput {
  login: string;
  password: string;
}

/** POST /api/v1/auth/login: the password step; always a challenge (or 429), docs/0013. */
export function useLogin() {
  return useMutation({
    mutationFn: async (body: LoginInput): Promise<LoginChallenge> =>
      unwrap(await api.POST('/api/v1/auth/login', { body })),
  });
}
