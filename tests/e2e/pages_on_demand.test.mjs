// Each page's code is a module of its own (src/lazy.rs, scripts/wasm-split.sh): a first visit
// downloads the shell and the page it opens, not the others; a module that cannot be fetched
// shows an error with a retry instead of a dead page, and the retry works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, appShown } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer({ args: ['--seed-demo-if-empty'] }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/// The modules a page fetched, as a first visit's route bundle (route_<module>.bin) or one by
/// one (split_<module>.wasm): pages, and `on_demand` (the customizer's publish dialog and cut
/// sheet, fetched a moment after the customizer shows, or on first use).
function watchModules(page) {
  const fetched = [];
  page.on('request', (req) => {
    const m = new URL(req.url()).pathname.match(/\/(?:split|route)_(\w+)\.(?:wasm|bin)$/);
    if (m) fetched.push(m[1]);
  });
  return fetched;
}
const pagesOnly = (modules) => modules.filter((m) => m !== 'on_demand');

test('the gallery loads its own module only; the customizer arrives when opened', async () => {
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  const modules = watchModules(page);
  await page.goto(`${server.url}/`);
  await appShown(page);
  await page.locator('.card').first().waitFor();
  assert.deepEqual(modules, ['gallery']);
  await page.getByRole('link', { name: 'Design your own' }).click();
  await page.locator('main svg').first().waitFor();
  assert.deepEqual(pagesOnly(modules), ['gallery', 'customize']);
  // The publish dialog is not part of the page: it comes with the on-demand module.
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  await page.locator('dialog.publish[open]').waitFor();
  assert.deepEqual(modules.filter((m) => m === 'on_demand'), ['on_demand']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page module that fails to load shows an error with a retry, and the retry loads it', async () => {
  const page = await browser.newPage();
  let refuse = true;
  await page.route(/\/split_customize\.wasm$/, (route) => (refuse ? route.abort() : route.continue()));
  await page.goto(`${server.url}/`);
  await appShown(page);
  await page.locator('.card').first().waitFor();
  await page.getByRole('link', { name: 'Design your own' }).click();
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'This page could not be loaded' }).waitFor();
  // The rest of the app still works: the header navigates.
  assert.equal(await page.getByRole('link', { name: 'Gallery' }).isVisible(), true);
  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('main svg').first().waitFor();
  assert.equal(await page.getByRole('heading', { name: 'This page could not be loaded' }).count(), 0);
  await page.close();
});

test('a first visit to every route fetches its page as one bundle with the shell, and the app uses it', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  const pattern = await page.locator('.card a').first().getAttribute('href');
  const routes = [
    ['/', 'gallery'],
    ['/customize/laptop-sleeve', 'customize'],
    [pattern, 'pattern'],
    ['/me', 'me'],
    ['/embed', 'embed'],
    ['/catalogs', 'on_demand'],
  ];
  for (const [path, module] of routes) {
    // A fresh page each time: the bundle is for a first load.
    const visit = await browser.newPage();
    const errors = watchPageErrors(visit);
    await visit.goto(`${server.url}${path}`);
    await appShown(visit);
    await visit.locator('main :is(h1, svg)').first().waitFor();
    const files = await visit.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname.split('/').pop())
        .filter((f) => /^(route_\w+\.bin|split_\w+\.wasm|chunk_\d+\.wasm)$/.test(f)),
    );
    assert.equal(files[0], `route_${module}.bin`, `${path}: its page comes as one bundle`);
    assert.ok(!files.includes(`split_${module}.wasm`), `${path}: not file by file too`);
    // The customizer fetches the on-demand module (file by file) a moment after it shows.
    if (module !== 'customize') assert.deepEqual(files, [`route_${module}.bin`], `${path}: one request for its page`);
    assert.deepEqual(errors, []);
    await visit.close();
  }
  await page.close();
});

test("a pattern's link shows the design before the app runs, and the app's page then takes its place", async () => {
  const list = await (await fetch(`${server.url}/api/v1/patterns?limit=1`)).json();
  const p = list.items[0];
  // Without scripts: what a phone shows while the wasm is still on its way.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const still = await context.newPage();
  await still.goto(`${server.url}/p/${p.id}`);
  const picture = still.locator('#first-paint img.preview');
  await picture.waitFor();
  assert.equal(await picture.getAttribute('alt'), `${p.title} by ${p.author_name}: ${await productName(p.product)}`);
  assert.ok(await picture.evaluate((img) => img.complete && img.naturalWidth > 0), 'the preview is drawn');
  assert.equal(await still.locator('#first-paint h1').innerText(), p.title);
  await context.close();

  // With the app: its own page replaces the stand-in, and only one page is left.
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/p/${p.id}`);
  await page.locator('[data-testid=preview] svg').waitFor();
  await appShown(page);
  assert.equal(await page.locator('h1').innerText(), p.title);
  assert.ok(await page.locator('header.site nav').isVisible(), 'the app is shown');
  assert.deepEqual(errors, []);
  await page.close();
});

/** A built-in product's English name. */
async function productName(id) {
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  return catalog.products.find((x) => x.id === id).name.en;
}

test('the gallery shows its newest cards before the app runs, and the app then takes their place', async () => {
  const list = await (await fetch(`${server.url}/api/v1/patterns`)).json();
  // Without scripts: the first page of cards, drawn by the server, and a search that works.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const still = await context.newPage();
  await still.goto(`${server.url}/`);
  const cards = still.locator('#first-paint .card');
  assert.equal(await cards.count(), list.items.length);
  assert.equal(await cards.first().locator('.card-title').innerText(), list.items[0].title);
  // A page of its own for screen readers while the app's is hidden: one main, one h1.
  assert.equal(await still.locator('main').count(), 1);
  assert.equal(await still.locator('h1').count(), 1);
  const picture = cards.first().locator('img');
  await still.waitForFunction(() => document.querySelector('#first-paint .card img').complete);
  assert.ok(await picture.evaluate((img) => img.naturalWidth > 0), 'the preview is drawn');
  await still.locator('#first-paint-q').fill(list.items[0].title);
  await still.locator('#first-paint form.search button').click();
  await still.waitForURL(/\?q=/);
  await context.close();

  // With the app: its own gallery replaces the stand-in, with the same cards and one page left.
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/`);
  await appShown(page);
  assert.ok(await page.locator('header.site nav').isVisible(), 'the app is shown');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('main .card .card-title').first().innerText(), list.items[0].title);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a product's customizer shows its starting design before the app runs; a visitor with a draft sees the app instead", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const still = await context.newPage();
  await still.goto(`${server.url}/customize/laptop-sleeve`);
  assert.ok(await still.locator('#first-paint .preview svg').isVisible(), 'the starting design is drawn');
  assert.equal(await still.locator('#first-paint h1').innerText(), 'Laptop sleeve');
  assert.equal(await still.locator('main').count(), 1);
  await context.close();

  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/customize/laptop-sleeve`);
  await page.locator('[data-testid=preview] svg').waitFor();
  await appShown(page);
  assert.equal(await page.locator('h1').count(), 1);
  // A change saves a draft; the next visit's page is marked before anything is drawn, so the
  // starting design (not theirs) is never shown over the app.
  const other = await page.locator('fieldset[data-field=size] input[type=radio]:not(:checked)').first().getAttribute('id');
  await page.locator(`label[for="${other}"]`).click();
  await page.waitForFunction(() => localStorage.getItem('sf.draft.v1.laptop-sleeve') !== null);
  await page.goto(`${server.url}/customize/laptop-sleeve`);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('sf-app-first')), true);
  await page.locator('[data-testid=preview] svg').waitFor();
  assert.ok(await page.locator(`#${other}`).isChecked(), 'the draft is what is shown');
  assert.deepEqual(errors, []);
  await page.close();
});
