// Reads the routes every module declares: on a booted platform (all modules set up), the HTTP app
// is built once more with each module's plugin wrapped to record what it registers. No hand list:
// a route added to a module is in the table at the next `npm run routes:table`.
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../http/app.ts';
import type { ModuleDefinition } from '../host/module.ts';
import type { Platform } from '../host/platform.ts';

export interface RouteEntry {
  method: string;
  /** Fastify's path, with `:param` segments. */
  path: string;
  /** The module that declares it, or `*` for the platform routes every process serves. */
  module: string;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Each module's routes wrapped so that the routes it registers are recorded under its name. */
function recording(m: ModuleDefinition, out: RouteEntry[]): ModuleDefinition {
  if (!m.routes) return m;
  const routes = m.routes;
  return {
    ...m,
    routes: async (app, opts) => {
      app.addHook('onRoute', (r) => {
        for (const method of [r.method].flat())
          if (HTTP_METHODS.has(method)) out.push({ method, path: r.url, module: m.name });
      });
      await app.register(routes, opts);
    },
  };
}

/** The route table of all modules, and the app that served it (for its merged OpenAPI document). */
export async function collectRoutes(
  platform: Platform,
  modules: ModuleDefinition[],
): Promise<{ routes: RouteEntry[]; app: FastifyInstance }> {
  const recorded: RouteEntry[] = [];
  // The platform's own routes (ops, dead letters) are those an app without modules has.
  const bare = await buildHttp(platform, []);
  await bare.ready();
  const platformRoutes = routesOf(bare).map((r) => ({ ...r, module: '*' }));
  await bare.close();
  const app = await buildHttp(
    platform,
    modules.map((m) => recording(m, recorded)),
  );
  await app.ready();
  const routes = [...platformRoutes, ...recorded];
  const seen = new Set<string>();
  const unique = routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  unique.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  return { routes: unique, app };
}

/** The routes of a built app (Fastify lists them only as a printed tree; the OpenAPI paths are public). */
function routesOf(app: FastifyInstance): Omit<RouteEntry, 'module'>[] {
  const out: Omit<RouteEntry, 'module'>[] = [];
  const doc = app.swagger() as { paths?: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(doc.paths ?? {}))
    for (const method of Object.keys(ops))
      if (HTTP_METHODS.has(method.toUpperCase()))
        out.push({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') });
  return out;
}
