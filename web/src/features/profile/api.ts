import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import { meQueryKey } from '../auth/api/get-me';

export function useStartPasswordChange() {
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) =>
      unwrap(await api.POST('/api/v1/me/password', { body })),
  });
}

export function useConfirmChallenge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { challengeId: string; code: string }) =>
      unwrap(
        await api.POST('/api/v1/confirmations/{challengeId}', {
          params: { path: { challengeId: input.challengeId } },
          body: { code: input.code },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useTelegramLink() {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/telegram-link')),
  });
}

export function useTelegramUnlink() {
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/me/telegram-link')),
  });
}
