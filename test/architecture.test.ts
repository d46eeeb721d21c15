import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { defineEntity, p } from '@mikro-orm/core';
import { discoverModules } from '../src/platform/host/load-modules.ts';
import { renderModuleMap, skeletonViolations, verifyModules } from '../src/platform/host/module-map.ts';
import { defineModule } from '../src/platform/host/module.ts';
import { defineEvent } from '../src/platform/bus/event.ts';

const noop = async () => {};
const root = resolve(import.meta.dirname, '..');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));

describe('architecture (like Spring Modulith verify())', () => {
  it('every module definition fits: events exist, entities sit in their schema, queues are unique', async () => {
    const modules = await discoverModules();
    expect(modules.length).toBeGreaterThan(0);
    expect(verifyModules(modules)).toEqual([]);
  });

  it('the README shows the module map the code defines (npm run modules:map -- --write)', async () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain(renderModuleMap(await discoverModules()));
  });

  it('catches a subscription to an event nobody publishes, a misplaced entity and a duplicate queue', () => {
    const Published = defineEvent('alpha.happened.v1', Type.Object({}), 'x');
    const Ghost = defineEvent('ghost.appeared.v1', Type.Object({}), 'x');
    const Misplaced = defineEntity({ name: 'Misplaced', schema: 'alpha', properties: { id: p.uuid().primary() } });
    const alpha = defineModule({
      name: 'alpha',
      description: '',
      entities: [],
      publishes: [Published],
      subscriptions: [],
    });
    const beta = defineModule({
      name: 'beta',
      description: '',
      entities: [Misplaced],
      publishes: [],
      subscriptions: [
        { event: Ghost, handler: noop },
        { event: Published, handler: noop },
        { event: Published, handler: noop },
      ],
    });
    expect(verifyModules([alpha, beta])).toEqual([
      'entity Misplaced of module beta sits in schema "alpha", not "beta"',
      "module beta subscribes to ghost.appeared.v1, which no module's contract publishes",
      'queue beta/alpha.happened.v1 is declared twice (module beta subscribes to alpha.happened.v1 more than once)',
    ]);
  });
});

describe('the code base keeps its shape', () => {
  it('every module follows the module skeleton (index.ts, contract.ts, routes/, use-cases/, handlers/ ...)', () => {
    expect(skeletonViolations(join(root, 'src/modules'))).toEqual([]);
  });

  it('the skeleton check names every offending path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-skeleton-'));
    try {
      const plant = (path: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), '');
      };
      for (const path of ['a/index.ts', 'a/contract.ts', 'a/runtime.ts', 'a/routes/store-a.ts', 'a/domain/rule.ts'])
        plant(path);
      for (const path of ['a/handlers/on-a-happened.ts', 'a/handlers/on-a-happened.test.ts']) plant(path);
      for (const path of ['b/index.ts', 'b/views.ts', 'b/saga/step.ts', 'b/handlers/saga.ts']) plant(path);
      expect(skeletonViolations(dir, 'm').sort()).toEqual([
        'm/b/contract.ts: missing',
        'm/b/handlers/saga.ts: a handler file is on-<event>.ts',
        'm/b/saga/: not a folder of the skeleton (routes, use-cases, handlers, entities, domain, adapters)',
        'm/b/views.ts: not a top-level file of the skeleton (index.ts, contract.ts, runtime.ts, README.md)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no source file is over 300 lines', () => {
    const long = filesUnder(join(root, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 300)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('routes take their types from the TypeBox provider, not from casts', () => {
    const casts = filesUnder(join(root, 'src/modules'))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(join(root, f), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            / as Static<|\breq(uest)?\.(body|params|query) as\b/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(casts).toEqual([]);
  });

  it('src/platform has no import cycle', async () => {
    const cycles = await platformCycles();
    expect(cycles).toEqual([]);
  });
});

/** Each import cycle inside src/platform, as `a -> b -> a` (dependency-cruiser's API, the npm test options). */
async function platformCycles(): Promise<string[]> {
  const { cruise } = await import('dependency-cruiser');
  const config = (await import(pathToFileURL(join(root, '.dependency-cruiser.cjs')).href)).default as {
    options: Record<string, unknown>;
  };
  const { output } = await cruise(['src/platform'], { ...config.options, ruleSet: { forbidden: [] } });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  const cycles = new Set<string>();
  for (const m of output.modules)
    for (const d of m.dependencies)
      if (d.circular && d.resolved.startsWith('src/platform/')) {
        // The cycle runs from the dependency back to the source; one line per cycle, whichever file it was met from.
        const loop = (d.cycle ?? []).map((c) => c.name);
        const start = loop.indexOf([...loop].sort()[0]);
        cycles.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' -> '));
      }
  return [...cycles].sort();
}
