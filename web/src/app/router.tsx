import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession } from './require-session';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { SignInRoute } from './routes/sign-in';

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInRoute />} />
        <Route path="/" element={<RequireSession>{(me) => <HomeRoute me={me} />}</RequireSession>} />
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </BrowserRouter>
  );
}
