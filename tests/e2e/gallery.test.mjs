// The gallery in headless Chromium against the real server with the demo patterns (34, more
// than one page of 24): "Show more" paging, filters and search kept in the URL (shareable,
// survive a reload, Back undoes a filter), and the cards always match what the API lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, appShown } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer({ args: ['--seed-demo-if-empty'] });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { page, errors: watchPageErrors(page), context };
}

/** Every pattern id the API lists for `query` (all pages), in order. */
async function apiIds(query) {
  const ids = [];
  let cursor = '';
  do {
    const res = await fetch(`${server.url}/api/v1/patterns?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    const page = await res.json();
    ids.push(...page.items.map((p) => p.id));
    cursor = page.next_cursor ?? '';
  } while (cursor);
  return ids;
}

/** The pattern ids of the cards shown, in order. */
const cardIds = (page) => page.locator('.card a').evaluateAll(
  (links) => links.map((a) => new URL(a.href).pathname.split('/').pop()),
);

/** Waits until the cards are exactly `ids`, in order (a count alone can match the page before). */
const cardsAre = (page, ids) => page.waitForFunction(
  (want) => [...document.querySelectorAll('.card a')].map((a) => new URL(a.href).pathname.split('/').pop()).join() === want.join(),
  ids,
);

test('"Show more" loads the next page until every pattern is shown, each once', async () => {
  const { page, errors, context } = await freshPage();
  const all = await apiIds('sort=new');
  assert.ok(all.length > 24, `the demo data has more than one page (${all.length})`);
  await page.goto(`${server.url}/`);
  await appShown(page);
  await page.locator('.card').first().waitFor();
  assert.deepEqual(await cardIds(page), all.slice(0, 24), 'the first page, newest first');
  const more = page.getByRole('button', { name: 'Show more' });
  while (await more.count()) {
    const before = await page.locator('.card').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.card').length > n, before);
  }
  assert.deepEqual(await cardIds(page), all, 'every pattern once, in the API order');
  assert.deepEqual(errors, []);
  await context.close();
});

test('filters and search live in the URL: shared, reloaded, undone with Back', async () => {
  const { page, errors, context } = await freshPage();
  await page.goto(`${server.url}/`);
  await appShown(page);
  await page.locator('.card').first().waitFor();

  // A material filter and a sort: the URL says so and the cards are the API's answer.
  const material = await page.locator('#f-material option').nth(1).getAttribute('value');
  await page.locator('#f-material').selectOption(material);
  await page.waitForURL((u) => u.searchParams.get('material') === material);
  await page.locator('#f-sort').selectOption('popular');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'popular' && u.searchParams.get('material') === material);
  const want = await apiIds(`material=${material}&sort=popular`);
  assert.ok(want.length > 0 && want.length < 34, `the filter narrows the gallery (${want.length})`);
  // The material filter alone shows as many cards, in another order: wait for this order.
  await cardsAre(page, want.slice(0, 24));
  assert.deepEqual(await cardIds(page), want.slice(0, 24));
  // Screen readers are told how many, once, not every card's text.
  const shown = Math.min(want.length, 24);
  await page.locator('[data-testid=gallery-status]', { hasText: `${shown} pattern${shown === 1 ? '' : 's'}` }).waitFor({ state: 'attached' });
  assert.equal(await page.locator('.cards').getAttribute('aria-live'), null);

  // A reload keeps all of it.
  await page.reload();
  await page.locator('.card').first().waitFor();
  assert.equal(await page.locator('#f-material').inputValue(), material);
  assert.equal(await page.locator('#f-sort').inputValue(), 'popular');
  assert.deepEqual(await cardIds(page), want.slice(0, 24));

  // Back undoes the sort, keeping the material.
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('sort') && u.searchParams.get('material') === material);
  const newest = await apiIds(`material=${material}&sort=new`);
  await page.waitForFunction((first) => document.querySelector('.card a')?.href.endsWith(first), newest[0]);
  assert.equal(await page.locator('#f-sort').inputValue(), 'new');
  assert.deepEqual(await cardIds(page), newest.slice(0, 24));

  // A shared search link opens with the words in the box and only the matches shown.
  const [sample] = (await (await fetch(`${server.url}/api/v1/patterns?limit=1`)).json()).items;
  const word = sample.title.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w));
  const matches = await apiIds(`q=${encodeURIComponent(word)}`);
  await page.goto(`${server.url}/?q=${encodeURIComponent(word)}`);
  await page.locator('.card').first().waitFor();
  assert.equal(await page.locator('#q').inputValue(), word);
  assert.deepEqual(await cardIds(page), matches.slice(0, 24));
  assert.deepEqual(errors, []);
  await context.close();
});
