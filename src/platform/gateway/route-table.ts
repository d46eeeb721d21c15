// The route table (path + method -> module) turned into the locations a proxy matches: a path
// without parameters is an exact location; one with parameters an anchored pattern. Patterns are
// ordered the way Fastify's router prefers (a static segment before a parameter at the same place),
// so a proxy taking the first pattern that matches picks the route Fastify would.
import type { RouteEntry } from './collect-routes.ts';
import { groupOf, type Layout } from './layouts.ts';

export interface Location {
  /** `exact`: the path itself; `pattern`: an anchored regular expression over the path. */
  kind: 'exact' | 'pattern';
  match: string;
  /** The Fastify path it was made from. */
  path: string;
  group: string;
  methods: string[];
}

const segments = (path: string) => path.split('/').filter(Boolean);
const isParam = (segment: string) => segment.startsWith(':') || segment === '*';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An anchored pattern for a Fastify path: each parameter is one non-empty segment. */
export function patternOf(path: string): string {
  return `^/${segments(path)
    .map((s) => (isParam(s) ? '[^/]+' : escape(s)))
    .join('/')}$`;
}

/** Fastify's preference: at the first segment where two paths differ, static before parameter. */
function byRouterPreference(a: string, b: string): number {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = isParam(sa[i]);
    const pb = isParam(sb[i]);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return sb.length - sa.length || a.localeCompare(b);
}

/** The locations of a layout: platform routes (`*`) go to its fallback group. */
export function locationsFor(routes: RouteEntry[], layout: Layout): Location[] {
  const byPath = new Map<string, Location>();
  for (const r of routes) {
    const group = r.module === '*' ? layout.fallback : groupOf(layout, r.module);
    const existing = byPath.get(r.path);
    if (existing && existing.group !== group)
      throw new Error(`${r.path} is served by two groups (${existing.group}, ${group}): a proxy routes by path only`);
    if (existing) existing.methods.push(r.method);
    else
      byPath.set(r.path, {
        kind: segments(r.path).some(isParam) ? 'pattern' : 'exact',
        match: segments(r.path).some(isParam) ? patternOf(r.path) : r.path,
        path: r.path,
        group,
        methods: [r.method],
      });
  }
  const all = [...byPath.values()];
  const exact = all.filter((l) => l.kind === 'exact').sort((a, b) => a.path.localeCompare(b.path));
  const patterns = all.filter((l) => l.kind === 'pattern').sort((a, b) => byRouterPreference(a.path, b.path));
  return [...exact, ...patterns];
}

/** Which group a proxy with these locations sends a request path to (nginx's rule: exact, then the first pattern). */
export function resolveGroup(locations: Location[], layout: Layout, path: string): string {
  const exact = locations.find((l) => l.kind === 'exact' && l.match === path);
  if (exact) return exact.group;
  const pattern = locations.find((l) => l.kind === 'pattern' && new RegExp(l.match).test(path));
  return pattern?.group ?? layout.fallback;
}
