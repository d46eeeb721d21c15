import { existsSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/load.ts';
import type { ModuleDefinition } from './module.ts';

const modulesDir = resolve(import.meta.dirname, '../../modules');
/** `index.ts` in the sources, `index.js` in the JavaScript copy (build/): the extension of this file. */
const ownIndex = `index${extname(import.meta.filename)}`;
/** An EXTRA_MODULES folder: its JavaScript if it has some, else its TypeScript (Node strips the types). */
const indexOf = (dir: string) => [ownIndex, 'index.js', 'index.ts'].find((f) => existsSync(join(dir, f))) ?? ownIndex;

/**
 * Finds every module definition (src/modules/<name>/index.ts, plus EXTRA_MODULES folders). We scan
 * and import the definitions ourselves instead of letting @fastify/autoload register them: the host
 * needs each definition's entities, schema and subscriptions before Fastify exists (to build the
 * ORM and run migrations), and autoload only hands over plugins.
 */
export async function discoverModules(extra?: string): Promise<ModuleDefinition[]> {
  const dirs = readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(modulesDir, d.name, ownIndex)))
    .map((d) => join(modulesDir, d.name));
  for (const dir of extra?.split(',').filter(Boolean) ?? []) dirs.push(resolve(dir));
  const defs: ModuleDefinition[] = [];
  for (const dir of dirs) {
    const mod = (await import(pathToFileURL(join(dir, indexOf(dir))).href)) as { default: ModuleDefinition };
    defs.push(mod.default);
  }
  return defs;
}

/** The modules this process hosts, from MODULES ("all" or a comma list). */
export function selectModules(all: ModuleDefinition[], selection: string): ModuleDefinition[] {
  if (selection === 'all') return all;
  const names = selection.split(',');
  const known = new Set(all.map((m) => m.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length)
    throw new ConfigError('MODULES', `names unknown module(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return all.filter((m) => names.includes(m.name));
}
