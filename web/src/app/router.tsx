import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AppFrame } from '../components/ui/app-frame';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { hasTaskRole } from '../features/auth/roles';
import type { Me } from '../features/auth/api/get-me';
import { TelegramBackButton, TelegramLaunchGate } from '../features/telegram/telegram-launch';
import { useI18n } from '../lib/i18n';
import { RequireSession } from './require-session';
import { AccountSetupRoute, needsSetup } from './routes/account-setup';
import { NotFoundRoute } from './routes/not-found';
import { SignInRoute } from './routes/sign-in';

// The signed-in screens load on first use: the sign-in page stays small (issue 9 item 12, `npm run bench`).
const RequestsRoute = lazy(() => import('./routes/requests').then((m) => ({ default: m.RequestsRoute })));
const RequestRoute = lazy(() => import('./routes/request').then((m) => ({ default: m.RequestRoute })));
const NewRequestRoute = lazy(() =>
  import('./routes/new-request').then((m) => ({ default: m.NewRequestRoute })),
);
const RequestFormRoute = lazy(() =>
  import('./routes/request-form').then((m) => ({ default: m.RequestFormRoute })),
);
const NotificationsRoute = lazy(() =>
  import('./routes/notifications').then((m) => ({ default: m.NotificationsRoute })),
);
const SandboxRoute = lazy(() => import('./routes/sandbox').then((m) => ({ default: m.SandboxRoute })));
const OpenAccountRoute = lazy(() =>
  import('./routes/open-account').then((m) => ({ default: m.OpenAccountRoute })),
);
const ActivateRoute = lazy(() => import('./routes/activate').then((m) => ({ default: m.ActivateRoute })));
const DeskRoute = lazy(() => import('./routes/desk').then((m) => ({ default: m.DeskRoute })));
const DeskApplicationRoute = lazy(() =>
  import('./routes/desk-application').then((m) => ({ default: m.DeskApplicationRoute })),
);
const VerifyRoute = lazy(() => import('./routes/verify').then((m) => ({ default: m.VerifyRoute })));
const TasksRoute = lazy(() => import('./routes/tasks').then((m) => ({ default: m.TasksRoute })));
const AdminStaffRoute = lazy(() =>
  import('./routes/admin-staff').then((m) => ({ default: m.AdminStaffRoute })),
);
const AdminClientsRoute = lazy(() =>
  import('./routes/admin-clients').then((m) => ({ default: m.AdminClientsRoute })),
);
const ExchangeRoute = lazy(() => import('./routes/exchange').then((m) => ({ default: m.ExchangeRoute })));
const ProfileRoute = lazy(() => import('./routes/profile').then((m) => ({ default: m.ProfileRoute })));

function PageLoading() {
  const { t } = useI18n();
  return (
    <Center py="xl" aria-busy="true" role="status" aria-label={t.web.loading}>
      <Loader />
    </Center>
  );
}

/** Where a person starts: staff of a task role at their tasks, everyone else at the requests. */
function homeOf(me: Me): string {
  return hasTaskRole(me) ? '/tasks' : '/requests';
}

/** A screen that failed stays inside the frame (the header and navigation still work) until the address changes. */
function ScreenBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>;
}

/** A screen for a signed-in person, inside the cabinet's frame. */
function signedIn(Page: ComponentType<{ me: Me }>) {
  return (
    <RequireSession>
      {(me) =>
        needsSetup(me) ? (
          <AccountSetupRoute me={me} />
        ) : (
          <AppFrame me={me}>
            <ScreenBoundary>
              <Suspense fallback={<PageLoading />}>
                <Page me={me} />
              </Suspense>
            </ScreenBoundary>
          </AppFrame>
        )
      }
    </RequireSession>
  );
}

/**
 * The cabinet's addresses. /requests/new lists the types, /requests/new/:type is the form of a new draft and
 * /requests/:id/edit the same form for an existing draft or returned request.
 */
export function AppRouter() {
  return (
    <BrowserRouter>
      <TelegramBackButton />
      <TelegramLaunchGate>
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          <Route
            path="/verify"
            element={
              <ScreenBoundary>
                <Suspense fallback={<PageLoading />}>
                  <VerifyRoute />
                </Suspense>
              </ScreenBoundary>
            }
          />
          {['/open-account', '/open-account/:id'].map((path) => (
            <Route
              key={path}
              path={path}
              element={
                <ScreenBoundary>
                  <Suspense fallback={<PageLoading />}>
                    <OpenAccountRoute />
                  </Suspense>
                </ScreenBoundary>
              }
            />
          ))}
          <Route
            path="/activate"
            element={
              <ScreenBoundary>
                <Suspense fallback={<PageLoading />}>
                  <ActivateRoute />
                </Suspense>
              </ScreenBoundary>
            }
          />
          <Route
            path="/sandbox"
            element={
              <ScreenBoundary>
                <Suspense fallback={<PageLoading />}>
                  <SandboxRoute />
                </Suspense>
              </ScreenBoundary>
            }
          />
          <Route
            path="/"
            element={
              <RequireSession>
                {(me) =>
                  needsSetup(me) ? <AccountSetupRoute me={me} /> : <Navigate to={homeOf(me)} replace />
                }
              </RequireSession>
            }
          />
          <Route path="/requests" element={signedIn(RequestsRoute)} />
          <Route path="/requests/new" element={signedIn(NewRequestRoute)} />
          <Route path="/requests/new/:type" element={signedIn(RequestFormRoute)} />
          <Route path="/requests/:id" element={signedIn(RequestRoute)} />
          <Route path="/requests/:id/edit" element={signedIn(RequestFormRoute)} />
          <Route path="/notifications" element={signedIn(NotificationsRoute)} />
          <Route path="/profile" element={signedIn(ProfileRoute)} />
          <Route path="/tasks" element={signedIn(TasksRoute)} />
          <Route path="/admin/exchange" element={signedIn(ExchangeRoute)} />
          <Route path="/admin/staff" element={signedIn(AdminStaffRoute)} />
          <Route path="/admin/clients" element={signedIn(AdminClientsRoute)} />
          <Route path="/onboarding" element={signedIn(DeskRoute)} />
          <Route path="/onboarding/:id" element={signedIn(DeskApplicationRoute)} />
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </TelegramLaunchGate>
    </BrowserRouter>
  );
}
