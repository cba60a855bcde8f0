// Each page's code is a module of its own (src/lazy.rs, scripts/wasm-split.sh): a first visit
// downloads the shell and the page it opens, not the others; a module that cannot be fetched
// shows an error with a retry instead of a dead page, and the retry works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer({ args: ['--seed-demo-if-empty'] }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/// The modules (split_<module>.wasm) a page fetched: pages, and `on_demand` (the customizer's
/// publish dialog and cut sheet, fetched a moment after the customizer shows, or on first use).
function watchModules(page) {
  const fetched = [];
  page.on('request', (req) => {
    const m = new URL(req.url()).pathname.match(/\/split_(\w+)\.wasm$/);
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

test('every route preloads the module of its page with the shell, and the app uses that one', async () => {
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
    await page.goto(`${server.url}${path}`);
    await page.locator('main :is(h1, svg)').first().waitFor();
    // The customizer fetches the on-demand module a moment after it shows; only the catalog
    // page loads it first.
    const loaded = await page.evaluate((wanted) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/split_\w+\.wasm$/.test(e.name))
        .map((e) => ({ module: e.name.match(/split_(\w+)\.wasm$/)[1], by: e.initiatorType }))
        .filter((e) => e.module !== 'on_demand' || wanted === 'on_demand'),
    module);
    assert.deepEqual(loaded, [{ module, by: 'link' }], `${path} loads ${module}, preloaded`);
  }
  await page.close();
});
