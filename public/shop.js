// The demo shop's own script (public/shop.html). A file, not an inline <script>: Stitchfork serves
// its pages with a Content-Security-Policy that runs only its own script files.
// The one snippet a retailer adds is <script src="https://STITCHFORK-HOST/embed.js" async>;
// this demo picks the host from ?stitchfork= so it can be served from any origin.
(function () {
  var host = new URLSearchParams(location.search).get('stitchfork') || location.origin;
  var s = document.createElement('script');
  s.src = host.replace(/\/$/, '') + '/embed.js';
  s.async = true;
  s.onload = wire;
  document.head.appendChild(s);
})();

function money(price) {
  return new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: price.currency })
    .format(price.total_minor / 100);
}

function wire() {
  var el = document.getElementById('customizer');
  Stitchfork.on('ready', function () { document.body.setAttribute('data-embed-ready', '1'); });
  Stitchfork.on('change', function (data) {
    document.getElementById('live-price').textContent = data.valid ? money(data.price) : 'not valid yet';
  });
  Stitchfork.on('add-to-cart', function (data) {
    var li = document.createElement('li');
    var img = document.createElement('img');
    // An <img> never runs script inside the SVG, so the preview is safe to show as is.
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(data.preview_svg);
    img.alt = 'Preview of the customized sleeve';
    var text = document.createElement('span');
    text.className = 'cart-line';
    text.textContent = data.config.size + ' sleeve, ' + data.config.parts.outer_front.material +
      ' (' + money(data.price) + ')' + (data.pattern_id ? ', pattern ' + data.pattern_id : '');
    li.dataset.config = JSON.stringify(data.config);
    li.dataset.total = String(data.price.total_minor);
    li.append(img, text);
    document.getElementById('cart-items').appendChild(li);
    document.getElementById('cart-count').textContent = String(document.querySelectorAll('#cart-items li').length);
  });
  document.getElementById('locale').addEventListener('change', function (e) {
    Stitchfork.send('set-locale', { locale: e.target.value }, el);
  });
  document.getElementById('load-pattern').addEventListener('click', function () {
    Stitchfork.send('load-pattern', { id: document.getElementById('pattern-id').value.trim() }, el);
  });
  document.getElementById('dark-theme').addEventListener('click', function () {
    Stitchfork.send('set-theme', { vars: { '--sf-bg': '#16181d', '--sf-fg': '#f3f3f3', '--sf-accent': '#f2b233' } }, el);
  });
}
