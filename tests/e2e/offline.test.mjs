// Working offline, in headless Chromium with the network cut (Playwright's offline mode) or the
// server gone: after one visit the app opens, designs, prices, previews, shows and prints the cut
// sheet, copies a design link and reopens a pattern seen before; what needs the server says it
// is offline; a publish made offline waits on /me (also after the tab is closed), can be
// cancelled, and goes out exactly once when the network returns, even when the first answer
// was lost (then it is retried without waiting for an `online` event). A new deploy while a
// tab is open does not break it, the embed keeps working with
// Stitchfork unreachable without the worker touching the retailer's page, and Chromium finds
// the app installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, launchBrowser, launchArgs, watchPageErrors } from './harness.mjs';

const DIST = process.env.STITCHFORK_DIST ?? 'dist';

let server, browser;
before(async () => {
  server = await startServer({ args: ['--seed-demo-if-empty'] });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); });

/** A visitor's own browser profile; the page is controlled by the service worker on return. */
async function visitor(url = server.url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  return { context, page, errors, url };
}

/** Waits until the worker is active and controls `page` (it claims open pages on activation). */
async function workerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Errors a page logs because the network is gone are expected here; anything else is not. */
const unexpected = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));

async function apiCount(title) {
  const res = await fetch(`${server.url}/api/v1/patterns?q=${encodeURIComponent(title)}&limit=100`);
  const page = await res.json();
  return page.items.filter((p) => p.title === title).length;
}

const svg = (page) => page.locator('[data-testid=preview] svg').evaluate((e) => e.outerHTML);

async function openCustomizer(page, base) {
  await page.goto(`${base}/customize/laptop-sleeve`);
  await page.locator('[data-testid=preview] svg').waitFor();
}

async function publishThroughDialog(page, title) {
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  const dialog = page.locator('dialog.publish');
  await dialog.locator('#pub-title').fill(title);
  await dialog.locator('#pub-author').fill('Offline tester');
  await dialog.locator('button[type=submit]').click();
}

test('after one visit the app opens and designs offline, and what needs the server says so', async () => {
  const { context, page, errors } = await visitor();
  await page.goto(`${server.url}/`);
  await page.locator('.card').first().waitFor();
  await workerReady(page);
  // See one pattern and the customizer while online.
  await page.locator('.card a').first().click();
  await page.waitForURL(/\/p\/\w+$/);
  const patternPath = new URL(page.url()).pathname;
  const patternTitle = await page.locator('h1').innerText();
  await openCustomizer(page, server.url);

  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-testid=preview] svg').waitFor();
  await page.locator('.offline-banner').waitFor();
  assert.match(await page.locator('.offline-banner').innerText(), /You are offline/);

  // Design: a change reprices and redraws; undo and redo with the keyboard.
  const before = await svg(page);
  const price = await page.locator('[data-testid=total]').innerText();
  await page.locator('label[for="outer_front-material-leather"]').click();
  await page.waitForFunction((b) => document.querySelector('[data-testid=preview] svg').outerHTML !== b, before);
  assert.notEqual(await page.locator('[data-testid=total]').innerText(), price, 'leather changes the price');
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((b) => document.querySelector('[data-testid=preview] svg').outerHTML === b, before);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction((b) => document.querySelector('[data-testid=preview] svg').outerHTML !== b, before);

  // The cut sheet is drawn in the browser, in a dialog with a print button.
  await page.getByRole('button', { name: 'Cut sheet' }).click();
  const sheet = page.locator('dialog.cut-sheet-dialog');
  await sheet.locator('.cut-sheet svg').waitFor();
  assert.match(await sheet.locator('.cut-sheet svg').innerHTML(), /Leather|leather/);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await sheet.getByRole('button', { name: 'Print' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'hidden' });

  // A link to the design, made without the server.
  await page.getByRole('button', { name: 'Copy link to this design' }).click();
  assert.match(await page.locator('#draft-url').inputValue(), /\/customize\/laptop-sleeve\?d=/);

  // A pattern seen before opens; the gallery's search says it needs the network.
  // The pattern page's route bundle was never fetched (the pattern was opened from the gallery,
  // file by file): offline, the worker puts it together from the module's files it keeps.
  const bundle = page.waitForResponse((r) => /\/route_pattern\.bin$/.test(r.url()));
  await page.goto(`${server.url}${patternPath}`);
  assert.equal((await bundle).status(), 200, 'the route bundle, put together offline');
  await page.locator('h1', { hasText: patternTitle }).waitFor();
  await page.goto(`${server.url}/?q=never-searched-before`);
  await page.locator('.error', { hasText: 'You are offline' }).waitFor();

  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('a publish made offline waits, survives closing the tab, can be cancelled, and goes out once', async () => {
  const { context, page } = await visitor();
  await openCustomizer(page, server.url);
  await workerReady(page);
  await context.setOffline(true);
  // Chromium's offline emulation takes a moment to reach the page (once a publish sent at once
  // reached the server): publish only when the app itself says it is offline.
  const cut = (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback());
  await context.route('**/api/v1/patterns', cut);
  await page.locator('.offline-banner').waitFor();
  await page.locator('label[for="outer_front-material-leather"]').click();
  await publishThroughDialog(page, 'Designed on a train');
  await page.waitForURL(/\/me#outbox$/);
  await page.locator('#outbox li', { hasText: 'Designed on a train' }).waitFor();
  assert.match(await page.locator('#outbox li').first().innerText(), /Waiting for the network/);
  assert.match(await page.locator('.outbox-badge').innerText(), /Waiting to publish: 1/);

  // A second one, cancelled.
  await openCustomizer(page, server.url);
  await publishThroughDialog(page, 'Changed my mind');
  await page.locator('#outbox li', { hasText: 'Changed my mind' }).waitFor();
  await page.locator('#outbox li', { hasText: 'Changed my mind' }).getByRole('button', { name: 'Cancel publishing' }).click();
  await page.locator('#outbox li', { hasText: 'Changed my mind' }).waitFor({ state: 'detached' });

  // The tab is closed; a new one, still offline, still shows it waiting.
  await page.close();
  const again = await context.newPage();
  await again.goto(`${server.url}/me`);
  await again.locator('.offline-banner').waitFor();
  await again.locator('#outbox li', { hasText: 'Designed on a train' }).waitFor();
  assert.equal(await apiCount('Designed on a train'), 0, 'nothing reached the server offline');

  // Back online: published once, listed with the other published patterns, the queue empty.
  await context.unroute('**/api/v1/patterns', cut);
  await context.setOffline(false);
  await again.locator('#outbox').waitFor({ state: 'detached' });
  await again.locator('.mine li', { hasText: 'Designed on a train' }).waitFor();
  assert.equal(await apiCount('Designed on a train'), 1);
  assert.equal(await apiCount('Changed my mind'), 0);
  // Another visit does not publish it again.
  await again.reload();
  await again.locator('.mine li', { hasText: 'Designed on a train' }).waitFor();
  assert.equal(await apiCount('Designed on a train'), 1);
  await context.close();
});

test('a publish whose answer was lost is retried on its own, with the network up, and still makes one pattern', async () => {
  // No worker here: only the app's queue and the server's Idempotency-Key are under test.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let seenKey = null;
  await page.route('**/api/v1/patterns', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    seenKey = route.request().headers()['idempotency-key'];
    await route.fetch(); // the server stores it...
    await route.abort('connectionreset'); // ...and the answer never arrives
  });
  await openCustomizer(page, server.url);
  await publishThroughDialog(page, 'Answer lost in a tunnel');
  await page.waitForURL(/\/me#outbox$/);
  assert.match(seenKey ?? '', /^[0-9a-f]{32}$/, 'the publish carried an Idempotency-Key');
  assert.equal(await apiCount('Answer lost in a tunnel'), 1, 'the first attempt was stored');

  await page.getByRole('button', { name: 'Publish now' }).waitFor();
  // The network never went away, so no `online` event comes: the outbox retries by itself.
  await page.unroute('**/api/v1/patterns');
  await page.locator('#outbox').waitFor({ state: 'detached' });
  await page.locator('.mine li', { hasText: 'Answer lost in a tunnel' }).waitFor();
  assert.equal(await apiCount('Answer lost in a tunnel'), 1, 'the retry did not publish it again');
  // The edit key the retry learnt works.
  const [mine] = await page.evaluate(() => JSON.parse(localStorage.getItem('sf.mine.v1')));
  const res = await fetch(`${server.url}/api/v1/patterns/${mine.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mine.edit_key}` },
    body: JSON.stringify({ description: 'edited with the replayed key' }),
  });
  assert.equal(res.status, 200);
  await context.close();
});

/**
 * Waits until `predicate` (async, run in the page) is true. `page.waitForFunction` does not await
 * an async predicate: the promise it returns is truthy at once.
 */
async function until(page, predicate, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(predicate))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A free port on 127.0.0.1. */
async function freePort() {
  const s = createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** A copy of the build as the next deploy would be: every hashed file under a new name. */
function nextDeploy() {
  const dir = mkdtempSync(join(tmpdir(), 'stitchfork-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const name of readdirSync(dir)) {
    const m = name.match(/^(.*-)([0-9a-f]{10,16})((?:_bg)?\.(?:js|wasm|css))$/);
    if (!m) continue;
    const renamed = `${m[1]}${m[2].slice(0, -1)}${m[2].endsWith('0') ? '1' : '0'}${m[3]}`;
    renameSync(join(dir, name), join(dir, renamed));
    rmSync(join(dir, `${name}.br`), { force: true });
    rmSync(join(dir, `${name}.gz`), { force: true });
    html = html.replaceAll(name, renamed);
  }
  // The split app's modules live in a folder named after the build (scripts/wasm-split.sh).
  for (const build of readdirSync(join(dir, 'app'))) {
    const renamed = `${build.slice(0, -1)}${build.endsWith('0') ? '1' : '0'}`;
    renameSync(join(dir, 'app', build), join(dir, 'app', renamed));
    html = html.replaceAll(`/app/${build}/`, `/app/${renamed}/`);
  }
  html = html.replace('<head>', '<head><meta name="sf-deploy" content="next">');
  writeFileSync(join(dir, 'index.html'), html);
  for (const f of ['index.html.br', 'index.html.gz', 'sw.js.br', 'sw.js.gz']) rmSync(join(dir, f), { force: true });
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/^const BUILD = '[^']*';/m, "const BUILD = 'next-deploy';");
  writeFileSync(join(dir, 'sw.js'), sw);
  return dir;
}

test('a new deploy while a tab is open: the tab keeps working, the next visit runs the new build', async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'stitchfork-e2e-deploy-'));
  const next = nextDeploy();
  let first = await startServer({ addr: `127.0.0.1:${port}`, dataDir });
  const { context, page, errors } = await visitor(first.url);
  try {
    await openCustomizer(page, first.url);
    await workerReady(page);
    await first.stop();
    first = await startServer({ addr: `127.0.0.1:${port}`, dataDir, dist: next });

    // The open tab still designs, and routes to the gallery (data from the new server).
    const before = await svg(page);
    await page.locator('label[for="outer_front-material-leather"]').click();
    await page.waitForFunction((b) => document.querySelector('[data-testid=preview] svg').outerHTML !== b, before);
    await page.getByRole('link', { name: 'Gallery' }).click();
    await page.locator('h1').first().waitFor();

    // The next visit gets the new page and the new files, never the old wasm with it.
    await page.goto(`${first.url}/customize/laptop-sleeve`);
    await page.locator('[data-testid=preview] svg').waitFor();
    assert.equal(await page.locator('meta[name=sf-deploy]').getAttribute('content'), 'next');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    const html = readFileSync(join(next, 'index.html'), 'utf8');
    // The page names its files, or (for the app's modules, fetched as pages need them) the build
    // folder they live in.
    const folders = [...html.matchAll(/\/app\/[0-9a-f]{16}\//g)].map((m) => m[0]);
    assert.ok(folders.length > 0, 'the new page names its build folder');
    for (const path of loaded.filter((p) => /\.(wasm|js|css)$/.test(p) && !p.endsWith('sw.js'))) {
      const named = html.includes(path) || folders.some((f) => path.startsWith(f));
      assert.ok(named, `${path} belongs to the new deploy`);
    }
    // Once the new worker took over, an offline start runs the new build too.
    await until(page, async () => (await caches.keys()).includes('sf-shell-next-deploy'));
    await until(page, async () => !(await caches.keys()).some((k) => k.startsWith('sf-shell-') && k !== 'sf-shell-next-deploy'));
    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=preview] svg').waitFor();
    assert.equal(await page.locator('meta[name=sf-deploy]').getAttribute('content'), 'next');
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await context.close();
    await first.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(next, { recursive: true, force: true });
  }
});

test('the embed keeps working with Stitchfork unreachable, and the worker never serves the shop', async () => {
  const stitchfork = await startServer();
  // The demo shop's page and script, from an origin of its own.
  const files = {
    '/shop.html': ['text/html', readFileSync(join(DIST, 'shop.html'), 'utf8')],
    '/shop.js': ['text/javascript', readFileSync(join(DIST, 'shop.js'), 'utf8')],
  };
  const shop = createHttpServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const shopUrl = `http://127.0.0.1:${shop.address().port}/shop.html?stitchfork=${encodeURIComponent(stitchfork.url)}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(shopUrl);
    let frame = await embedFrame(page, stitchfork.url);
    await frame.evaluate(() => navigator.serviceWorker.ready);
    await frame.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Stitchfork goes away. The retailer's page and its copy of the loader stay cached on their
    // side (played here by answering embed.js from a copy); the iframe is ours to keep working.
    const loader = readFileSync(join(DIST, 'embed.js'), 'utf8');
    await page.route(`${stitchfork.url}/embed.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: loader }));
    await stitchfork.stop();
    await page.reload();
    frame = await embedFrame(page, stitchfork.url);
    const before = await svg(frame);
    await frame.locator('label[for="outer_front-material-leather"]').click();
    await frame.waitForFunction((b) => document.querySelector('[data-testid=preview] svg').outerHTML !== b, before);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'the shop page has no worker of ours');
  } finally {
    await context.close();
    shop.close();
    await stitchfork.stop();
  }
});

async function embedFrame(page, origin) {
  await page.waitForFunction((o) => [...document.querySelectorAll('iframe')].some((f) => f.src.startsWith(o)), origin);
  const frame = page.frames().find((f) => f.url().startsWith(`${origin}/embed`));
  assert.ok(frame, 'the loader made an iframe of /embed');
  await frame.locator('[data-testid=preview] svg').waitFor();
  return frame;
}

test('Chromium finds the app installable (manifest, icons, worker)', async () => {
  // Installing needs a profile of its own: Playwright's usual contexts are incognito.
  const profile = mkdtempSync(join(tmpdir(), 'stitchfork-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: launchArgs,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await workerReady(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    for (const icon of manifest.icons) {
      const res = await fetch(`${server.url}${icon.src}`);
      assert.equal(res.status, 200, icon.src);
      assert.equal(res.headers.get('content-type'), 'image/png');
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
