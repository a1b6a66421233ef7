import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';
import { requestKeys } from '../requests/api';
import { taskKeys } from '../tasks/api';

export type StaffRequest = components['schemas']['StaffRequest'];
export type StaffTask = StaffRequest['tasks'][number];
export type Checklist = Record<string, { status: 'done' } | { status: 'na'; note: string }>;

/**
 * One staff command on a request or a task. Whatever the answer, the request, its journal and the task lists are
 * fetched again: after a refusal the page shows the state that caused it (who took the task, where the request is).
 */
export type StaffCommand =
  | { kind: 'take' }
  | { kind: 'accept'; checklist: Checklist }
  | { kind: 'return'; reason: string }
  | { kind: 'reject'; reason: string }
  | { kind: 'claimTask'; taskId: string }
  | { kind: 'completeTask'; taskId: string; checklist: Checklist; comment?: string }
  | { kind: 'rejectTask'; taskId: string; reason: string }
  | { kind: 'reopenTask'; taskId: string };

async function run(requestId: string, command: StaffCommand) {
  const request = { params: { path: { id: requestId } } };
  switch (command.kind) {
    case 'take':
      return unwrap(await api.POST('/api/v1/requests/{id}/take', request));
    case 'accept':
      return unwrap(
        await api.POST('/api/v1/requests/{id}/accept', {
          ...request,
          body: { checklist: command.checklist },
        }),
      );
    case 'return':
      return unwrap(
        await api.POST('/api/v1/requests/{id}/return', { ...request, body: { reason: command.reason } }),
      );
    case 'reject':
      return unwrap(
        await api.POST('/api/v1/requests/{id}/reject', { ...request, body: { reason: command.reason } }),
      );
    case 'claimTask':
      return unwrap(await api.POST('/api/v1/tasks/{id}/claim', { params: { path: { id: command.taskId } } }));
    case 'completeTask':
      return unwrap(
        await api.POST('/api/v1/tasks/{id}/complete', {
          params: { path: { id: command.taskId } },
          body: { checklist: command.checklist, ...(command.comment ? { comment: command.comment } : {}) },
        }),
      );
    case 'rejectTask':
      return unwrap(
        await api.POST('/api/v1/tasks/{id}/reject', {
          params: { path: { id: command.taskId } },
          body: { reason: command.reason },
        }),
      );
    case 'reopenTask':
      return unwrap(
        await api.POST('/api/v1/tasks/{id}/reopen', { params: { path: { id: command.taskId } } }),
      );
  }
}

export function useStaffCommand(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: StaffCommand) => run(requestId, command),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.one(requestId) }),
        queryClient.invalidateQueries({ queryKey: requestKeys.journal(requestId) }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]);
    },
  });
}

/** The administrator's delivery journal of a request: who was told what, how, when, with failures. */
export function useRequestDeliveries(requestId: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['admin', 'deliveries', requestId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/admin/requests/{id}/deliveries', { params: { path: { id: requestId } } }),
      ),
    refetchInterval: 10_000,
  });
}
