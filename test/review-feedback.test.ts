import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewHelpers, startReviewApp, type ReviewContext } from './helpers/review.ts';

/** Helpful votes (one per account), abuse reports, and the storefront listing's sorts and cursor paging. */
describe('review: votes, reports, listing', () => {
  let ctx: ReviewContext;
  beforeAll(async () => {
    ctx = await startReviewApp();
  });
  afterAll(() => ctx?.app.stop());
  const { customer, product, review, publishedReview } = reviewHelpers(() => ctx);
  const list = (productId: string, query = '') =>
    ctx.app.request('GET', `/store/products/${productId}/reviews?${query}`);
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((r) => r.id);

  it('a helpful vote counts once per account, can be taken back, and not given to your own review', async () => {
    const { productId, variantId } = await product();
    const { id, customer: author } = await publishedReview(productId, variantId, 4);
    const [a, b] = [await customer(), await customer()];
    const vote = (token: string, method = 'PUT') => ctx.app.request(method, `/store/reviews/${id}/helpful`, { token });
    expect((await vote(a.token)).json()).toEqual({ helpfulCount: 1, voted: true });
    expect((await vote(a.token)).json()).toEqual({ helpfulCount: 1, voted: true });
    expect((await vote(b.token)).json()).toEqual({ helpfulCount: 2, voted: true });
    expect((await vote(b.token, 'DELETE')).json()).toEqual({ helpfulCount: 1, voted: false });
    expect((await vote(b.token, 'DELETE')).json()).toEqual({ helpfulCount: 1, voted: false });
    expect((await vote(author.token)).statusCode).toBe(403);
    // Concurrent votes of one account still count once.
    const c = await customer();
    await Promise.all(Array.from({ length: 5 }, () => vote(c.token)));
    expect((await list(productId)).json().items[0].helpfulCount).toBe(2);
  });

  it('an unpublished review cannot be voted on or reported (404)', async () => {
    const { productId, variantId } = await product();
    const author = await customer();
    const { buy } = reviewHelpers(() => ctx);
    await buy(author.id, variantId);
    const pending = (await review(productId, author.token, { rating: 3, title: 't', body: 'b' })).json();
    const c = await customer();
    expect((await ctx.app.request('PUT', `/store/reviews/${pending.id}/helpful`, { token: c.token })).statusCode).toBe(
      404,
    );
    const report = await ctx.app.request('POST', `/store/reviews/${pending.id}/reports`, {
      token: c.token,
      body: { reason: 'spam' },
    });
    expect(report.statusCode).toBe(404);
  });

  it('an abuse report counts once per account and lists the review for staff', async () => {
    const { productId, variantId } = await product();
    const { id } = await publishedReview(productId, variantId, 1);
    const [a, b] = [await customer(), await customer()];
    const report = (token: string, body: unknown) =>
      ctx.app.request('POST', `/store/reviews/${id}/reports`, { token, body });
    expect((await report(a.token, { reason: 'spam' })).statusCode).toBe(202);
    expect((await report(a.token, { reason: 'offensive', note: 'rude' })).statusCode).toBe(202);
    expect((await report(b.token, { reason: 'fake' })).statusCode).toBe(202);
    expect((await report(b.token, { reason: 'because' })).statusCode).toBe(400);
    const reported = await ctx.app.request('GET', `/admin/reviews?reported=true&productId=${productId}`, {
      token: ctx.moderator,
    });
    expect(reported.json().items).toMatchObject([{ id, reportCount: 2 }]);
    const rows = await ctx.app.db.query(
      'select reason, note from review.abuse_reports where review_id = $1 order by reason',
      [id],
    );
    expect(rows).toEqual([
      { reason: 'fake', note: null },
      { reason: 'offensive', note: 'rude' },
    ]);
  });

  it('pages by cursor in each sort without skipping or repeating; a forged cursor is a 400', async () => {
    const { productId, variantId } = await product();
    const ratings = [3, 5, 1, 4, 5, 2, 3];
    const made: { id: string; rating: number }[] = [];
    for (const rating of ratings) made.push({ id: (await publishedReview(productId, variantId, rating)).id, rating });
    // Helpful votes on two of them: the third and the sixth.
    for (const [i, votes] of [
      [2, 2],
      [5, 1],
    ] as const)
      for (let v = 0; v < votes; v++)
        await ctx.app.request('PUT', `/store/reviews/${made[i].id}/helpful`, { token: (await customer()).token });

    const all = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(productId, `sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...ids(res));
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const newest = [...made].reverse();
    expect(await all('newest')).toEqual(newest.map((r) => r.id));
    expect(await all('rating')).toEqual(
      [...newest].sort((x, y) => y.rating - x.rating).map((r) => r.id), // stable: ties stay newest first
    );
    expect(await all('rating_asc')).toEqual([...newest].sort((x, y) => x.rating - y.rating).map((r) => r.id));
    const helpful = await all('helpful');
    expect(helpful.slice(0, 2)).toEqual([made[2].id, made[5].id]);
    expect(helpful).toHaveLength(ratings.length);

    const page = (await list(productId)).json();
    expect(page.rating).toMatchObject({ count: 7, average: 3.29, distribution: { 1: 1, 2: 1, 3: 2, 4: 1, 5: 2 } });
    const bad = await list(productId, 'cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
    expect((await list(productId, 'sort=oldest')).statusCode).toBe(400);
  });
});
