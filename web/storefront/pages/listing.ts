// A listing: a category, a collection or a search, with its facets as plain links and a form
// (works without JavaScript), sort, and a "next page" link from the API's cursor.
import { html } from '../html.ts';
import { formatMoney, type ShopCurrency } from '../money.ts';
import type { Facets, ProductSummary } from '../types.ts';
import { productCard } from './product-card.ts';

export interface ListingFilters {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: string;
  cursor?: string;
}

export interface ListingInput {
  heading: string;
  path: string;
  filters: ListingFilters;
  items: ProductSummary[];
  facets: Facets | undefined;
  nextCursor: string | null;
  currency: ShopCurrency;
}

const sorts = [
  ['relevance', 'Relevance'],
  ['newest', 'Newest'],
  ['price_asc', 'Price, low to high'],
  ['price_desc', 'Price, high to low'],
  ['title', 'Name'],
] as const;

export function linkWith(
  path: string,
  filters: ListingFilters,
  change: Partial<Record<keyof ListingFilters, string | number | boolean | undefined>>,
) {
  const params = new URLSearchParams();
  const merged = { ...filters, cursor: undefined, ...change };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function facetList(input: ListingInput) {
  const { facets, filters, path, currency } = input;
  if (!facets) return '';
  return html`<aside aria-labelledby="filter-h"><h2 id="filter-h">Filter</h2>
  ${
    facets.categories.length
      ? html`<h3>Category</h3><ul>${facets.categories.map(
          (c) =>
            html`<li><a href="${linkWith(path, filters, { category: c.id })}"${filters.category === c.id ? html` aria-current="true"` : ''}>${c.name} (${c.count})</a></li>`,
        )}</ul>`
      : ''
  }
  <h3>Price</h3><ul>${facets.priceBuckets
    .filter((b) => b.count > 0)
    .map(
      (b) =>
        html`<li><a href="${linkWith(path, filters, { minPrice: b.min, maxPrice: b.max ?? undefined })}">${formatMoney(b.min, currency)}${b.max === null ? '+' : html` – ${formatMoney(b.max, currency)}`} (${b.count})</a></li>`,
    )}</ul>
  <h3>Availability</h3><ul><li><a href="${linkWith(path, filters, { inStock: true })}">In stock (${facets.inStock.true})</a></li></ul>
  ${filters.category || filters.minPrice !== undefined || filters.inStock ? html`<p><a href="${linkWith(path, { q: filters.q, sort: filters.sort }, {})}">Clear filters</a></p>` : ''}
</aside>`;
}

export function listingPage(input: ListingInput) {
  const { filters, path } = input;
  return html`<h1>${input.heading}</h1>
<div class="layout">
${facetList(input) || html`<div></div>`}
<section aria-labelledby="results-h">
  <h2 id="results-h" class="visually-hidden">Results</h2>
  <form method="get" action="${path}">
    ${filters.q ? html`<input type="hidden" name="q" value="${filters.q}">` : ''}
    ${filters.category ? html`<input type="hidden" name="category" value="${filters.category}">` : ''}
    <label for="sort">Sort by</label>
    <select id="sort" name="sort">${sorts.map(([v, label]) => html`<option value="${v}"${filters.sort === v ? html` selected` : ''}>${label}</option>`)}</select>
    <button type="submit" class="secondary">Sort</button>
  </form>
  ${input.items.length ? html`<ul class="grid">${input.items.map(productCard)}</ul>` : html`<p>No products match.</p>`}
  ${input.nextCursor ? html`<nav class="pager" aria-label="Pages"><a href="${linkWith(path, filters, { cursor: input.nextCursor })}">Next page</a></nav>` : ''}
</section>
</div>`;
}
