// The product page. The variant picker is a radio group inside the add-to-cart form: each choice
// names its options, price and stock, so it works without JavaScript and with a keyboard.
import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Product, ProductSummary, Review, Variant } from '../types.ts';
import { errorBox, noticeBox } from '../layout.ts';
import { productCard } from './product-card.ts';

function variantPrice(v: Variant) {
  if (!v.price) return html`<span>Price on request</span>`;
  const now = formatMoney(v.price.amount, v.price.currency);
  return v.price.originalAmount > v.price.amount
    ? html`<span class="price">${now}</span> <span class="was"><span class="visually-hidden">was </span>${formatMoney(v.price.originalAmount, v.price.currency)}</span>`
    : html`<span class="price">${now}</span>`;
}

const stars = (average: number) => `${average.toFixed(1)} out of 5`;

function reviewList(reviews: Review[], rating: Product['rating']) {
  return html`<section aria-labelledby="reviews-h"><h2 id="reviews-h">Reviews</h2>
  ${rating.count ? html`<p>${stars(rating.average)} from ${rating.count} review${rating.count === 1 ? '' : 's'}</p>` : html`<p>No reviews yet.</p>`}
  <ul>${reviews.map(
    (r) =>
      html`<li><h3>${r.title}</h3><p>${r.rating} out of 5 · ${r.authorName}${r.verifiedPurchase ? ' · verified purchase' : ''}</p><p>${r.body}</p></li>`,
  )}</ul>
</section>`;
}

export interface ProductPageInput {
  product: Product;
  reviews: Review[];
  recommended: ProductSummary[];
  error?: string;
  notice?: string;
}

export function productPage({ product: p, reviews, recommended, error, notice }: ProductPageInput) {
  const firstSellable = p.variants.find((v) => v.inStock && v.price) ?? p.variants[0];
  return html`<article class="product" data-product-view="${p.id}">
<nav aria-label="Breadcrumb"><a href="/">Home</a>${p.categories.map((c) => html` › <a href="/categories/${c.handle}">${c.name}</a>`)}</nav>
<h1>${p.title}</h1>
${p.subtitle ? html`<p>${p.subtitle}</p>` : ''}
${p.images.length ? p.images.slice(0, 3).map((i) => html`<img src="${i.url}" alt="${i.alt || p.title}" width="400" height="400">`) : ''}
${errorBox(error)}${noticeBox(notice)}
<form method="post" action="/cart/items">
  <fieldset>
    <legend>Choose ${p.options.map((o) => o.name.toLowerCase()).join(' and ') || 'a variant'}</legend>
    ${p.variants.map(
      (
        v,
      ) => html`<div><input type="radio" name="variantId" id="v-${v.id}" value="${v.id}"${v === firstSellable ? html` checked` : ''}${v.inStock && v.price ? '' : html` disabled`}>
      <label for="v-${v.id}">${Object.values(v.options).join(' / ') || v.title} · ${variantPrice(v)} · <span class="${v.inStock ? 'stock-in' : 'stock-out'}">${v.inStock ? 'In stock' : 'Out of stock'}</span></label></div>`,
    )}
  </fieldset>
  <div class="field"><label for="quantity">Quantity</label><input id="quantity" name="quantity" type="number" min="1" max="99" value="1" inputmode="numeric"></div>
  <input type="hidden" name="back" value="/products/${p.handle}">
  <button type="submit"${p.inStock ? '' : html` disabled`}>Add to cart</button>
</form>
${p.description ? html`<section aria-labelledby="desc-h"><h2 id="desc-h">Description</h2><p>${p.description}</p></section>` : ''}
${reviewList(reviews, p.rating)}
${recommended.length ? html`<section aria-labelledby="rec-h"><h2 id="rec-h">You may also like</h2><ul class="grid">${recommended.map(productCard)}</ul></section>` : ''}
</article>`;
}
