// Embedding across origins in headless Chromium: the demo shop is served from a second origin,
// Stitchfork from the first, and a third origin tries to talk to the embed and the shop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, watchPageErrors, staticOrigin } from './harness.mjs';

const DIST = process.env.STITCHFORK_DIST ?? 'dist';

const distFile = (name) => readFileSync(join(DIST, name), 'utf8');

let stitchfork, shop, browser;
before(async () => {
  stitchfork = await startServer();
  shop = await staticOrigin({
    '/shop.html': ['text/html', distFile('shop.html')],
    '/shop.js': ['text/javascript', distFile('shop.js')],
  });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); shop?.close(); await stitchfork?.stop(); });

async function publishPattern(config, title, licence = 'cc-by-4.0') {
  const res = await fetch(`${stitchfork.url}/api/v1/patterns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, description: '', tags: ['embed'], author_name: 'Shop test', config, licence }),
  });
  assert.equal(res.status, 201);
  return (await res.json());
}

/** Opens the shop with the embed, recording every event the shop page receives; `shopUrl` is
 *  the shop's address (by default the second origin, pointed at Stitchfork by ?stitchfork=). */
async function openShop(shopUrl = `${shop.url}/shop.html?stitchfork=${encodeURIComponent(stitchfork.url)}`) {
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.addInitScript(() => {
    window.__events = [];
    window.addEventListener('stitchfork:ready', (e) => window.__events.push(['ready', e.detail]));
    window.addEventListener('stitchfork:change', (e) => window.__events.push(['change', e.detail]));
    window.addEventListener('stitchfork:add-to-cart', (e) => window.__events.push(['add-to-cart', e.detail]));
  });
  await page.goto(shopUrl);
  await page.waitForFunction(() => window.__events.some(([n]) => n === 'ready'));
  const frame = page.frames().find((f) => f.url().startsWith(`${stitchfork.url}/embed`));
  assert.ok(frame, 'the loader created an iframe of /embed from the Stitchfork origin');
  await frame.locator('[data-testid=preview] svg').waitFor();
  return { page, frame, errors };
}

const lastChange = (page) => page.evaluate(() => window.__events.filter(([n]) => n === 'change').at(-1)?.[1]);
const changeCount = (page) => page.evaluate(() => window.__events.filter(([n]) => n === 'change').length);

test('ready, change with the right price, load-pattern, set-locale and add-to-cart across origins', async () => {
  const { page, frame, errors } = await openShop();
  const ready = await page.evaluate(() => window.__events.find(([n]) => n === 'ready')[1]);
  assert.equal(ready.product, 'laptop-sleeve');

  // Changing an option delivers `change` with the price the customizer shows.
  const before = await changeCount(page);
  await frame.locator('label[for="outer_front-material-leather"]').click();
  await page.waitForFunction((n) => window.__events.filter(([e]) => e === 'change').length > n, before);
  const change = await lastChange(page);
  assert.equal(change.config.parts.outer_front.material, 'leather');
  assert.equal(change.valid, true);
  const shown = (await frame.locator('[data-testid=total]').innerText()).replace(/\D/g, '');
  assert.equal(String(change.price.total_minor), shown, 'the event carries the total the shopper sees');
  await page.locator('#live-price').filter({ hasText: /\d/ }).waitFor();

  // load-pattern from the host shows that pattern.
  const config = structuredClone(change.config);
  config.parts.outer_front.material = 'wool-felt';
  config.parts.outer_front.colour = 'mustard';
  const felt = await publishPattern(config, 'Felt for the shop', 'cc-by-nc-4.0');
  await page.fill('#pattern-id', felt.id);
  await page.click('#load-pattern');
  await page.waitForFunction(
    () => window.__events.some(([n, d]) => n === 'change' && d.config.parts.outer_front.material === 'wool-felt'),
  );
  assert.deepEqual((await lastChange(page)).config, felt.config);
  // The pattern's licence and credit travel with its events.
  assert.equal((await lastChange(page)).licence, 'cc-by-nc-4.0');
  assert.deepEqual((await lastChange(page)).credit, { pattern_id: felt.id, title: 'Felt for the shop', author_name: 'Shop test' });
  await frame.locator('#outer_front-colour-mustard:checked').waitFor();

  // set-locale switches the embed's language.
  await page.selectOption('#locale', 'sv');
  await frame.locator('html[lang^=sv]').waitFor();
  await page.selectOption('#locale', 'ru');
  await frame.locator('html[lang^=ru]').waitFor();

  // add-to-cart puts configuration, price and preview into the demo cart.
  await frame.locator('[data-action=add-to-cart]').click();
  const item = page.locator('#cart-items li');
  await item.waitFor();
  assert.deepEqual(JSON.parse(await item.getAttribute('data-config')), felt.config);
  const cartEvent = await page.evaluate(() => window.__events.find(([n]) => n === 'add-to-cart')[1]);
  assert.equal(cartEvent.pattern_id, felt.id);
  assert.equal(cartEvent.licence, 'cc-by-nc-4.0');
  assert.equal(cartEvent.credit.author_name, 'Shop test');
  assert.equal(String(cartEvent.price.total_minor), await item.getAttribute('data-total'));
  assert.match(cartEvent.preview_svg, /^<svg[\s>]/);
  assert.match(await item.locator('img').getAttribute('src'), /^data:image\/svg\+xml/);
  assert.equal(await frame.locator('[data-action=add-to-cart]').innerText(), 'Add to basket', 'the retailer relabelled it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo shop served by Stitchfork itself mounts the customizer and fills its cart', async () => {
  // Same origin as the app, so the app's own Content-Security-Policy applies to the shop page:
  // its script is a file of ours, so it runs without loosening the policy.
  const res = await fetch(`${stitchfork.url}/shop.html`);
  const csp = res.headers.get('content-security-policy') ?? '';
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(scriptSrc, /unsafe-inline|\*/, 'the policy stays strict');
  const { page, frame, errors } = await openShop(`${stitchfork.url}/shop.html`);
  assert.ok(frame.url().startsWith(`${stitchfork.url}/embed`));
  await frame.locator('label[for="outer_front-material-leather"]').click();
  await page.waitForFunction(() => window.__events.some(([n, d]) => n === 'change' && d.config.parts.outer_front.material === 'leather'));
  await page.locator('#live-price').filter({ hasText: /\d/ }).waitFor();
  await frame.locator('[data-action=add-to-cart]').click();
  await page.locator('#cart-items li').waitFor();
  assert.equal(await page.locator('#cart-count').innerText(), '1');
  assert.equal(JSON.parse(await page.locator('#cart-items li').getAttribute('data-config')).parts.outer_front.material, 'leather');
  assert.deepEqual(errors, [], 'no script was blocked (a CSP violation is a console error)');
  await page.close();
});

test('messages from a third origin are ignored by the embed and by the host', async () => {
  const { page, frame } = await openShop();
  const config = await page.evaluate(() => window.__events.find(([n]) => n === 'change')[1].config);
  config.parts.outer_front.colour = 'saffron';
  const decoy = await publishPattern(config, 'Decoy');
  const evil = await staticOrigin({
    '/evil.html': ['text/html', `<script>
      const embed = parent.frames[0];
      embed.postMessage({ type: 'stitchfork:load-pattern', version: 1, data: { id: ${JSON.stringify(decoy.id)} } }, '*');
      embed.postMessage({ type: 'stitchfork:set-locale', version: 1, data: { locale: 'ru' } }, '*');
      embed.postMessage({ type: 'stitchfork:set-theme', version: 1, data: { vars: { '--sf-accent': 'rgb(1, 2, 3)' } } }, '*');
      parent.postMessage({ type: 'stitchfork:add-to-cart', version: 1, data: { config: {}, price: { total_minor: 1, currency: 'EUR' }, preview_svg: '' } }, '*');
      parent.postMessage('evil-done', '*');
    </script>`],
  });
  try {
    const done = page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data === 'evil-done') resolve(); });
    }));
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.appendChild(f);
    }, `${evil.url}/evil.html`);
    await done;
    // A legitimate command after the forged ones: once it took effect, the forged ones were seen too.
    await page.evaluate(() => Stitchfork.send('set-theme', { vars: { '--sf-radius': '7px' } }));
    const rootVar = (name) => frame.evaluate((n) => document.documentElement.style.getPropertyValue(n), name);
    await frame.waitForFunction(() => document.documentElement.style.getPropertyValue('--sf-radius') === '7px');
    assert.equal(await rootVar('--sf-accent'), '', 'the forged set-theme was ignored');
    assert.equal(await frame.locator('html').getAttribute('lang'), 'en', 'the forged set-locale was ignored');
    const events = await page.evaluate(() => window.__events.map(([n]) => n));
    assert.ok(!events.includes('add-to-cart'), 'a forged add-to-cart never reached the shop');
    assert.equal(await page.locator('#cart-items li').count(), 0);
    const changes = await page.evaluate(() => window.__events.filter(([n]) => n === 'change').map(([, d]) => d.config));
    assert.ok(changes.every((c) => c.parts.outer_front.colour !== 'saffron'), 'the forged load-pattern was ignored');
  } finally {
    evil.close();
    await page.close();
  }
});

test('frame-ancestors keeps /embed out of sites not on the configured list', async () => {
  const strict = await startServer({ env: { STITCHFORK_FRAME_ANCESTORS: 'https://shop.example' } });
  try {
    const res = await fetch(`${strict.url}/embed?product=laptop-sleeve`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors https:\/\/shop\.example(;|$)/);
    assert.match(csp, /'wasm-unsafe-eval'/);

    const page = await browser.newPage();
    const blocked = new Promise((resolve) => page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) resolve(m.text());
    }));
    await page.goto(`${shop.url}/shop.html?stitchfork=${encodeURIComponent(strict.url)}`);
    assert.match(await blocked, /violates the following Content Security Policy directive: "frame-ancestors https:\/\/shop\.example"/);
    assert.equal(await page.evaluate(() => window.__events?.length ?? document.body.dataset.embedReady ?? 'none'), 'none');
    await page.close();

    // The default server lets any site frame it.
    const open = await fetch(`${stitchfork.url}/embed`);
    assert.match(open.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
  } finally {
    await strict.stop();
  }
});
