// A made item's page, where its label's QR code leads, on a phone (390 px): what it is and where
// it comes from; a wrong code claims nothing; the label's code claims it; the owner adds a note
// with a rating, which the pattern's page then shows, in its family tree too; the page says how to
// look after the design's materials. Real server, headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, defaultConfig, publishPattern, registerItem } from './harness.mjs';

const RETAILER_KEY = 'e2e-retailer-key-0123456789';
let server, browser;
before(async () => {
  server = await startServer({ env: { STITCHFORK_RETAILER_KEYS: `Corner-Shop=${RETAILER_KEY}` } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('the owner claims a made item with the label code and adds a note, on a phone', async () => {
  const config = await defaultConfig(browser, server.url);
  const pattern = await publishPattern(server.url, { title: 'Worn daily', author_name: 'Ada', config });
  assert.equal(pattern.status, 201);
  const registered = await registerItem(server.url, RETAILER_KEY, { config, pattern_id: pattern.id });
  assert.equal(registered.status, 201);
  const { item, claim_code: code } = registered;
  // A fork, so the pattern has a family tree to show.
  const forkConfig = structuredClone(config);
  forkConfig.parts.outer_back.colour = 'saffron';
  const fork = await publishPattern(server.url, { title: 'Worn yellow', author_name: 'Bo', config: forkConfig, parent_id: pattern.id });
  assert.equal(fork.status, 201);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/i/${item.id}`);
  await page.locator('h1', { hasText: 'Laptop sleeve' }).waitFor();
  assert.match(await page.locator('article.item').innerText(), /Made by Corner-Shop/);
  assert.equal(await page.getByRole('link', { name: 'Worn daily', exact: true }).getAttribute('href'), `/p/${pattern.id}`);
  assert.ok(await page.locator('.item-preview svg').isVisible(), 'the design is drawn');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing overflows the phone');
  // How to look after each material the design is made of, and nothing else.
  const care = page.locator('[data-testid=care]');
  assert.deepEqual(await care.locator('dt').allInnerTexts(), ['Ultrasuede', 'Full-grain leather', 'Wool felt']);
  assert.match(await care.locator('dd').first().innerText(), /soft brush/);
  // The pattern's family, with this pattern marked and its one made copy counted.
  const current = page.locator('.tree-svg .node.current');
  await current.waitFor();
  assert.equal(await current.locator('text.made').textContent(), 'Made 1');
  assert.equal(await page.locator('.tree-svg .node').count(), 2);
  const claimButton = page.getByRole('button', { name: 'Claim this item' });
  assert.ok((await claimButton.boundingBox()).height >= 44, 'a 44 px touch target');

  // A wrong code is refused and claims nothing.
  await page.getByLabel('Code on the label').fill('00000-00000');
  await claimButton.click();
  await page.locator('form.claim [role=alert]', { hasText: "not this item's code" }).waitFor();
  assert.equal((await (await fetch(`${server.url}/api/v1/items/${item.id}`)).json()).claimed, false);

  // The label's code, typed loosely, claims it; the note form replaces the claim.
  await page.getByLabel('Code on the label').fill(code.toLowerCase().replace('-', ' '));
  await claimButton.click();
  await page.getByLabel('Your note').waitFor();
  const note = 'After a year <b>the felt</b> pills at the corners';
  await page.getByLabel('Your note').fill(note);
  await page.getByLabel('Rating').selectOption('4');
  await page.getByRole('button', { name: 'Add note' }).click();
  const shown = page.locator('[data-testid=notes] li');
  await shown.first().waitFor();
  assert.equal(await shown.first().locator('.note-body').innerText(), note, 'plain text, shown as written');
  assert.match(await shown.first().innerText(), /★ 4\/5/);

  // This browser stays the owner; the pattern's page says what its copies say.
  await page.reload();
  await page.getByLabel('Your note').waitFor();
  await page.goto(`${server.url}/p/${pattern.id}`);
  const made = page.locator('[data-testid=made]');
  await made.waitFor();
  assert.equal((await made.innerText()).trim(), 'Made: 1 · Average rating 4.0 / 5');
  assert.equal(await page.locator('.made .note-body').innerText(), note);
  assert.equal(await page.locator('.tree-svg .node.current text.made').textContent(), 'Made 1 · ★ 4.0');
  assert.deepEqual(errors.filter((e) => !/status of 403/.test(e)), []);
  await context.close();
});
