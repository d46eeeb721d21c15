import type { Tessera } from '../host/boot.ts';
import { catalogIsEmpty, seedDemoShop } from './seed.ts';
import { SeedProgress } from './progress.ts';
import { SeedState } from './seed-state.ts';

const DEMO_SEED = 42;
/** 500 products in steps of 5 %; fixed, because a resumed seed counts the same batches. */
const BATCH_SIZE = 25;

/**
 * `npm start`'s demo shop. Decided before the server listens, so /ready says `seeding` from its
 * first answer: seed an empty catalog, resume a seed an earlier start did not finish, leave any
 * other shop alone. Returns the run to start once listening, or undefined when there is none.
 */
export async function planDemoSeed({ app, platform }: Tessera, products: number) {
  const { log, tokens } = platform;
  const state = new SeedState(() => platform.orm.em.fork(), DEMO_SEED);
  const record = await state.read();
  if (record?.completedAt) return undefined;
  if (!record) {
    if (!(await catalogIsEmpty(app, tokens))) return undefined; // a shop of its own: no demo in it
    await state.begin(products);
  } else log.info('resuming the demo shop seed an earlier start did not finish');
  const total = record?.products ?? products;
  const progress = new SeedProgress(total, { log, out: process.stdout });
  platform.demoSeed = progress;

  return async (address: string) => {
    progress.start();
    try {
      await seedDemoShop(app, tokens, {
        products: total,
        seed: DEMO_SEED,
        log,
        state,
        done: record?.batches ?? {},
        batchSize: BATCH_SIZE,
        progress,
      });
      await state.complete();
    } finally {
      progress.finish();
    }
    // On stdout whatever LOG_LEVEL says, like the listening line: the last line of a first start.
    console.log(
      `The demo shop is ready: browse ${address}/store/products (API docs: ${address}/docs), promotion code WELCOME10`,
    );
  };
}
