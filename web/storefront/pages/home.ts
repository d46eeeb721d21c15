import { html } from '../html.ts';
import type { Category, Collection, ProductSummary } from '../types.ts';
import { productCard } from './product-card.ts';

export function homePage(categories: Category[], collections: Collection[], newest: ProductSummary[]) {
  const top = categories.filter((c) => c.depth === 0);
  return html`<h1>Welcome to the shop</h1>
<section aria-labelledby="cat-h"><h2 id="cat-h">Categories</h2>
  <ul class="grid">${top.map((c) => html`<li class="card"><a href="/categories/${c.handle}">${c.name}</a></li>`)}</ul>
</section>
${
  collections.length
    ? html`<section aria-labelledby="col-h"><h2 id="col-h">Collections</h2>
  <ul class="grid">${collections.map((c) => html`<li class="card"><a href="/collections/${c.handle}">${c.title}</a></li>`)}</ul>
</section>`
    : ''
}
<section aria-labelledby="new-h"><h2 id="new-h">New in</h2>
  <ul class="grid">${newest.map(productCard)}</ul>
</section>`;
}
