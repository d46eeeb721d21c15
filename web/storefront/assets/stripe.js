// Mounts Stripe's Payment Element and confirms the payment; Stripe redirects to data-return.
(function () {
  var form = document.getElementById('stripe-form');
  if (!form || !window.Stripe) return;
  var stripe = window.Stripe(form.dataset.key);
  var elements = stripe.elements({ clientSecret: form.dataset.secret });
  elements.create('payment').mount('#payment-element');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    stripe
      .confirmPayment({
        elements: elements,
        confirmParams: { return_url: new URL(form.dataset.return, location.href).href },
      })
      .then(function (r) {
        var box = document.getElementById('stripe-error');
        if (r.error) {
          box.textContent = r.error.message;
          box.hidden = false;
        }
      });
  });
})();
