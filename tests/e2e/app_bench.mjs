// Web app benchmark (not a test: it asserts nothing and times things). Measures in headless
// Chromium, with the Performance API, against the real server serving the release dist/:
//  1. compressed transfer of the customizer's first load (HTML + JS + wasm + CSS),
//  2. time from navigation start to interactive (preview drawn by the wasm app), cold cache,
//  3. time from an option click to the updated preview in the DOM and to the next frame,
//     p50/p95 over CLICKS clicks.
// Run: node tests/e2e/app_bench.mjs   (after scripts/build-web.sh). Writes bench/out/web-app.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer, launchBrowser } from './harness.mjs';

const LOADS = Number(process.env.LOADS ?? 10);
const CLICKS = Number(process.env.CLICKS ?? 200);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const r2 = (x) => Math.round(x * 100) / 100;

const server = await startServer();
const browser = await launchBrowser();
const result = { url_path: '/customize/laptop-sleeve', loads: LOADS, clicks: CLICKS };
try {
  const transfer = [];
  const interactive = [];
  for (let n = 0; n < LOADS; n++) {
    const ctx = await browser.newContext(); // fresh cache every time
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      // Interactive = the wasm app has drawn the preview (its handlers are attached in the same pass).
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid=preview] svg')) {
          window.__sfInteractive = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}${result.url_path}`);
    await page.waitForFunction(() => window.__sfInteractive !== undefined);
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').filter((r) => /\.(js|wasm|css)$/.test(new URL(r.name).pathname));
      return {
        bytes: nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0),
        files: [{ name: 'document', transfer: nav.transferSize }, ...res.map((r) => ({ name: new URL(r.name).pathname, transfer: r.transferSize }))],
        interactive: window.__sfInteractive,
      };
    });
    transfer.push(m.bytes);
    interactive.push(m.interactive);
    if (n === 0) result.first_load_files = m.files;
    await ctx.close();
  }
  result.first_load_transfer_bytes = pct(transfer, 50);
  result.time_to_interactive_ms = { p50: r2(pct(interactive, 50)), p95: r2(pct(interactive, 95)), max: r2(Math.max(...interactive)) };

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.url}${result.url_path}`);
  await page.locator('[data-testid=preview] svg').waitFor();
  const clicks = await page.evaluate(async (count) => {
    const preview = document.querySelector('[data-testid=preview]');
    const labels = ['outer_front-colour-saffron', 'outer_front-colour-moss'].map((id) => document.querySelector(`label[for="${id}"]`));
    const dom = [];
    const frame = [];
    for (let i = 0; i < count; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
        obs.observe(preview, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      labels[i % 2].click();
      const t1 = await changed;
      const t2 = await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      dom.push(t1 - t0);
      frame.push(t2 - t0);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { dom, frame };
  }, CLICKS);
  result.click_to_preview_dom_ms = { p50: r2(pct(clicks.dom, 50)), p95: r2(pct(clicks.dom, 95)) };
  result.click_to_next_frame_ms = { p50: r2(pct(clicks.frame, 50)), p95: r2(pct(clicks.frame, 95)) };
  await ctx.close();
} finally {
  await browser.close();
  await server.stop();
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/web-app.json', JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
