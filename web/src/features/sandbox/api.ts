import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';

/**
 * Who and what the Telegram sandbox offers — or an error where there is none for this visitor (a 404: off, or not
 * an administrator outside the embedded demo). Read once per page life: it does not change while the app runs.
 */
export function useSandboxOverview(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['sandbox'],
    queryFn: async () => unwrap(await api.GET('/api/v1/sandbox')),
    retry: false,
    staleTime: Infinity,
  });
}
