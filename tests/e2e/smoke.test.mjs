// The foundation works end to end: the real server serves the built wasm app, the app renders
// in Chromium, health and caching headers are right, and SIGTERM stops the server cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, appShown } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('healthz answers 200', async () => {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200);
});

test('index.html is never cached, hashed assets are cached for a year', async () => {
  const index = await fetch(`${server.url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('cache-control') ?? '', /no-cache/);
  const html = await index.text();
  // The app's modules live in a folder named after the build (scripts/wasm-split.sh).
  const wasm = html.match(/\/app\/[0-9a-f]{16}\/[\w-]+_bg\.wasm/);
  assert.ok(wasm, 'index.html references the wasm in its build folder');
  const asset = await fetch(`${server.url}${wasm[0]}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control') ?? '', /max-age=31536000/);
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
});

test('deep links fall back to the app, unknown API paths do not', async () => {
  const deep = await fetch(`${server.url}/p/some-pattern`);
  assert.equal(deep.status, 200);
  assert.match(await deep.text(), /_bg\.wasm/);
  const api = await fetch(`${server.url}/api/v1/no-such-thing`);
  assert.equal(api.status, 404);
  assert.ok((await api.json()).error.code);
});

test('the wasm app renders in Chromium', async () => {
  const page = await browser.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/customize/laptop-sleeve`);
  // The server's first paint (a main with the starting design) stands in until the app is there:
  // the preview with its test id and the first paint gone are the wasm app's doing.
  await page.locator('[data-testid=preview] svg').waitFor();
  await appShown(page);
  assert.equal(await page.locator('main').count(), 1);
  assert.match(await page.locator('body').innerText(), /Stitchfork/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('SIGTERM stops the server with exit code 0', async () => {
  const other = await startServer();
  const { code, signal } = await other.stop();
  assert.equal(signal, null);
  assert.equal(code, 0);
});
