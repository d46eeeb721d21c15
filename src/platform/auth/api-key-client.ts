import type { ApiKeyPrincipal } from './principal.ts';
import { isPermission } from './permissions.ts';
import type { ApiKeyResolver } from './tokens.ts';

/** The process hosting `user` could not be asked (down, slow, 5xx): not the caller's fault. */
export class AuthUnavailable extends Error {}

/** Where the process hosting `user` answers API key look-ups (an internal route of the user module). */
export const introspectionPath = '/auth/api-keys/introspect';

/**
 * API keys in a process that does not host `user`: asked of the user process over HTTP (AUTH_URL)
 * and cached for `cacheSeconds`, so a revoked or expired key may still pass here for up to that
 * long (in the process hosting `user` it fails at once). Refusals are not cached beyond one call.
 */
export function remoteApiKeys(authUrl: string, cacheSeconds: number): ApiKeyResolver {
  const cache = new Map<string, { principal: ApiKeyPrincipal; until: number }>();
  return async (key) => {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    cache.delete(key);
    const res = await fetch(new URL(introspectionPath, authUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
      signal: AbortSignal.timeout(5_000),
    }).catch((err: unknown) => {
      throw new AuthUnavailable(`${authUrl} did not answer: ${String(err)}`);
    });
    if (res.status >= 500) throw new AuthUnavailable(`${authUrl} answered ${res.status}`);
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    const principal = parsePrincipal(body);
    if (principal) {
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { principal, until: Date.now() + cacheSeconds * 1000 });
    }
    return principal;
  };
}

function parsePrincipal(body: unknown): ApiKeyPrincipal | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { sub, createdBy, permissions } = Object.fromEntries(Object.entries(body));
  if (typeof sub !== 'string' || typeof createdBy !== 'string' || !Array.isArray(permissions)) return undefined;
  return { kind: 'apiKey', sub, createdBy, permissions: permissions.filter((p) => isPermission(p)) };
}
