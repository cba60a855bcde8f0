/*! Stitchfork embed loader, protocol v1. Dependency-free; see README "Embed in your shop".
 *
 * Replaces the content of every <div data-stitchfork [data-catalog] data-product=... [data-pattern] [data-locale]
 * [data-theme='{"--sf-accent":"#c00"}'] [data-cart-label]> with an iframe of this host's /embed,
 * keeps the iframe as tall as its content, and relays the protocol:
 *   iframe -> host: ready {catalog, product, currency}, change {catalog, product, config, price, valid},
 *                   add-to-cart {catalog, product, config, price, pattern_id?, preview_svg}
 *   host -> iframe: load-pattern {id}, set-locale {locale}, set-theme {vars}
 * Messages are {type: "stitchfork:<name>", version: 1, data}; only this host's origin is listened to
 * and posted to. Events reach Stitchfork.on(name, fn) and a CustomEvent "stitchfork:<name>" on the div.
 */
(function () {
  'use strict';
  var PREFIX = 'stitchfork:';
  var VERSION = 1;
  var script = document.currentScript;
  if (!script || window.Stitchfork) return;
  var origin = new URL(script.src, location.href).origin;
  var embeds = [];
  var listeners = {};

  function mount(el) {
    if (el.getAttribute('data-stitchfork-mounted')) return;
    el.setAttribute('data-stitchfork-mounted', '1');
    var params = new URLSearchParams();
    params.set('product', el.getAttribute('data-product') || 'laptop-sleeve');
    params.set('parent', location.origin);
    ['catalog', 'pattern', 'locale', 'theme', 'cart-label'].forEach(function (name) {
      var value = el.getAttribute('data-' + name);
      if (value) params.set(name.replace('-', '_'), value);
    });
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/embed?' + params.toString();
    iframe.title = el.getAttribute('data-title') || 'Product customizer';
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden';
    iframe.setAttribute('scrolling', 'no');
    el.textContent = '';
    el.appendChild(iframe);
    embeds.push({ el: el, iframe: iframe });
  }

  function embedFor(source) {
    for (var i = 0; i < embeds.length; i++) {
      if (embeds[i].iframe.contentWindow === source) return embeds[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var msg = event.data;
    if (!msg || typeof msg.type !== 'string' || msg.type.indexOf(PREFIX) !== 0) return;
    var embed = embedFor(event.source);
    if (!embed) return;
    if (msg.version !== VERSION) {
      console.warn('Stitchfork: ignoring message of unsupported protocol version', msg.version);
      return;
    }
    var name = msg.type.slice(PREFIX.length);
    if (name === 'resize') {
      var height = Number(msg.data && msg.data.height);
      if (height > 0 && height < 20000) embed.iframe.style.height = Math.ceil(height) + 'px';
      return;
    }
    var detail = msg.data || {};
    embed.el.dispatchEvent(new CustomEvent(PREFIX + name, { detail: detail, bubbles: true }));
    (listeners[name] || []).slice().forEach(function (fn) {
      try { fn(detail, embed.el); } catch (e) { console.error(e); }
    });
  });

  window.Stitchfork = {
    version: VERSION,
    /** Calls fn(data, element) for each event of that name from any embed on the page. */
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    off: function (name, fn) {
      listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; });
    },
    /** Sends a command to every embed, or only to the one inside `element`. */
    send: function (command, data, element) {
      embeds.forEach(function (embed) {
        if (element && embed.el !== element) return;
        embed.iframe.contentWindow.postMessage({ type: PREFIX + command, version: VERSION, data: data || {} }, origin);
      });
    },
    /** Mounts embeds added to the page after the loader ran. */
    scan: function () { document.querySelectorAll('[data-stitchfork]').forEach(mount); },
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', window.Stitchfork.scan);
  } else {
    window.Stitchfork.scan();
  }
})();
