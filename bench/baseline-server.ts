/**
 * The baseline: bare Fastify + pg, no validation, no cache, no auth: the floor to compare with.
 * - GET /products: the store listing (newest published products with their EUR price range,
 *   in-stock flag and variants with price and stock), ONE hand-written SQL query over the same tables;
 * - POST /orders: the floor of the checkout call: a JSON body stored durably with ONE insert
 *   (a table of its own, made on the first call), answered 202 with its id.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
const sql = `
  select p.id, p.handle, p.title, p.subtitle, p.thumbnail, p.in_stock, lp.min_amount, lp.max_amount,
    coalesce((select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
        'amount', vp.amount, 'inStock', coalesce(vs.in_stock, false)) order by v.position)
      from product.variants v
      left join product.variant_prices vp on vp.variant_id = v.id and vp.currency = 'EUR'
      left join product.variant_stock vs on vs.variant_id = v.id
      where v.product_id = p.id), '[]') as variants
  from product.products p join product.listing_prices lp on lp.product_id = p.id and lp.currency = 'EUR'
  where p.status = 'published' order by p.id desc limit $1`;

app.get('/products', async (req) => {
  const limit = Math.min(100, Number((req.query as { limit?: string }).limit ?? 20));
  const { rows } = await pool.query(sql, [limit]);
  return { items: rows };
});

let table: Promise<unknown> | undefined;
app.post('/orders', async (req, reply) => {
  await (table ??= pool.query(`create schema if not exists bench_baseline;
    create table if not exists bench_baseline.orders (id uuid primary key default gen_random_uuid(), body jsonb not null, created_at timestamptz not null default now())`));
  const { rows } = await pool.query('insert into bench_baseline.orders (body) values ($1) returning id', [req.body]);
  return reply.code(202).send({ id: rows[0].id });
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`Baseline listening on ${address}`);
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
