import { adjustStock, type AdjustStock } from './adjust-stock.ts';
import type { StockContext } from './stock-context.ts';

/** Many staff adjustments (an import, a stock take) in one transaction: all apply, or none. */
export async function adjustStockInBulk(ctx: StockContext, items: AdjustStock[]): Promise<number> {
  await ctx.em.transactional(async (em) => {
    for (const item of items) await adjustStock({ ...ctx, em }, item);
  });
  return items.length;
}
