import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';

export type DeskItem = components['schemas']['DeskApplication'];
export type DeskView = components['schemas']['DeskApplicationView'];
export const DESK_PAGE_SIZE = 25;

export interface DeskFilters {
  q?: string | undefined;
  kind?: DeskItem['kind'] | undefined;
  status?: DeskItem['status'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

const keys = {
  all: ['desk'] as const,
  list: (filters: DeskFilters) => ['desk', 'list', filters] as const,
  one: (id: string) => ['desk', 'one', id] as const,
};

/** GET /api/v1/onboarding/desk: a page of sent questionnaires. */
export function useDeskList(filters: DeskFilters) {
  return useQuery({
    queryKey: keys.list(filters),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/onboarding/desk', {
          params: { query: { ...filters, pageSize: DESK_PAGE_SIZE } },
        }),
      ),
  });
}

export function useDeskApplication(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/onboarding/desk/{id}', { params: { path: { id } } })),
  });
}

export function useImportApplication(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: {
      contracts: { main: string; depositary?: string; trust?: string };
      inn?: string;
    }) => unwrap(await api.POST('/api/v1/onboarding/desk/{id}/import', { params: { path: { id } }, body })),
    onSuccess: (view) => {
      client.setQueryData(keys.one(id), view);
      void client.invalidateQueries({ queryKey: ['desk', 'list'] });
    },
  });
}

export function useSendActivation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/onboarding/desk/{id}/activation', { params: { path: { id } } })),
    onSuccess: (view) => {
      const { sent: _sent, ...rest } = view;
      client.setQueryData(keys.one(id), rest);
      void client.invalidateQueries({ queryKey: ['desk', 'list'] });
    },
  });
}

/** The questionnaire's PDF for the signed-in manager (same-origin cookie). */
export const deskPdfUrl = (id: string): string => `/api/v1/onboarding/desk/${id}/pdf`;
