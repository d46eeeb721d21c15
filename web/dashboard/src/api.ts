// The dashboard's only way to the server: the typed client over the admin API, with the staff
// session (access + refresh token) kept in memory and sessionStorage (a tab's sign-in ends with
// the tab). A 401 trades the refresh token for a new session once, then the call is retried.
import { createClient, type paths } from '../../../client/index.ts';

export type Me = paths['/admin/auth/me']['get']['responses'][200]['content']['application/json'];
export type Session = paths['/admin/auth/login']['post']['responses'][200]['content']['application/json'];
export type Permission = Me['permissions'][number];

const storageKey = 'tessera.dashboard.session';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

let tokens: Tokens | null = readStored();
const listeners = new Set<() => void>();

function readStored(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export function setSession(next: Tokens | null): void {
  tokens = next ? { accessToken: next.accessToken, refreshToken: next.refreshToken } : null;
  if (tokens) sessionStorage.setItem(storageKey, JSON.stringify(tokens));
  else sessionStorage.removeItem(storageKey);
  for (const l of listeners) l();
}

export const hasSession = () => tokens !== null;
export const currentRefreshToken = () => tokens?.refreshToken ?? null;
export const onSessionChange = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

const base = globalThis.location?.origin ?? 'http://localhost';
const plain = createClient(base);

/** One refresh at a time: calls failing together wait for the same new session. */
let refreshing: Promise<boolean> | null = null;
function refresh(): Promise<boolean> {
  const refreshToken = tokens?.refreshToken;
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= plain
    .POST('/admin/auth/refresh', { body: { refreshToken } })
    .then(({ data }) => {
      setSession(data ?? null);
      return Boolean(data);
    })
    .finally(() => (refreshing = null));
  return refreshing;
}

/** `fetch` with the staff session attached (and one refresh on a 401), for the typed clients. */
export async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const send = (r: Request) => {
    if (tokens) r.headers.set('authorization', `Bearer ${tokens.accessToken}`);
    return fetch(r);
  };
  const res = await send(request);
  if (res.status !== 401 || !tokens || request.url.includes('/admin/auth/')) return res;
  return (await refresh()) ? send(retry) : res;
}

/** The typed client with the staff session attached: `api.GET('/admin/products', ...)`. */
export const api = createClient(base, { fetch: authorizedFetch });

/** A problem+json answer's message, for a notification or a form error. */
export function problemMessage(error: unknown, fallback = 'Something went wrong'): string {
  if (error && typeof error === 'object') {
    const e = error as { detail?: unknown; title?: unknown };
    if (typeof e.detail === 'string' && e.detail) return e.detail;
    if (typeof e.title === 'string' && e.title) return e.title;
  }
  return fallback;
}
