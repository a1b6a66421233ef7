import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components, operations } from '../../lib/api-types';

export type TaskPage = components['schemas']['TaskPage'];
export type TaskItem = TaskPage['items'][number];
export type TaskQuery = NonNullable<operations['listTasks']['parameters']['query']>;

/** Someone else's take or done shows within this (issue 10 item 1: within 5 s; docs/0024). */
export const TASKS_POLL_MS = 3_000;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TaskQuery) => ['tasks', 'list', query] as const,
  count: ['tasks', 'count'] as const,
};

/** The last answer per query with its ETag: an unchanged list costs a 304 with no body. */
const lastAnswers = new Map<string, { tag: string; page: TaskPage }>();

async function fetchTasks(query: TaskQuery): Promise<TaskPage> {
  const key = JSON.stringify(query);
  const last = lastAnswers.get(key);
  const result = await api.GET('/api/v1/tasks', {
    params: { query },
    headers: last ? { 'If-None-Match': last.tag } : {},
  });
  if (result.response.status === 304 && last) return last.page;
  const page = unwrap(result);
  const tag = result.response.headers.get('ETag');
  if (tag) lastAnswers.set(key, { tag, page });
  return page;
}

/** GET /api/v1/tasks, polled while the tab is visible. */
export function useTasks(query: TaskQuery) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => fetchTasks(query),
    placeholderData: keepPreviousData,
    refetchInterval: TASKS_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** How many open and claimed tasks the person's roles have: the count in the navigation. */
export function useTaskCount(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: taskKeys.count,
    queryFn: async () => (await fetchTasks({ pageSize: 1 })).total,
    refetchInterval: TASKS_POLL_MS * 2,
    refetchIntervalInBackground: false,
  });
}
