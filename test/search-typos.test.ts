import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, sku } from './helpers/catalog.ts';

/** Typo tolerance as a shopper meets it (issue 17's examples), staff's synonyms and stop words, "did you mean". */
describe('search that forgives (postgres)', () => {
  let app: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};
  const search = async (q: string) => {
    const res = await app.request('GET', `/store/products?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const titles = async (q: string) => (await search(q)).items.map((p: any) => p.title);

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', CATALOG_CACHE_SECONDS: 0 });
    admin = await adminToken(app);
    const knitwear = (
      await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Knitwear' } })
    ).json();
    const coats = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Coats' } })).json();
    for (const [title, category] of [
      ['Waxed Canvas Jacket', coats.id],
      ['Organic Cotton Sweater', knitwear.id],
      ['Cashmere Scarf', knitwear.id],
      ['Merino Wool Jumper', knitwear.id],
      ['Linen Shirt', coats.id],
    ]) {
      const p = (
        await app.request('POST', '/admin/products', {
          token: admin,
          body: { title, status: 'published', categoryIds: [category], variants: [{ sku: sku() }] },
        })
      ).json();
      await announcePrice(app, p.variants[0].id, 'EUR', 5000);
      ids[title] = p.id;
    }
    await eventually(async () => (await titles('linen')).length === 1, 10_000, 50);
  });
  afterAll(() => app?.stop());

  it('finds through one substitution, deletion or transposition in a short word, two edits in a long one', async () => {
    expect(await titles('jaket')).toEqual(['Waxed Canvas Jacket']);
    expect(await titles('swaeter')).toEqual(['Organic Cotton Sweater']);
    expect(await titles('oragnic')).toEqual(['Organic Cotton Sweater']);
    expect(await titles('cashmire')).toEqual(['Cashmere Scarf']);
    expect(await titles('kashmire')).toEqual(['Cashmere Scarf']); // two edits, 8 letters
    expect(await titles('wxaed canvsa jackte')).toEqual(['Waxed Canvas Jacket']);
    expect(await titles('scraf xyz')).toEqual([]); // every word must match
  });

  it('reads the last word as the start of a word (search as you type), typos allowed in it', async () => {
    expect(await titles('swea')).toEqual(['Organic Cotton Sweater']);
    expect(await titles('merino ju')).toEqual(['Merino Wool Jumper']);
    expect(await titles('linen shri')).toEqual(['Linen Shirt']);
    expect(await titles('knitw')).toHaveLength(3); // category names are searched too
  });

  it('offers "did you mean" when nothing matches, only with a query that finds something', async () => {
    const miss = await search('jaekt');
    expect(miss.items).toEqual([]);
    expect(miss.didYouMean).toBe('jacket');
    expect((await search(miss.didYouMean)).items[0].id).toBe(ids['Waxed Canvas Jacket']);
    expect((await search('umbrella')).didYouMean).toBeUndefined();
    expect((await search('jacket')).didYouMean).toBeUndefined();
  });

  it('applies the synonyms and stop words staff set', async () => {
    expect(await titles('pullover')).toEqual([]);
    expect(await titles('the scarf')).toEqual([]);
    const put = await app.request('PUT', '/admin/search/settings', {
      token: admin,
      body: { synonyms: [['Jumper', 'sweater', 'pullover']], stopWords: ['the', 'for'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ synonyms: [['jumper', 'sweater', 'pullover']], stopWords: ['the', 'for'] });
    expect((await titles('pullover')).sort()).toEqual(['Merino Wool Jumper', 'Organic Cotton Sweater']);
    expect((await titles('pulover')).sort()).toEqual(['Merino Wool Jumper', 'Organic Cotton Sweater']);
    expect(await titles('the scarf for')).toEqual(['Cashmere Scarf']);
    expect((await app.request('GET', '/admin/search/settings', { token: admin })).json().stopWords).toEqual([
      'the',
      'for',
    ]);
  });

  it('keeps the settings to staff and refuses malformed ones', async () => {
    const customer = (await registerCustomer(app)).token;
    expect((await app.request('GET', '/admin/search/settings', { token: customer })).statusCode).toBe(403);
    const bad = await app.request('PUT', '/admin/search/settings', {
      token: admin,
      body: { synonyms: [['two words', 'x']], stopWords: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
