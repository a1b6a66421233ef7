import { Center, Loader } from '@mantine/core';
import { LoadFailed } from '../components/ui/load-failed';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { meQueryKey, useMe, type Me } from '../features/auth/api/get-me';
import { signInPath } from '../features/auth/next-path';
import { onUnauthorized } from '../lib/api-client';
import { useI18n } from '../lib/i18n';

/**
 * The signed-in screens: without a session, sign in and come back here (`next`); a session that ends on the way
 * (any 401) does the same, saying so.
 */
export function RequireSession({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const hadSession = useRef(false);
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(meQueryKey, null)), [queryClient]);
  if (me.data) hadSession.current = true;
  if (me.isPending)
    return (
      <Center h="100vh" role="status" aria-label={t.web.loading}>
        <Loader />
      </Center>
    );
  if (me.isError)
    return (
      <Center mih="100vh" px="md">
        <LoadFailed message={t.web.sessionFailed} error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  if (!me.data)
    return <Navigate to={signInPath(`${location.pathname}${location.search}`, hadSession.current)} replace />;
  return children(me.data);
}
