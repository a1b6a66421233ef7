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

/** An email or phone change: codes go to the new contact and to the phone already on file. */
export function useStartContactChange(kind: 'email' | 'phone') {
  return useMutation({
    mutationFn: async (value: string) =>
      kind === 'email'
        ? unwrap(await api.POST('/api/v1/me/email', { body: { email: value } }))
        : unwrap(await api.POST('/api/v1/me/phone', { body: { phone: value } })),
  });
}

/** Confirms a challenge whose codes went to several places: one code per destination key. */
export function useConfirmCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { challengeId: string; codes: Record<string, string> }) =>
      unwrap(
        await api.POST('/api/v1/confirmations/{challengeId}', {
          params: { path: { challengeId: input.challengeId } },
          body: { codes: input.codes },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/** Staff: a new authenticator secret (QR and otpauth URI) after the current password; confirmed with codes. */
export function useStartTotpEnrolment() {
  return useMutation({
    mutationFn: async (currentPassword: string) =>
      unwrap(await api.POST('/api/v1/me/totp', { body: { currentPassword } })),
  });
}
