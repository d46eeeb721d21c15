// The route tree: the public pages (sign-in, password reset, invite) and, behind a session, the
// shell with every page of routes.tsx that the staff member's permissions allow.
import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { SessionProvider, useSession } from './session.tsx';
import { pageRoutes } from './routes.tsx';
import { Shell } from './components/Shell.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { ForgotPasswordPage } from './pages/ForgotPassword.tsx';
import { ResetPasswordPage } from './pages/ResetPassword.tsx';
import { AcceptInvitePage } from './pages/AcceptInvite.tsx';
import { HomePage } from './pages/Home.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import type { Permission } from './api.ts';

const Loading = () => (
  <Center h="50vh">
    <Loader aria-label="Loading" />
  </Center>
);

function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** A page the staff member may not open is not there for them (the same as an unknown path). */
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useSession().can(permission) ? <Suspense fallback={<Loading />}>{children}</Suspense> : <NotFoundPage />;
}

export function App() {
  return (
    <BrowserRouter basename="/dashboard">
      <SessionProvider>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/accept-invite" element={<AcceptInvitePage />} />
          <Route
            element={
              <RequireSession>
                <Shell />
              </RequireSession>
            }
          >
            <Route index element={<HomePage />} />
            {pageRoutes.map((r) => (
              <Route key={r.path} path={r.path}>
                <Route
                  index
                  element={
                    <Allowed permission={r.permission}>
                      <r.page />
                    </Allowed>
                  }
                />
                {r.children?.map((c) => (
                  <Route
                    key={c.path}
                    path={c.path}
                    element={
                      <Allowed permission={c.permission ?? r.permission}>
                        <c.page />
                      </Allowed>
                    }
                  />
                ))}
              </Route>
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
