import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';
import { requestKeys, type RequestTypeCode } from '../requests/api';

export type RequestType = components['schemas']['RequestType'];
export type FormCheck = components['schemas']['FormCheck'];
export type Payload = Record<string, unknown>;

/** GET /api/v1/request-types: every type with its fields (labels, hints, options), cached for the session. */
export function useRequestTypes() {
  return useQuery({
    queryKey: ['request-types'],
    queryFn: async () => unwrap(await api.GET('/api/v1/request-types')).items,
    staleTime: Infinity,
  });
}

/** POST /api/v1/request-types/{code}/check: the fields that apply and the issues, by the server's own rules. */
export async function checkForm(code: RequestTypeCode, payload: Payload): Promise<FormCheck> {
  return unwrap(
    await api.POST('/api/v1/request-types/{code}/check', { params: { path: { code } }, body: { payload } }),
  );
}

export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { type: RequestTypeCode; payload: Payload }) =>
      unwrap(await api.POST('/api/v1/requests', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useUpdateDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (payload: Payload) =>
      unwrap(await api.PATCH('/api/v1/requests/{id}', { params: { path: { id } }, body: { payload } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useDeleteDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(await api.DELETE('/api/v1/requests/{id}', { params: { path: { id } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}
