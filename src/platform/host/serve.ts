import { boot } from './boot.ts';
import { ConfigError } from '../config/load.ts';
import { BusSchemaMismatch } from '../bus/index.ts';
import { seedDemoIfEmpty } from '../seed/seed.ts';

// Boot: read config, start the platform, host the modules in MODULES, listen.
try {
  const tessera = await boot();
  const { app, platform } = tessera;
  const { HOST, PORT, MODULES, ROLE } = platform.config;
  const address = await app.listen({ host: HOST, port: PORT });
  // On stdout whatever LOG_LEVEL says: people and scripts (tests, benchmarks) wait for this line.
  console.log(
    `Tessera listening on ${address} (API docs: ${address}/docs), role: ${ROLE}, modules: ${tessera.modules.map((m) => m.name).join(', ')}`,
  );

  // A new install gets a demo shop to browse; it fills in while the server already answers.
  if (platform.config.SEED_DEMO && MODULES === 'all' && ROLE === 'all') {
    seedDemoIfEmpty(app, platform.tokens, { products: platform.config.SEED_DEMO_PRODUCTS, log: platform.log })
      .then(
        (seeded) =>
          seeded && platform.log.info(`demo shop seeded: browse ${address}/store/products, promotion code WELCOME10`),
      )
      .catch((err) => platform.log.error({ err }, 'seeding the demo shop failed'));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => process.exit(1), 25_000).unref();
    await tessera.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError || err instanceof BusSchemaMismatch) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
