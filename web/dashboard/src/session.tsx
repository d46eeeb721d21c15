// Who is signed in and what they may do: `/admin/auth/me` read once per session; `can()` decides
// which navigation entries, pages and buttons exist for them (never shown, rather than refused).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  api,
  currentRefreshToken,
  hasSession,
  onSessionChange,
  problemMessage,
  setSession,
  type Me,
  type Permission,
} from './api.ts';

export interface SessionState {
  me: Me | null;
  /** True while the profile of a stored session is being read. */
  loading: boolean;
  can(permission: Permission | undefined): boolean;
  signIn(email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(hasSession());

  const loadMe = useCallback(async () => {
    if (!hasSession()) {
      setMe(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    const { data } = await api.GET('/admin/auth/me');
    if (!data) setSession(null);
    setMe(data ?? null);
    setLoading(false);
  }, []);

  useEffect(() => {
    void loadMe();
    // Another tab cannot share sessionStorage; this catches a refresh failing (session ended).
    return onSessionChange(() => {
      if (!hasSession()) setMe(null);
    });
  }, [loadMe]);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data, error } = await api.POST('/admin/auth/login', { body: { email, password } });
    if (!data) return problemMessage(error, 'Sign-in failed');
    setSession(data);
    setMe(data.staff);
    return null;
  }, []);

  const signOut = useCallback(async () => {
    const refreshToken = currentRefreshToken();
    if (refreshToken) await api.POST('/admin/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    setSession(null);
    setMe(null);
  }, []);

  const can = useCallback(
    (permission: Permission | undefined) => !permission || Boolean(me?.permissions.includes(permission)),
    [me],
  );

  return <SessionContext.Provider value={{ me, loading, can, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Renders its children only for staff holding the permission (buttons, sections). */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useSession().can(permission) ? <>{children}</> : null;
}
