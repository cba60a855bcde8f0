// Shared pieces of the browser tests: a real `stitchfork serve` on a free port with its own
// temporary SQLite database, and a headless Chromium from Debian (no browser downloads here).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const BIN = process.env.STITCHFORK_BIN ?? 'target/debug/stitchfork';
const DIST = process.env.STITCHFORK_DIST ?? 'dist';

/**
 * Starts the real server; resolves once it printed its URL. `stop()` ends it with SIGTERM.
 * `addr`, `dist` and `dataDir` let a test restart a server in place (a new deploy): the same
 * address and database, another build. A `dataDir` given by the caller is not deleted.
 */
export async function startServer({ args = [], env = {}, addr = '127.0.0.1:0', dist = DIST, dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'stitchfork-e2e-'));
  const child = spawn(
    BIN,
    ['serve', '--addr', addr, '--database-url', `sqlite://${dir}/stitchfork.db`, '--dist', dist, ...args],
    { env: { ...process.env, RUST_LOG: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const m = line.match(/https?:\/\/\S+/);
      if (m) resolve(m[0].replace(/\/$/, '')); else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return {
    url,
    dir,
    process: child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const result = await exited;
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

/** The Chromium flags this closed network needs. */
export const launchArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A headless Chromium from Debian. */
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: launchArgs });
}

/** Fails the test on any uncaught error or console error inside the page (a wasm panic lands there). */
export function watchPageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/**
 * Waits until the app's own page has replaced the server's first paint (the gallery, a pattern and
 * a customizer are drawn by the server first, with the same headings and cards: a locator for
 * them can match the first paint before the app is there).
 */
export const appShown = (page) => page.locator('#first-paint').waitFor({ state: 'detached' });

/** The customizer's default design, as its address bar carries it (`?d=`, base64url JSON). */
export async function defaultConfig(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}/customize/laptop-sleeve`);
  await page.waitForURL(/\?d=/);
  const d = new URL(page.url()).searchParams.get('d');
  await page.close();
  return JSON.parse(Buffer.from(d, 'base64url').toString());
}

/** Publishes through the API; resolves to the answer's JSON with its `status`. */
/** Registers a made item as a retailer (`key`); resolves to the status and the answer. */
export async function registerItem(url, key, body) {
  const res = await fetch(`${url}/api/v1/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...(await res.json()) };
}

export async function publishPattern(url, body, lang = 'en') {
  const res = await fetch(`${url}/api/v1/patterns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify({ description: '', tags: [], author_name: '', ...body }),
  });
  return { status: res.status, ...(await res.json()) };
}

/** A plain static origin on a free port: `routes` maps a path to [content-type, body]. */
export async function staticOrigin(routes) {
  const server = createServer((req, res) => {
    const route = { '/favicon.ico': ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'], ...routes }[new URL(req.url, 'http://x').pathname];
    if (!route) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': route[0] }).end(route[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The catalog page with the example catalog checked and every product drawn at every size. */
export async function showCatalogPreview(page, url) {
  await page.goto(`${url}/catalogs`);
  await page.locator('button[data-action=example]').click();
  await page.waitForFunction(() => document.querySelector('#catalog-json')?.value.length > 100);
  await page.locator('button[data-action=check]').click();
  await page.locator('.size-preview img').first().waitFor();
}
