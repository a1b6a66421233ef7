import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';

export type ClientListItem = components['schemas']['ClientListItem'];

export const CLIENTS_PAGE_SIZE = 20;

const clientKeys = {
  all: ['admin', 'clients'] as const,
  page: (page: number, q: string) => ['admin', 'clients', page, q] as const,
};

/** GET /admin/clients: a page of clients with their manager and users, narrowed by `q`. */
export function useClientList(page: number, q: string) {
  return useQuery({
    queryKey: clientKeys.page(page, q),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/admin/clients', {
          params: { query: { page, pageSize: CLIENTS_PAGE_SIZE, ...(q ? { q } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export type ClientUserAction =
  { kind: 'active'; id: string; active: boolean } | { kind: 'resetPassword'; id: string };

/** Locks, unlocks or issues a new password to a client's user; the list is fetched again whatever the answer. */
export function useClientUserAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: ClientUserAction): Promise<string | null> => {
      const path = { params: { path: { id: action.id } } };
      if (action.kind === 'active') {
        unwrap(await api.PATCH('/api/v1/admin/users/{id}', { ...path, body: { active: action.active } }));
        return null;
      }
      return unwrap(await api.POST('/api/v1/admin/users/{id}/password-reset', path)).initialPassword;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}
