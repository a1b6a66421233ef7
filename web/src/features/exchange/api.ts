import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components, operations } from '../../lib/api-types';

export type BackofficeExport = components['schemas']['BackofficeExport'];
export type ExportQuery = NonNullable<operations['listExports']['parameters']['query']>;

const exportKeys = {
  all: ['exchange'] as const,
  list: (query: ExportQuery) => ['exchange', 'list', query] as const,
};

/** GET /api/v1/admin/exchange/exports: administrators and the back office. Refreshed every 15 s while open. */
export function useExports(query: ExportQuery) {
  return useQuery({
    queryKey: exportKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/exchange/exports', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** Sends an export again as its next attempt; the attempt the person saw makes a second press a 409. */
export function useReExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string; attempt: number }) =>
      unwrap(
        await api.POST('/api/v1/admin/exchange/exports/{id}/re-export', {
          params: { path: { id: input.id } },
          body: { attempt: input.attempt },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: exportKeys.all }),
  });
}
