import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { defineEntity, p } from '@mikro-orm/core';
import { discoverModules } from '../src/platform/host/load-modules.ts';
import { renderModuleMap, verifyModules } from '../src/platform/host/module-map.ts';
import { defineModule } from '../src/platform/host/module.ts';
import { defineEvent } from '../src/platform/bus/event.ts';

const noop = async () => {};

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
