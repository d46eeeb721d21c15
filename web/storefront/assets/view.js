// Records the product view once the page is shown (routes/product-views.ts): the page itself may
// come from the page cache, and what runs no script (crawlers, previews, prefetches) is no view.
(function () {
  var el = document.querySelector('[data-product-view]');
  if (!el || !navigator.sendBeacon) return;
  navigator.sendBeacon('/views', new URLSearchParams({ productId: el.getAttribute('data-product-view') }));
})();
