import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';

export type NotificationPage = components['schemas']['NotificationPage'];
export type Notice = NotificationPage['items'][number];

const POLL_MS = 15_000;
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  page: (page: number, unreadOnly: boolean) => ['notifications', 'page', page, unreadOnly] as const,
};

let lastTag: string | null = null;
let lastUnread = 0;

/**
 * The unread count for the header, polled every 15 s while the tab is visible and on focus. The poll sends the last
 * ETag: an unchanged inbox costs a 304 with no body (docs/0019).
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async () => {
      const result = await api.GET('/api/v1/notifications', {
        params: { query: { pageSize: 1 } },
        headers: lastTag ? { 'If-None-Match': lastTag } : {},
      });
      if (result.response.status === 304) return lastUnread;
      const page = unwrap(result);
      lastTag = result.response.headers.get('ETag');
      lastUnread = page.unread;
      return page.unread;
    },
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.page(page, unreadOnly),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/notifications', {
          params: { query: { page, pageSize: 20, ...(unreadOnly ? { unread: 'true' as const } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
