// Search as you type: the header's search box lists a few matching products while typing. The
// search form works without this script; this only adds the suggestions (arrow keys, Escape).
(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  if (!input || !list || !window.fetch) return;
  var timer,
    seq = 0;
  function close() {
    list.hidden = true;
    list.innerHTML = '';
    input.setAttribute('aria-expanded', 'false');
  }
  function show(items) {
    list.innerHTML = '';
    items.forEach(function (item, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = 'suggestion-' + i;
      var a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/search/suggestions?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : { items: [] };
        })
        .then(function (body) {
          if (mine === seq) show(body.items);
        })
        .catch(close);
    }, 150);
  });
  input.addEventListener('keydown', function (e) {
    var links = list.querySelectorAll('a');
    if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[0].focus();
    }
    if (e.key === 'Escape') close();
  });
  list.addEventListener('keydown', function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && at < links.length - 1) {
      e.preventDefault();
      links[at + 1].focus();
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    }
    if (e.key === 'Escape') {
      close();
      input.focus();
    }
  });
})();
