// Retailer catalogs end to end (issue #13), in headless Chromium against the real server: a
// retailer brings a product of their own as JSON on the catalog page (problems shown at their
// paths, every size previewed, then published), puts the page's snippet on a shop of another
// origin, and a shopper customizes the product there and adds it to the cart in the
// retailer's currency. Then the retailer drops a colour in a new version: the published
// pattern keeps it, and a fork says what changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, watchPageErrors, staticOrigin, publishPattern } from './harness.mjs';

const CUSHIONS = JSON.parse(readFileSync(new URL('../../crates/model/tests/products/cushion-catalog.json', import.meta.url), 'utf8'));
const ID = 'northwind-cushions';

let stitchfork, browser;
before(async () => {
  stitchfork = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await stitchfork?.stop(); });

/** The cushion catalog as the retailer's, changed by `edit`. */
function catalogJson(edit = () => {}) {
  const c = structuredClone(CUSHIONS);
  c.id = ID;
  edit(c);
  return JSON.stringify(c, null, 2);
}

async function action(page, name) {
  await page.locator(`button[data-action=${name}]`).click();
}

test('a retailer publishes a product on the catalog page and a shopper on another origin buys it in SEK', async () => {
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${stitchfork.url}/catalogs`);

  // A broken catalog: every problem at its path, and nothing is stored.
  await page.fill('#catalog-json', catalogJson((c) => {
    c.materials[0].price_per_dm2_minor = -5;
    c.products[0].name.sv = '';
  }));
  await action(page, 'check');
  const problems = page.locator('[data-testid=catalog-problems]');
  await problems.waitFor();
  const text = await problems.innerText();
  assert.match(text, /materials\[0\]\.price_per_dm2_minor/);
  assert.match(text, /products\[0\]\.name\.sv/);
  await action(page, 'create');
  await page.locator('[data-testid=catalog-problems]').waitFor();
  assert.equal((await fetch(`${stitchfork.url}/api/v1/catalogs/${ID}`)).status, 404, 'a refused catalog stores nothing');

  // Fixed: every product at every size is drawn before anything is published.
  await page.fill('#catalog-json', catalogJson());
  await action(page, 'check');
  await page.locator('[data-testid=catalog-ok]').waitFor();
  const sizes = CUSHIONS.products[0].sizes.length;
  assert.equal(await page.locator('.size-preview img[src^="data:image/svg+xml"]').count(), 2 * sizes, 'front view and cut sheet per size');
  assert.match(await page.locator('.size-preview .price').first().innerText(), /SEK|kr/, 'prices in the catalog currency');

  // Published: the key once, version 1 listed, and the shop snippet.
  await action(page, 'create');
  await page.locator('[data-testid=catalog-live]').waitFor();
  const key = await page.locator('[data-testid=catalog-key]').innerText();
  assert.ok(key.length >= 20, 'the catalog key is shown');
  await page.locator('[data-testid=catalog-versions] li').first().waitFor();
  assert.match(await page.locator('[data-testid=catalog-versions]').innerText(), /v1 · SEK · cushion-cover/);
  const snippet = await page.locator('[data-testid=catalog-snippet]').innerText();
  assert.match(snippet, new RegExp(`data-catalog="${ID}" data-product="cushion-cover"`));

  // The retailer's shop, on another origin, is the snippet and a cart.
  const shop = await staticOrigin({
    '/shop.html': ['text/html', `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Cushions</title>
      <script>
        window.__events = [];
        for (const n of ['ready', 'change', 'add-to-cart']) {
          window.addEventListener('stitchfork:' + n, (e) => window.__events.push([n, e.detail]));
        }
      </script></head><body><h1>Kuddfodral</h1>${snippet}</body></html>`],
  });
  try {
    const shopper = await browser.newPage();
    const shopErrors = watchPageErrors(shopper);
    await shopper.goto(`${shop.url}/shop.html`);
    await shopper.waitForFunction(() => window.__events.some(([n]) => n === 'ready'));
    const ready = await shopper.evaluate(() => window.__events.find(([n]) => n === 'ready')[1]);
    assert.deepEqual(ready, { catalog: ID, product: 'cushion-cover', currency: 'SEK' });
    const frame = shopper.frames().find((f) => f.url().startsWith(`${stitchfork.url}/embed`));
    assert.ok(frame, 'the embed comes from Stitchfork');
    await frame.locator('[data-testid=preview] svg').waitFor();

    // The retailer's rule holds, with the retailer's reason: velvet piping is refused.
    const reveal = async (id) => {
      const closed = frame.locator(`.fold:has(#${id}) > h2 > button[aria-expanded=false]`);
      if (await closed.count()) await closed.click();
    };
    await reveal('piping-material-velvet');
    const velvet = frame.locator('#piping-material-velvet');
    assert.ok(await velvet.isDisabled(), 'velvet piping cannot be chosen');
    const why = await velvet.getAttribute('aria-describedby');
    assert.match(await frame.locator(`#${why}`).innerText(), /Velvet piping crushes flat/);

    await reveal('front-material-linen');
    await frame.locator('label[for="front-material-linen"]').click();
    await shopper.waitForFunction(() => window.__events.some(([n, d]) => n === 'change' && d.config.parts.front.material === 'linen'));
    const change = await shopper.evaluate(() => window.__events.filter(([n]) => n === 'change').at(-1)[1]);
    assert.equal(change.catalog, ID);
    assert.equal(change.product, 'cushion-cover');
    assert.equal(change.valid, true);
    assert.equal(change.price.currency, 'SEK');
    const total = await frame.locator('[data-testid=total]').innerText();
    assert.match(total, /SEK|kr/, `the shopper sees kronor: ${total}`);
    assert.equal(total.replace(/\D/g, ''), String(change.price.total_minor), 'the event carries the total the shopper sees');

    await frame.locator('[data-action=add-to-cart]').click();
    await shopper.waitForFunction(() => window.__events.some(([n]) => n === 'add-to-cart'));
    const cart = await shopper.evaluate(() => window.__events.find(([n]) => n === 'add-to-cart')[1]);
    assert.equal(cart.catalog, ID);
    assert.equal(cart.product, 'cushion-cover');
    assert.equal(cart.price.currency, 'SEK');
    assert.equal(cart.price.total_minor, change.price.total_minor);
    assert.equal(cart.config.parts.front.material, 'linen');
    assert.deepEqual(shopErrors, []);
    await shopper.close();
  } finally {
    shop.close();
  }

  // A pattern made in version 1 with the rust colour...
  const config = structuredClone(CUSHIONS.products[0].default);
  config.parts.front.colour = 'rust';
  const made = await publishPattern(stitchfork.url, { title: 'Rust front', catalog: ID, config });
  assert.equal(made.status, 201, JSON.stringify(made));
  assert.equal(made.catalog, ID);
  assert.equal(made.catalog_version, 1);

  // ...then version 2 drops rust, uploaded on the page with the key.
  await page.fill('#catalog-json', catalogJson((c) => {
    c.materials[0].colours = c.materials[0].colours.filter((x) => x.id !== 'rust');
  }));
  await action(page, 'upload');
  await page.locator('[data-testid=catalog-live]').filter({ hasText: `${ID} v2` }).waitFor();
  // The list is fetched again after the upload: wait for it, newest first.
  await page.locator('[data-testid=catalog-versions] li', { hasText: 'v2 ·' }).waitFor();
  assert.match(await page.locator('[data-testid=catalog-versions]').innerText(), /v2[\s\S]*v1/);

  // The pattern still shows rust, with its own version's names and price.
  await page.goto(`${stitchfork.url}/p/${made.id}`);
  await page.locator('[data-testid=preview] svg').waitFor();
  assert.match(await page.locator('[data-testid=preview]').innerHTML(), /#b7410e/i, 'the pinned version draws rust');

  // Forking it says what changed and starts from the nearest colour still offered.
  await page.goto(`${stitchfork.url}/customize?fork=${made.id}`);
  const notice = page.locator('[data-testid=upgrade-notice]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /No longer offered: Rust → (White|Charcoal)/);
  assert.equal(await notice.locator('li[data-path="parts.front.colour"]').count(), 1);
  await page.locator('[data-testid=preview] svg').waitFor();
  assert.deepEqual(errors.filter((e) => !/status of (404|422)/.test(e)), []);
  await page.close();
});
