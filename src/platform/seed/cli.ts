// `npm run seed -- --products 20000 [--seed 42]`: builds a demo catalog in the configured database.
import { parseArgs } from 'node:util';
import { boot } from '../host/boot.ts';
import { seedDemoShop } from './seed.ts';
import { waitForQuietBus } from './quiet.ts';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '500' }, seed: { type: 'string', default: '42' } },
});
const products = Number(values.products);
if (!Number.isInteger(products) || products < 1 || products > 1_000_000) {
  console.error('--products must be a whole number from 1 to 1000000');
  process.exit(2);
}
const tessera = await boot({ overrides: { SEED_DEMO: false } });
const started = Date.now();
try {
  const result = await seedDemoShop(tessera.app, tessera.platform.tokens, {
    products,
    seed: Number(values.seed),
    log: tessera.platform.log,
  });
  tessera.platform.log.info('waiting for every module to catch up with the events');
  await waitForQuietBus(tessera.platform);
  // A bulk load leaves the planner's statistics describing an empty shop: refresh them.
  await tessera.platform.orm.em.getConnection().execute('vacuum analyze');
  tessera.platform.log.info({ ...result, seconds: Math.round((Date.now() - started) / 1000) }, 'demo shop seeded');
} finally {
  await tessera.close();
}
