// `npm run routes:table`: boots every module in-process (routes only: ROLE=api, nothing listens),
// reads the routes they declare and writes the route table, the merged OpenAPI document, the
// nginx configs and the Ingresses. Without DATABASE_URL it boots on a throwaway embedded PostgreSQL.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { boot } from '../host/boot.ts';
import { collectRoutes } from './collect-routes.ts';
import { gatewayFiles } from './generate.ts';

const root = resolve(import.meta.dirname, '../../..');
const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'tessera-routes-'));
const tessera = await boot({
  env: {
    ...process.env,
    MODULES: 'all',
    ROLE: 'api',
    SEED_DEMO: 'false',
    DOCS_DOCUMENT: undefined, // (the document is written from the routes, never read back)
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(scratch ? { DATA_DIR: scratch } : {}),
  },
});
try {
  const { routes, app } = await collectRoutes(tessera.platform, tessera.modules);
  const files = gatewayFiles(routes, app.swagger());
  await app.close();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  console.log(`${routes.length} routes; wrote ${Object.keys(files).join(', ')}`);
} finally {
  await tessera.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
