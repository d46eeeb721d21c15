// Mounts Stripe's Payment Element and confirms the payment; Stripe redirects to data-return.
(function () {
  var form = document.getElementById('stripe-form');
  if (!form) return;
  var box = document.getElementById('stripe-error');
  var pay = form.querySelector('button[type="submit"]');
  var say = function (message) {
    box.textContent = message;
    box.hidden = false;
  };
  if (!window.Stripe) {
    // js.stripe.com did not load (offline, or blocked by an extension): say so, Pay stays disabled.
    say('The card form could not be loaded. Please check your connection or content blocker, then reload this page.');
    return;
  }
  var stripe = window.Stripe(form.dataset.key);
  var elements = stripe.elements({ clientSecret: form.dataset.secret });
  elements.create('payment').mount('#payment-element');
  pay.disabled = false; // disabled in the page until now, so an early click cannot submit the bare form
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (pay.disabled) return; // one confirmation at a time
    pay.disabled = true;
    box.hidden = true;
    stripe
      .confirmPayment({
        elements: elements,
        confirmParams: { return_url: new URL(form.dataset.return, location.href).href },
      })
      .then(
        function (r) {
          if (r.error) say(r.error.message);
          pay.disabled = false;
        },
        function () {
          say('The payment could not be sent. Please try again.');
          pay.disabled = false;
        },
      );
  });
})();
