import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';
import { requestKeys } from '../requests/api';

export type SignatureChallenge = components['schemas']['SignatureChallenge'];
/** Starts in flight, by request: a dialog mounted twice in a row asks once and both get the same challenge. */
const starting = new Map<string, Promise<SignatureChallenge>>();

function startSignature(requestId: string): Promise<SignatureChallenge> {
  let started = starting.get(requestId);
  if (!started) {
    started = (async () =>
      unwrap(
        await api.POST('/api/v1/requests/{id}/submit', { params: { path: { id: requestId } } }),
      ))().finally(() => starting.delete(requestId));
    starting.set(requestId, started);
  }
  return started;
}

/** POST /requests/{id}/submit: a draft goes to signature (a request awaiting it gets a new code) — the SMS goes out. */
export function useRequestSignature(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<SignatureChallenge> => startSignature(requestId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** POST /confirmations/{challengeId}: the code; the request is signed and submitted. */
export function useConfirmSignature() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { challengeId: string; code: string }) =>
      unwrap(
        await api.POST('/api/v1/confirmations/{challengeId}', {
          params: { path: { challengeId: input.challengeId } },
          body: { code: input.code },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** POST /confirmations/{challengeId}/resend: the same code's challenge, a new SMS (throttled: 429 Retry-After). */
export function useResendSignatureCode() {
  return useMutation({
    mutationFn: async (challengeId: string) =>
      unwrap(
        await api.POST('/api/v1/confirmations/{challengeId}/resend', { params: { path: { challengeId } } }),
      ),
  });
}
