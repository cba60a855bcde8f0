// axe-core finds no violations on any page, in every language, on a phone (390 px) and a desktop
// (1280 px): gallery, customizer, publish dialog open, pattern page, /me, /embed, a made item's
// page, the demo shop and an error state. Real server with the demo patterns, headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, watchPageErrors, defaultConfig, publishPattern, registerItem, showCatalogPreview } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const RETAILER_KEY = 'axe-retailer-key-0123456789';
let server, browser, pattern, item;
before(async () => {
  server = await startServer({ args: ['--seed-demo-if-empty'], env: { STITCHFORK_RETAILER_KEYS: `Axe-Shop=${RETAILER_KEY}` } });
  browser = await launchBrowser();
  // A fork with one change, so its page has a credit, a diff and a family tree.
  const config = await defaultConfig(browser, server.url);
  const parent = await publishPattern(server.url, { title: 'Axe parent', author_name: 'Axe', config });
  config.parts.outer_back.colour = 'saffron';
  pattern = await publishPattern(server.url, {
    title: 'Axe fork', description: 'Checked by axe', tags: ['axe'], author_name: 'Axe', config, parent_id: parent.id,
  });
  assert.equal(pattern.status, 201);
  // A made copy of it, unclaimed: its page shows the claim form.
  const made = await registerItem(server.url, RETAILER_KEY, { config, pattern_id: pattern.id });
  assert.equal(made.status, 201);
  ({ item } = made);
});
after(async () => { await browser?.close(); await server?.stop(); });

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const SCREENS = [
  ['gallery', async (page) => { await page.goto(`${server.url}/`); await page.locator('.card').first().waitFor(); }],
  ['gallery with the filters unfolded', async (page) => {
    await page.goto(`${server.url}/?sort=popular`);
    await page.locator('.card').first().waitFor();
    const toggle = page.locator('.filters-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.locator('#f-sort').waitFor();
  }],
  ['customizer', async (page) => {
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('[data-testid=preview] svg').waitFor();
    await page.locator('label[for="outer_front-material-leather"]').click();
  }],
  ['customizer, monogram open with a problem', async (page) => {
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('#monogram-h button').click();
    if (!(await page.locator('#monogram-on').isChecked())) await page.locator('label[for=monogram-on]').click();
    await page.locator('#monogram-text').fill('ABCDEFGHIJKLMNOPQRST');
    await page.locator('.problems').waitFor();
  }],
  ['publish dialog open', async (page) => {
    await page.goto(`${server.url}/customize?fork=${pattern.id}`);
    await page.locator('.forking').waitFor();
    await page.locator('.checkout > button.primary').click();
    await page.locator('dialog.publish[open]').waitFor();
  }],
  ['pattern page', async (page) => {
    await page.goto(`${server.url}/p/${pattern.id}`);
    await page.locator('[data-testid=changes] li').first().waitFor();
    await page.locator('.tree svg').waitFor();
  }],
  ['my patterns', async (page) => {
    await page.goto(`${server.url}/me`);
    await page.locator('.mine-row').waitFor();
    await page.locator('.mine-row button[aria-expanded]').click();
  }],
  ['made item page', async (page) => {
    await page.goto(`${server.url}/i/${item.id}`);
    await page.locator('article.item').waitFor();
    await page.locator('form.claim').waitFor();
  }],
  ['embed', async (page) => {
    await page.goto(`${server.url}/embed?product=laptop-sleeve`);
    await page.locator('[data-testid=preview] svg').waitFor();
  }],
  ['demo shop', async (page, lang) => {
    await page.goto(`${server.url}/shop.html`);
    await page.locator('body[data-embed-ready]').waitFor();
    await page.locator('#locale').selectOption(lang);
    await page.frameLocator('iframe').locator(`html[lang^=${lang}]`).waitFor();
  }],
  ['catalog page with every size previewed', (page) => showCatalogPreview(page, server.url)],
  ['error state', async (page) => { await page.goto(`${server.url}/p/no-such-pattern`); await page.locator('.error').waitFor(); }],
];

for (const [width, height] of [[390, 844], [1280, 900]]) {
  for (const lang of ['en', 'sv', 'ru']) {
    test(`axe-core: no violations at ${width} px in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      await context.addInitScript(([l, mine]) => {
        localStorage.setItem('sf.lang', l);
        localStorage.setItem('sf.mine.v1', JSON.stringify(mine));
      }, [lang, [{ id: pattern.id, edit_key: pattern.edit_key, title: pattern.title }]]);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      const found = [];
      for (const [name, show] of SCREENS) {
        await show(page, lang);
        for (const v of await violations(page)) found.push(`${name}: ${v}`);
      }
      assert.deepEqual(found, []);
      // The error state asks for a pattern that does not exist: Chromium logs its 404s.
      assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
      await context.close();
    });
  }
}
