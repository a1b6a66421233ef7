import type { ComponentType } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppFrame } from '../components/ui/app-frame';
import type { Me } from '../features/auth/api/get-me';
import { RequireSession } from './require-session';
import { NewRequestRoute } from './routes/new-request';
import { NotFoundRoute } from './routes/not-found';
import { NotificationsRoute } from './routes/notifications';
import { ProfileRoute } from './routes/profile';
import { RequestRoute } from './routes/request';
import { RequestFormRoute } from './routes/request-form';
import { RequestsRoute } from './routes/requests';
import { SignInRoute } from './routes/sign-in';

/** A screen for a signed-in person, inside the cabinet's frame. */
function signedIn(Page: ComponentType<{ me: Me }>) {
  return (
    <RequireSession>
      {(me) => (
        <AppFrame me={me}>
          <Page me={me} />
        </AppFrame>
      )}
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
      <Routes>
        <Route path="/sign-in" element={<SignInRoute />} />
        <Route path="/" element={<Navigate to="/requests" replace />} />
        <Route path="/requests" element={signedIn(RequestsRoute)} />
        <Route path="/requests/new" element={signedIn(NewRequestRoute)} />
        <Route path="/requests/new/:type" element={signedIn(RequestFormRoute)} />
        <Route path="/requests/:id" element={signedIn(RequestRoute)} />
        <Route path="/requests/:id/edit" element={signedIn(RequestFormRoute)} />
        <Route path="/notifications" element={signedIn(NotificationsRoute)} />
        <Route path="/profile" element={signedIn(ProfileRoute)} />
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </BrowserRouter>
  );
}
