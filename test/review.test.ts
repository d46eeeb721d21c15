import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { reviewHelpers, startReviewApp, type ReviewContext } from './helpers/review.ts';
import { staffToken } from './helpers/staff.ts';

/** Reviews, booted alone (with user for tokens): order, shipping and product played by their events. */
describe('review: verified purchase, one review per product, moderation', () => {
  let ctx: ReviewContext;
  beforeAll(async () => {
    ctx = await startReviewApp();
  });
  afterAll(() => ctx?.app.stop());
  const { customer, product, buy, review, moderate, ratingEvents } = reviewHelpers(() => ctx);
  const body = { rating: 4, title: 'Solid mug', body: 'Keeps coffee warm.' };

  it('a customer who did not buy, or whose order is not delivered yet, gets 403; a guest 401', async () => {
    const { productId, variantId } = await product();
    const stranger = await customer();
    const res = await review(productId, stranger.token, body);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);

    const waiting = await customer();
    await buy(waiting.id, variantId, { delivered: false });
    const early = await review(productId, waiting.token, body);
    expect(early.statusCode, early.body).toBe(403);
    expect(early.json().detail).toMatch(/delivered/);

    // Bought another product: still not this one.
    const other = await product();
    const elsewhere = await customer();
    await buy(elsewhere.id, other.variantId);
    expect((await review(productId, elsewhere.token, body)).statusCode).toBe(403);

    expect((await ctx.app.request('POST', `/store/products/${productId}/reviews`, { body })).statusCode).toBe(401);
  });

  it('a verified buyer reviews once; a second POST updates the same review and sends it back to moderation', async () => {
    const { productId, variantId } = await product();
    const c = await customer();
    await buy(c.id, variantId);
    const first = await review(productId, c.token, { ...body, photos: ['https://img.example.com/a.jpg'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      ...body,
      status: 'pending',
      verifiedPurchase: true,
      authorName: 'Verified buyer',
    });
    expect((await moderate(first.json().id, 'publish')).statusCode).toBe(200);

    const second = await review(productId, c.token, { rating: 2, title: 'Chipped', body: 'Chipped after a week.' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      id: first.json().id,
      rating: 2,
      title: 'Chipped',
      status: 'pending',
      photos: [],
    });
    const rows = await ctx.app.db.query('select * from review.reviews where product_id = $1', [productId]);
    expect(rows).toHaveLength(1);
    // The edit withdrew the published review: the rating went up to one review, then back to none.
    const events = await ratingEvents(productId);
    expect(events.map((e) => [e.version, e.count, e.average])).toEqual([
      [1, 1, 4],
      [2, 0, 0],
    ]);
  });

  it('over the limits, or a photo that is not an http(s) URL, is a 400 naming the field', async () => {
    const { productId, variantId } = await product();
    const c = await customer();
    await buy(c.id, variantId);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, rating: 6 }, 'rating'],
      [{ ...body, rating: 0 }, 'rating'],
      [{ ...body, rating: 4.5 }, 'rating'],
      [{ ...body, title: 'x'.repeat(151) }, 'title'],
      [{ ...body, title: '' }, 'title'],
      [{ ...body, body: 'x'.repeat(5001) }, 'body'],
      [{ ...body, photos: ['javascript:alert(1)'] }, 'photos'],
      [{ ...body, photos: ['ftp://example.com/a.jpg'] }, 'photos'],
      [{ ...body, photos: Array.from({ length: 7 }, (_, i) => `https://example.com/${i}.jpg`) }, 'photos'],
      [{ ...body, status: 'published' }, 'status'],
    ];
    for (const [input, field] of cases) {
      const res = await review(productId, c.token, input);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().detail, res.body).toContain(field);
    }
    // A NUL character Postgres cannot store is the caller's mistake too, never a 500.
    const nul = await review(productId, c.token, { ...body, body: 'a\u0000b' });
    expect(nul.statusCode, nul.body).toBe(400);
  });

  it('only published reviews are shown; rejecting carries a reason the author sees; staff reply', async () => {
    const { productId, variantId } = await product();
    const [a, b] = [await customer(), await customer()];
    for (const c of [a, b]) await buy(c.id, variantId);
    const ra = (await review(productId, a.token, { ...body, rating: 5 })).json();
    const rb = (await review(productId, b.token, { ...body, rating: 1, title: 'spam spam' })).json();
    const list = () => ctx.app.request('GET', `/store/products/${productId}/reviews`);
    expect((await list()).json()).toMatchObject({ items: [], rating: { count: 0, average: 0 } });

    expect((await moderate(ra.id, 'publish')).json()).toMatchObject({ status: 'published', actions: ['reject'] });
    const rejected = await moderate(rb.id, 'reject', 'advertising');
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'advertising' });
    expect((await moderate(rb.id, 'reject')).statusCode).toBe(409);
    const reply = await ctx.app.request('PUT', `/admin/reviews/${ra.id}/reply`, {
      token: ctx.moderator,
      body: { text: 'Thank you!' },
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const shown = (await list()).json();
    expect(shown.items.map((r: { id: string }) => r.id)).toEqual([ra.id]);
    expect(shown.items[0]).toMatchObject({ reply: { text: 'Thank you!' } });
    expect(shown.items[0]).not.toHaveProperty('customerId');
    expect(shown.rating).toMatchObject({ count: 1, average: 5, distribution: { 5: 1, 1: 0 } });
    const queue = await ctx.app.request('GET', `/admin/reviews?status=rejected&productId=${productId}`, {
      token: ctx.moderator,
    });
    expect(queue.json().items.map((r: { id: string }) => r.id)).toEqual([rb.id]);
  });

  it('writing reviews is rate limited per account (10 a minute): the 11th is a 429 with Retry-After', async () => {
    const { productId, variantId } = await product();
    const c = await customer();
    await buy(c.id, variantId);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await review(productId, c.token, { ...body, title: `edit ${i}` })).statusCode);
    expect(codes).toEqual([201, ...Array(9).fill(200), 429]);
    const limited = await review(productId, c.token, body);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('moderation needs reviews:moderate: a customer or staff without it gets 403, nobody 401', async () => {
    const c = await customer();
    const clerk = await staffToken(ctx.app, ['orders:read']);
    const id = uuidv7();
    expect((await ctx.app.request('GET', '/admin/reviews')).statusCode).toBe(401);
    expect((await ctx.app.request('GET', '/admin/reviews', { token: c.token })).statusCode).toBe(403);
    expect((await ctx.app.request('POST', `/admin/reviews/${id}/publish`, { token: clerk })).statusCode).toBe(403);
    expect((await moderate(id, 'publish')).statusCode).toBe(404);
  });

  it('a stored <script> comes back as inert text: JSON with nosniff, and quoted in the CSV export', async () => {
    const { productId, variantId } = await product();
    const c = await customer();
    await buy(c.id, variantId);
    const script = '<script>alert("x")</script>';
    const r = (await review(productId, c.token, { rating: 3, title: script, body: `=1+1, ${script}` })).json();
    await moderate(r.id, 'publish');
    const res = await ctx.app.request('GET', `/store/products/${productId}/reviews`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain(JSON.stringify(script));
    expect(res.json().items[0].title).toBe(script); // stored as given, not mangled
    const csv = await ctx.app.request('GET', `/admin/reviews/export.csv?productId=${productId}`, {
      token: ctx.moderator,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const line = csv.body.split('\r\n')[1];
    expect(line).toContain(`"<script>alert(""x"")</script>"`);
    expect(line).toContain(`"'=1+1, <script>alert(""x"")</script>"`);
  });
});
