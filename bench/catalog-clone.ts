/**
 * Tops a seeded catalog up to N products by copying its complete products (published, priced,
 * every variant's stock known) with new ids, handles (`-c<k>`) and SKUs (`-C<k>`): the app's seed
 * takes 20-40 minutes for 20,000 products on a quiet machine and hours on a busy one, the copy a
 * minute. Titles repeat, so a search matches about N / seeded times as many products as a fully
 * seeded catalog would: the copy is the harder case for search and facets.
 *
 *   node bench/catalog-clone.ts <database url> <products>
 *
 * Only the product schema's tables are copied (what the catalog reads); pricing and inventory do
 * not know the copies, which a read benchmark never asks them about.
 */
import pg from 'pg';
import { postingsOf } from '../src/modules/product/entities/read-models.ts';

export async function cloneCatalog(url: string, target: number): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('begin');
    const [{ n }] = (await db.query(`select count(*)::int as n from product.products where status = 'published'`)).rows;
    if (n >= target) {
      await db.query('rollback');
      return n;
    }
    await db.query(`create temp table src on commit drop as
      select p.id from product.products p where p.status = 'published'
        and exists (select 1 from product.listing_prices lp where lp.product_id = p.id)
        and not exists (select 1 from product.variants v where v.product_id = p.id
          and not exists (select 1 from product.variant_stock s where s.variant_id = v.id))`);
    const [{ m }] = (await db.query('select count(*)::int as m from src')).rows;
    if (!m) throw new Error('no complete product to copy: seed some first');
    await db.query(
      `create temp table pmap on commit drop as
       select s.id as old, gen_random_uuid() as new, k from src s, generate_series(1, $1::int) k
       order by k, s.id limit $2`,
      [Math.ceil((target - n) / m), target - n],
    );
    await db.query(`create temp table vmap on commit drop as
      select v.id as old, gen_random_uuid() as new, pm.new as product, pm.k from pmap pm join product.variants v on v.product_id = pm.old`);
    // After the listing read model's migration (docs/adr/0092) its columns are copied too.
    const readModel = (
      await db.query(`select 1 from information_schema.columns where table_schema = 'product'
        and table_name = 'listing_prices' and column_name = 'variants'`)
    ).rowCount;
    const statements = [
      `insert into product.products (id, handle, title, subtitle, description, status, thumbnail, version, search,
         created_at, updated_at, in_stock, indexed_version, rating_average, rating_count, rating_version)
       select pm.new, left(p.handle, 190) || '-c' || pm.k, p.title, p.subtitle, p.description, p.status, p.thumbnail,
         p.version, p.search, p.created_at, p.updated_at, p.in_stock, p.indexed_version, p.rating_average, p.rating_count, p.rating_version
       from pmap pm join product.products p on p.id = pm.old`,
      `insert into product.variants (id, product_id, sku, title, options, weight_grams, position, created_at, updated_at)
       select vm.new, vm.product, left(v.sku, 90) || '-C' || vm.k, v.title, v.options, v.weight_grams, v.position, v.created_at, v.updated_at
       from vmap vm join product.variants v on v.id = vm.old`,
      `insert into product.product_options (id, product_id, name, "values", position)
       select gen_random_uuid(), pm.new, o.name, o."values", o.position from pmap pm join product.product_options o on o.product_id = pm.old`,
      `insert into product.images (id, product_id, url, alt, position)
       select gen_random_uuid(), pm.new, i.url, i.alt, i.position from pmap pm join product.images i on i.product_id = pm.old`,
      `insert into product.product_categories (product_id, category_id)
       select pm.new, pc.category_id from pmap pm join product.product_categories pc on pc.product_id = pm.old`,
      `insert into product.product_collections (product_id, collection_id)
       select pm.new, pc.collection_id from pmap pm join product.product_collections pc on pc.product_id = pm.old`,
      `insert into product.variant_prices (variant_id, currency, amount, original_amount, tax_inclusive, sequence)
       select vm.new, vp.currency, vp.amount, vp.original_amount, vp.tax_inclusive, vp.sequence
       from vmap vm join product.variant_prices vp on vp.variant_id = vm.old`,
      `insert into product.variant_stock (variant_id, available, in_stock, sequence)
       select vm.new, s.available, s.in_stock, s.sequence from vmap vm join product.variant_stock s on s.variant_id = vm.old`,
      `insert into product.listing_prices (product_id, currency, min_amount, max_amount)
       select pm.new, lp.currency, lp.min_amount, lp.max_amount from pmap pm join product.listing_prices lp on lp.product_id = pm.old`,
    ];
    if (readModel) {
      // The variants as shown name the variant ids: rebuilt for the copies from their own rows.
      statements.push(
        `update product.products p set category_ids = coalesce((select array_agg(pc.category_id order by pc.category_id)
           from product.product_categories pc where pc.product_id = p.id), '{}') where p.id in (select new from pmap)`,
        `update product.listing_prices lp set variants = coalesce((select jsonb_agg(jsonb_build_object(
           'id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options, 'amount', vp.amount,
           'originalAmount', vp.original_amount, 'taxInclusive', vp.tax_inclusive, 'inStock', coalesce(vs.in_stock, false))
           order by v.position, v.id) from product.variants v
           left join product.variant_prices vp on vp.variant_id = v.id and vp.currency = lp.currency
           left join product.variant_stock vs on vs.variant_id = v.id where v.product_id = lp.product_id), '[]')
         where lp.product_id in (select new from pmap)`,
      );
    }
    // After the search's price column (docs/adr/0096): the copies' cheapest price per currency.
    const minPrices = (
      await db.query(`select 1 from information_schema.columns where table_schema = 'product'
        and table_name = 'products' and column_name = 'min_prices'`)
    ).rowCount;
    if (minPrices)
      statements.push(`update product.products p set min_prices = coalesce((select jsonb_object_agg(lp.currency, lp.min_amount)
        from product.listing_prices lp where lp.product_id = p.id), '{}') where p.id in (select new from pmap)`);
    // After the search's postings (docs/adr/0101): the copies' words, scored as the read models score them.
    const postings = (
      await db.query(
        `select 1 from information_schema.tables where table_schema = 'product' and table_name = 'search_postings'`,
      )
    ).rowCount;
    if (postings)
      statements.push(`insert into product.search_postings (product_id, term, score, in_stock, category_ids, min_prices)
        ${postingsOf('p.id in (select new from pmap)')}`);
    for (const text of statements) await db.query(text);
    await db.query('commit');
    await db.query('vacuum analyze');
    return target;
  } finally {
    await db.end();
  }
}

if (import.meta.main) {
  const [url, products] = process.argv.slice(2);
  if (!url || !Number(products)) {
    console.error('usage: node bench/catalog-clone.ts <database url> <products>');
    process.exit(2);
  }
  console.log(`${await cloneCatalog(url, Number(products))} published products`);
}
