import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, checkoutRoot } from '../src/platform/build/build.ts';
import { buildIsFresh } from '../src/platform/build/fingerprint.mjs';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { eventually } from './helpers/app.ts';
import { startServer, type Server } from './helpers/process.ts';

/**
 * Production runs the JavaScript copy `npm run build` makes (docs/adr/0115): it must boot on a new
 * database (its migrations are JavaScript too), serve, and run its event handlers, or it rots
 * unseen while every other test runs the sources.
 */
describe('the JavaScript build', () => {
  const build = join(checkoutRoot, 'build');
  let db: TestDatabase;
  let server: Server | undefined;
  beforeAll(async () => {
    await buildServer(); // (only when build/ is older than the sources)
    db = await createTestDatabase();
  }, 300_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('is current, holds no TypeScript, and every relative import in it names a file in it', async () => {
    expect(buildIsFresh(checkoutRoot)).toBe(true);
    const files = readdirSync(build, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(m?js|m?ts)$/.test(f));
    expect(files.filter((f) => /\.m?ts$/.test(f))).toEqual([]);
    expect(files).toContain(join('src', 'main.js'));
    expect(files.some((f) => f.startsWith(join('migrations', 'order')))).toBe(true);
    await init;
    const unresolved: string[] = [];
    for (const file of files.filter((f) => !f.startsWith(join('web', 'dashboard', 'dist')))) {
      const [imports] = parse(readFileSync(join(build, file), 'utf8'), file);
      for (const { n } of imports)
        if (n?.startsWith('.') && !existsSync(resolve(build, dirname(file), n))) unresolved.push(`${file}: ${n}`);
    }
    expect(unresolved).toEqual([]);
  });

  it('fills the compile cache the image starts with (docs/adr/0115)', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tessera-compile-cache-'));
    try {
      const warm = spawnSync(process.execPath, [join(build, 'src/platform/build/warm-compile-cache.js')], {
        env: { PATH: process.env.PATH ?? '', NODE_COMPILE_CACHE: cache },
        encoding: 'utf8',
      });
      expect(warm.stderr).toMatch(/compile cache for the server and \d+ modules written/);
      expect(warm.status).toBe(0);
      // (one file per module: the host, the platform, every module, their libraries)
      expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(1500);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);

  it('boots on a new database, serves /health and the product list, and its handlers fill the list', async () => {
    server = await startServer(
      {
        DATABASE_URL: db.url,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: 'Admin-password-1',
        CACHE_PREFIX: `jsbuild${Date.now()}:`,
        CATALOG_CACHE_SECONDS: '0',
      },
      120_000,
      'build/src/main.js',
    );
    const url = server.url;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, json: (await res.json()) as any };
    };
    const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
    expect(login.status).toBe(200);
    const created = await call(
      'POST',
      '/admin/products',
      { title: 'Built mug', status: 'published', variants: [{ sku: 'BUILT-1' }] },
      login.json.accessToken,
    );
    expect(created.status).toBe(201);
    // Pricing learns of the variant, and the listing of its price, through the bus's handlers.
    const variantId = created.json.variants[0].id;
    const price = { prices: [{ currency: 'EUR', amount: 1500 }] };
    await eventually(
      async () => (await call('PUT', `/admin/prices/${variantId}`, price, login.json.accessToken)).status === 200,
      20_000,
      100,
    );
    const listed = await eventually(
      async () => {
        const list = await call('GET', '/store/products?q=mug');
        return list.status === 200 && list.json.items.length ? list.json.items : undefined;
      },
      20_000,
      100,
    );
    expect(listed.map((p: { title: string }) => p.title)).toEqual(['Built mug']);
    // Bad input is still a problem+json 4xx.
    const bad = await fetch(`${url}/store/products?limit=-5`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }, 180_000);
});
