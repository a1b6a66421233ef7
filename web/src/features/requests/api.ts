import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components, operations } from '../../lib/api-types';

export type RequestPage = components['schemas']['RequestPage'];
export type RequestListItem = RequestPage['items'][number];
export type RequestView = components['schemas']['Request'];
export type RequestStatus = RequestListItem['status'];
export type RequestTypeCode = RequestListItem['type'];
export type ListQuery = NonNullable<operations['listRequests']['parameters']['query']>;
export type RequestJournal = components['schemas']['RequestJournal'];

export const requestKeys = {
  all: ['requests'] as const,
  list: (query: ListQuery) => ['requests', 'list', query] as const,
  one: (id: string) => ['requests', 'one', id] as const,
  journal: (id: string) => ['requests', 'journal', id] as const,
};

/** GET /api/v1/requests: a page of the caller's requests, newest first; the previous page stays while paging. */
export function useRequestList(query: ListQuery, options: { pollMs?: number } = {}) {
  return useQuery({
    queryKey: requestKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/requests', { params: { query } })),
    placeholderData: keepPreviousData,
    ...(options.pollMs ? { refetchInterval: options.pollMs, refetchIntervalInBackground: false } : {}),
  });
}

/** GET /api/v1/requests/{id}: the caller's view of one request (a client gets the client view). */
export function useRequest(id: string) {
  return useQuery({
    enabled: id !== '',
    queryKey: requestKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/requests/{id}', { params: { path: { id } } })),
  });
}

/** GET /api/v1/requests/{id}/journal: its history as the caller may see it. */
export function useRequestJournal(id: string) {
  return useQuery({
    queryKey: requestKeys.journal(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/requests/{id}/journal', { params: { path: { id } } })),
  });
}

/** POST /api/v1/requests/{id}/cancel with the reason; everything about requests is fetched again after it. */
export function useCancelRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST('/api/v1/requests/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}
