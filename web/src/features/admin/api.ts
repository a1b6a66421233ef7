import type { StaffRole } from '../../../../src/workflow/domain/roles.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components, operations } from '../../lib/api-types';

export type Staff = components['schemas']['Staff'];
export type StaffCreated = components['schemas']['StaffCreated'];
type StaffCreateBody = operations['createStaff']['requestBody']['content']['application/json'];

const staffKeys = {
  all: ['admin', 'staff'] as const,
  page: (page: number) => ['admin', 'staff', page] as const,
};

export function useStaffList(page: number) {
  return useQuery({
    queryKey: staffKeys.page(page),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/admin/staff', { params: { query: { page, pageSize: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: StaffCreateBody) => unwrap(await api.POST('/api/v1/admin/staff', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export type StaffInvite = components['schemas']['StaffInvite'];

export type StaffAction =
  | { kind: 'active'; id: string; active: boolean }
  | { kind: 'totpRequired'; id: string; totpRequired: boolean }
  | { kind: 'roles'; id: string; roles: StaffRole[] }
  | { kind: 'resetTotp'; id: string }
  | { kind: 'resetPassword'; id: string };

/** One administrator action on an account; the list is fetched again whatever the answer. */
export function useStaffAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: StaffAction) => {
      const path = { params: { path: { id: action.id } } };
      switch (action.kind) {
        case 'active':
          unwrap(await api.PATCH('/api/v1/admin/staff/{id}', { ...path, body: { active: action.active } }));
          return null;
        case 'roles':
          unwrap(await api.PATCH('/api/v1/admin/staff/{id}', { ...path, body: { roles: action.roles } }));
          return null;
        case 'totpRequired':
          unwrap(
            await api.PATCH('/api/v1/admin/staff/{id}', {
              ...path,
              body: { totpRequired: action.totpRequired },
            }),
          );
          return null;
        case 'resetTotp':
          unwrap(await api.POST('/api/v1/admin/staff/{id}/totp/reset', path));
          return null;
        case 'resetPassword':
          return unwrap(await api.POST('/api/v1/admin/users/{id}/password-reset', path)).initialPassword;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

/** A new staff-bot invite for an account; the earlier unused links stop working. */
export function useResendInvite() {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/admin/staff/{id}/invite', { params: { path: { id } } })),
  });
}

export function useVerifyJournal() {
  return useMutation({
    mutationFn: async () => unwrap(await api.GET('/api/v1/admin/journal/verify')),
  });
}

export function useRoleChats() {
  return useQuery({
    queryKey: ['admin', 'role-chats'],
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/role-chats')),
  });
}
