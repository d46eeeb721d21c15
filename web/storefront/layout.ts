// The page shell every page shares: header with search and currency switch, main, footer.
import { html, type Html } from './html.ts';
import { currencies, type ShopCurrency } from './money.ts';
import { styles } from './styles.ts';

export interface PageInput {
  title: string;
  body: Html;
  currency: ShopCurrency;
  /** Where the currency switch returns to. */
  path: string;
  signedIn: boolean;
  cartCount?: number;
  query?: string;
  /** Page-specific script, e.g. the variant picker. */
  scripts?: string[];
  description?: string;
}

export function page(p: PageInput): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · Tessera Shop</title>
${p.description ? html`<meta name="description" content="${p.description}">` : ''}
<style>${styles}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Tessera Shop</a>
  <form class="search" role="search" action="/search" method="get">
    <label for="q" class="visually-hidden">Search products</label>
    <input id="q" name="q" type="search" value="${p.query ?? ''}" placeholder="Search products" autocomplete="off"
      aria-controls="suggestions" aria-autocomplete="list">
    <button type="submit">Search</button>
    <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
  </form>
  <nav aria-label="Shop">
    <a href="/cart">Cart${p.cartCount ? html` <span class="badge">${p.cartCount}</span>` : ''}</a>
    <a href="/account">${p.signedIn ? 'Account' : 'Sign in'}</a>
  </nav>
  <form class="currency" action="/currency" method="post">
    <label for="currency">Currency</label>
    <select id="currency" name="currency">
      ${currencies.map((c) => html`<option value="${c}"${c === p.currency ? html` selected` : ''}>${c}</option>`)}
    </select>
    <input type="hidden" name="back" value="${p.path}">
    <button type="submit">Set</button>
  </form>
</header>
<main id="main">
${p.body}
</main>
<footer class="foot"><p>Tessera Shop: a demo storefront on the Tessera API.</p></footer>
<script src="/assets/search.js" defer></script>
${(p.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</body>
</html>`;
}

export const errorBox = (message: string | undefined) =>
  message ? html`<p class="error" role="alert">${message}</p>` : '';
export const noticeBox = (message: string | undefined) =>
  message ? html`<p class="notice" role="status">${message}</p>` : '';
