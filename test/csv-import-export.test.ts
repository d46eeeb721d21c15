import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { staffToken } from './helpers/staff.ts';

/** CSV import and export of products, prices and stock, over HTTP (issue 16; ADR 0032). */
describe('CSV import and export', () => {
  let app: TestApp;
  let admin: string;
  const tag = Date.now().toString(36);
  const handle = `csv-tee-${tag}`;
  const [S, M, MUG] = [`TEE-S-${tag}`, `TEE-M-${tag}`, `MUG-${tag}`];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
  const upload = (what: string, body: string | Buffer, opts: { dryRun?: boolean; token?: string } = {}) =>
    app.request('POST', `/admin/${what}/import${opts.dryRun ? '?dryRun=true' : ''}`, {
      token: opts.token ?? admin,
      payload: body as string,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
  const download = async (what: string) => {
    const res = await app.request('GET', `/admin/${what}/export.csv`, { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    return res.body;
  };
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status = 422) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    return res.json();
  };

  it('imports products a row per variant; a bad row is reported by line and nothing is applied', async () => {
    const header = 'handle,title,status,sku,variant_title,weight_grams,option1_name,option1_value';
    const bad = csv(
      header,
      `${handle},Tee,published,${S},,200,Size,S`,
      `${handle},Tee,published,${M},,abc,Size,M`,
      `mug-${tag},Mug,draft,${S},,,,`,
    );
    const body = problem(await upload('products', bad));
    expect(body.errors).toEqual([
      { line: 3, column: 'weight_grams', message: 'must be a whole number' },
      { line: 4, column: 'sku', message: 'this SKU is already on line 2' },
    ]);
    expect(await download('products')).not.toContain(handle);

    const good = csv(
      header,
      `${handle},Tee,published,${S},,200,Size,S`,
      `${handle},Tee,published,${M},,210,Size,M`,
      `mug-${tag},"=HYPERLINK(""http://x"")",published,${MUG},,,,`,
    );
    const dry = await upload('products', good, { dryRun: true });
    expect(dry.json()).toEqual({ dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await download('products')).not.toContain(handle);
    const res = await upload('products', good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
    const exported = await download('products');
    expect(exported).toContain(`${handle},Tee,published,${S},,,S,200,Size,S`);
    // A title a spreadsheet would run as a formula is defused, and comes back unchanged.
    expect(exported).toContain(`mug-${tag},"'=HYPERLINK(""http://x"")",published,${MUG}`);
    const list = (await app.request('GET', `/admin/products?limit=50`, { token: admin })).json();
    expect(list.items.find((p: any) => p.handle === `mug-${tag}`).title).toBe('=HYPERLINK("http://x")');
  });

  it('changes known products, adds variants, and re-importing an export changes nothing', async () => {
    const L = `TEE-L-${tag}`;
    const res = await upload(
      'products',
      csv(
        'handle,title,status,sku,weight_grams,option1_name,option1_value',
        `${handle},Tee v2,published,${S},200,Size,S`,
        `${handle},Tee v2,published,${L},220,Size,L`,
      ),
    );
    expect(res.json(), res.body).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const exported = await download('products');
    expect(exported).toContain(`${handle},Tee v2,published,${L},,,L,220,Size,L`);
    const rows = exported.trim().split('\r\n').length - 1;
    const again = await upload('products', exported);
    expect(again.json(), again.body).toEqual({ dryRun: false, rows, created: 0, updated: 0, unchanged: rows });
    // A column the file leaves out keeps its value (weight_grams here), options included.
    const narrow = await upload(
      'products',
      csv('handle,title,status,sku,option1_name,option1_value', `${handle},Tee v2,published,${S},Size,S`),
    );
    expect(narrow.json(), narrow.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await download('products')).toContain(`${handle},Tee v2,published,${S},,,S,200,Size,S`);
    // An existing variant's options do not change by import.
    const body = problem(
      await upload(
        'products',
        csv('handle,title,status,sku,option1_name,option1_value', `${handle},Tee v2,published,${S},Size,XL`),
      ),
    );
    expect(body.errors[0]).toMatchObject({ line: 2, column: 'option1_value' });
  });

  it('imports prices and stock by SKU, publishing as single edits do; exports round-trip unchanged', async () => {
    // Pricing and inventory learn the variants from product events.
    await eventually(async () => (await download('inventory')).includes(MUG));
    await eventually(
      async () => (await app.db.query('select 1 from pricing.variants where sku = $1', [MUG])).length > 0,
    );
    const bad = csv(
      'sku,currency,amount',
      `${S},EUR,1999`,
      `NOPE-${tag},EUR,100`,
      `${M},XXX,5`,
      `${M},USD,99999999999999999`,
    );
    const body = problem(await upload('prices', bad));
    expect(body.errors.map((e: any) => [e.line, e.column])).toEqual([
      [3, 'sku'],
      [4, 'currency'],
      [5, 'amount'],
    ]);
    expect(await download('prices')).not.toContain(S);

    const prices = await upload(
      'prices',
      csv('sku,currency,amount', `${S},EUR,1999`, `${S},USD,2199`, `${MUG},EUR,900`),
    );
    expect(prices.json(), prices.body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    // The product module's listing projection hears pricing.price_changed, as after a single edit.
    await eventually(async () => {
      const p = (await app.request('GET', `/store/products/mug-${tag}?currency=EUR`)).json();
      return p.variants?.[0]?.price?.amount === 900;
    });
    const priceFile = await download('prices');
    expect(priceFile).toContain(`${S},EUR,1999\r\n${S},USD,2199`);
    expect((await upload('prices', priceFile)).json()).toMatchObject({ created: 0, updated: 0 });

    const stockBad = problem(
      await upload('inventory', csv('sku,location,on_hand', `${S},default,5`, `${S},nowhere,5`, `${M},default,-1`)),
    );
    expect(stockBad.errors.map((e: any) => [e.line, e.column])).toEqual([
      [3, 'location'],
      [4, 'on_hand'],
    ]);
    expect(await download('inventory')).toContain(`${S},default,0`);
    const stock = await upload('inventory', csv('sku,location,on_hand', `${S},default,5`, `${MUG},default,7`));
    expect(stock.json(), stock.body).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    const stockFile = await download('inventory');
    expect(stockFile).toContain(`${MUG},default,7`);
    const rows = stockFile.trim().split('\r\n').length - 1;
    expect((await upload('inventory', stockFile)).json()).toMatchObject({ updated: 0, unchanged: rows });
    await eventually(
      async () => (await app.request('GET', `/store/products/mug-${tag}`)).json().variants?.[0]?.inStock,
    );
  });

  it('refuses hostile files with a problem: a broken quote, NUL bytes, bad UTF-8, unknown columns, 10 MB', async () => {
    let body = problem(await upload('inventory', csv('sku,location,on_hand', `${S},default,5`, `"${S},default,5`)));
    expect(body.errors).toEqual([{ line: 3, column: null, message: 'a quoted field is not closed' }]);
    body = problem(await upload('inventory', csv('sku,location,on_hand', `${S}\u0000,default,5`)));
    expect(body.errors).toEqual([
      { line: 2, column: 'sku', message: 'must not contain NUL bytes or unpaired surrogates' },
    ]);
    const surrogate = Buffer.concat([
      Buffer.from(`sku,location,on_hand\r\n${S},`),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(',5\r\n'),
    ]);
    body = problem(await upload('inventory', surrogate));
    expect(body.errors[0]).toMatchObject({ line: 2, message: 'is not valid UTF-8 text' });
    body = problem(await upload('prices', csv('sku,currency,amount,colour', `${S},EUR,1,red`)));
    expect(body.errors).toEqual([{ line: 1, column: 'colour', message: 'unknown column' }]);
    body = problem(await upload('prices', csv('sku,amount', `${S},1`)));
    expect(body.errors).toEqual([{ line: 1, column: 'currency', message: 'required column missing' }]);
    const huge = 'sku,location,on_hand\r\n' + `${S},default,5\r\n`.repeat((10 * 1024 * 1024) / 20);
    problem(await upload('inventory', huge), 413);
    body = problem(await upload('inventory', ''));
    expect(body.errors).toEqual([{ line: 1, column: null, message: 'the first line must be the header' }]);
    // Nothing above applied.
    expect(await download('inventory')).toContain(`${S},default,5`);
    // A JSON body is not a file.
    const json = await app.request('POST', '/admin/prices/import', { token: admin, body: { sku: S } });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
  });

  it('needs the permissions of the matching write and read routes', async () => {
    const reader = await staffToken(app, ['catalog:read', 'stock:read']);
    for (const what of ['products', 'prices', 'inventory']) {
      expect((await upload(what, csv('sku'), { token: reader })).statusCode).toBe(403);
      expect((await app.request('GET', `/admin/${what}/export.csv`)).statusCode).toBe(401);
    }
    const nobody = await staffToken(app, ['orders:read']);
    for (const what of ['products', 'prices', 'inventory'])
      expect((await app.request('GET', `/admin/${what}/export.csv`, { token: nobody })).statusCode).toBe(403);
    const stocker = await staffToken(app, ['stock:adjust']);
    const plain = await app.request('POST', '/admin/inventory/import', {
      token: stocker,
      payload: csv('sku,location,on_hand'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(plain.json()).toEqual({ dryRun: false, rows: 0, created: 0, updated: 0, unchanged: 0 });
  });

  it('is described as it answers: the file as text/csv, refusals as problem+json, the permission once', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    for (const what of ['products', 'prices', 'inventory']) {
      const ops = {
        export: doc.paths[`/admin/${what}/export.csv`].get,
        import: doc.paths[`/admin/${what}/import`].post,
      };
      for (const [kind, op] of Object.entries(ops)) {
        const types = Object.entries(op.responses).map(([status, r]) => [status, Object.keys((r as any).content)]);
        const file = kind === 'export' ? 'text/csv' : 'application/json';
        for (const [status, t] of types)
          expect([what, kind, status, t]).toEqual([
            what,
            kind,
            status,
            [status === '200' ? file : 'application/problem+json'],
          ]);
        expect(op.description.match(/Requires the `[^`]+` permission/g)).toHaveLength(1);
      }
      problem(await app.request('GET', `/admin/${what}/export.csv`), 401);
    }
  });
});
