import { useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../../../lib/api-client';
import type { components } from '../../../lib/api-types';

export type Me = components['schemas']['Me'];

export const meQueryKey = ['me'] as const;

/** GET /api/v1/me: the signed-in person, or null without a session (401). */
export async function getMe(): Promise<Me | null> {
  try {
    return unwrap(await api.GET('/api/v1/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });
}
