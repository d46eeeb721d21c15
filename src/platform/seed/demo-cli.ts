// `npm run seed:demo`: the demo shop of a first start, for deployments whose processes each host
// some modules only (`npm start` seeds only where one process hosts them all). It boots every
// module with ROLE=api (routes in-process, no consumers: the deployment's workers handle the
// events), seeds an empty catalog or resumes an unfinished seed, leaves any other shop alone, and
// exits once the bus is quiet. Run once per deployment; running it again does nothing.
import { boot } from '../host/boot.ts';
import { planDemoSeed } from './first-start.ts';
import { waitForQuietBus } from './quiet.ts';

const tessera = await boot({ env: { ...process.env, ROLE: 'api' } });
const { platform } = tessera;
try {
  if (!platform.config.SEED_DEMO) platform.log.info('SEED_DEMO=false: no demo shop');
  else {
    const run = await planDemoSeed(tessera, platform.config.SEED_DEMO_PRODUCTS);
    if (!run) platform.log.info('the catalog is not empty or was seeded before: nothing to do');
    else {
      await run(platform.config.STOREFRONT_URL);
      await waitForQuietBus(platform);
    }
  }
} finally {
  await tessera.close();
}
