import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setBearerSession, unwrap } from '../../../lib/api-client';
import { useNavigate } from 'react-router';

/** POST /api/v1/auth/logout, then the sign-in screen; a session that already ended counts as signed out. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        unwrap(await api.POST('/api/v1/auth/logout'));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    // Leave the signed-in screens first, then forget everything the session fetched.
    onSuccess: async () => {
      setBearerSession(null);
      await navigate('/sign-in', { replace: true });
      queryClient.clear();
    },
  });
}
