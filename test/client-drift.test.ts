import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDir, clientFiles, mergedOpenApiDocument } from '../client/generate-files.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

// The committed client is what `npm run client:generate` writes from today's routes: a route or
// schema changed without regenerating fails here, naming the file.
describe('typed client drift', () => {
  let db: TestDatabase;
  let files: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    files = await clientFiles(await mergedOpenApiDocument(db.url));
  }, 120_000);
  afterAll(() => db?.drop());

  it.each(['openapi.json', 'schema.d.ts'])('client/%s matches the routes (npm run client:generate)', (name) => {
    const committed = readFileSync(join(clientDir, name), 'utf8');
    expect(committed === files[name], `client/${name} is stale: run npm run client:generate`).toBe(true);
  });

  it('the document holds the store and admin APIs and no storefront page', () => {
    const paths = Object.keys(JSON.parse(files['openapi.json']!).paths);
    expect(paths).toContain('/store/products');
    expect(paths).toContain('/admin/products');
    expect(paths.filter((p) => !/^\/(store|admin|health|ready|metrics|auth|\.well-known)/.test(p))).toEqual([]);
  });
});
