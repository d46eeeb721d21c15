import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { ProductSummary } from '../types.ts';

/** A product in a grid: image, title, price (from-price when variants differ), stock. */
export function productCard(p: ProductSummary) {
  const { min, max, currency } = p.priceRange;
  const price = min === max ? formatMoney(min, currency) : `from ${formatMoney(min, currency)}`;
  return html`<li class="card">
  <a href="/products/${p.handle}">
    ${p.thumbnail ? html`<img src="${p.thumbnail}" alt="" width="200" height="200" loading="lazy">` : ''}
    <h3>${p.title}</h3>
  </a>
  <p class="price">${p.variants.length && p.variants.some((v) => v.price) ? price : 'Price on request'}</p>
  <p class="${p.inStock ? 'stock-in' : 'stock-out'}">${p.inStock ? 'In stock' : 'Out of stock'}</p>
</li>`;
}
