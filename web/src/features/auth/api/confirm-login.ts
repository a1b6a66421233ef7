import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

/** POST /api/v1/auth/login/confirm: the code step; the server sets the HttpOnly session cookie. */
export function useConfirmLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { challengeId: string; code: string }) =>
      unwrap(await api.POST('/api/v1/auth/login/confirm', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
