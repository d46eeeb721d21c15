import { boot, type Tessera } from './boot.ts';
import { preflight, portTaken } from './preflight.ts';
import { ConfigError, loadConfig } from '../config/load.ts';
import { StartupError } from '../config/startup-error.ts';
import { BusSchemaMismatch } from '../bus/index.ts';
import { planDemoSeed } from '../seed/first-start.ts';
import { stopTracing } from '../observability/tracing.ts';

// Boot: read config, check what a first start trips on, start the platform, host the modules in
// MODULES, listen. A cause the person can fix is one line on stderr and exit code 2.
let tessera: Tessera | undefined;
try {
  await preflight(loadConfig());
  tessera = await boot();
  const { app, platform } = tessera;
  const { HOST, PORT, MODULES, ROLE } = platform.config;
  // A new install gets a demo shop to browse; it fills in while the server already answers.
  const seedDemo =
    platform.config.SEED_DEMO && MODULES === 'all' && ROLE === 'all'
      ? await planDemoSeed(tessera, platform.config.SEED_DEMO_PRODUCTS)
      : undefined;
  const address = await app.listen({ host: HOST, port: PORT }).catch((err) => {
    throw err?.code === 'EADDRINUSE' ? portTaken(PORT, HOST) : err;
  });
  // On stdout whatever LOG_LEVEL says: people and scripts (tests, benchmarks) wait for this line.
  console.log(
    `Tessera listening on ${address} (API docs: ${address}/docs), role: ${ROLE}, modules: ${tessera.modules.map((m) => m.name).join(', ')}`,
  );
  seedDemo?.(address).catch((err) =>
    platform.log.error({ err }, 'seeding the demo shop failed: the next start resumes it'),
  );

  let stopping = false;
  const running = tessera;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => process.exit(1), 25_000).unref();
    await running.close();
    await stopTracing().catch(() => undefined); // (sends the spans still buffered)
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError || err instanceof BusSchemaMismatch || err instanceof StartupError) {
    console.error(err.message);
    await tessera?.close().catch(() => undefined);
    process.exit(2);
  }
  throw err;
}
