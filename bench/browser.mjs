// Browser figures of the benchmark, against a running Stitchfork that serves the built app:
//   - first load of the customizer: bytes on the wire (compressed, headers included), per kind
//   - navigation to interactive: from navigation start until the option controls and the preview
//     are in the DOM (a MutationObserver records the moment, so no polling delay is counted)
//   - option click to repaint: from the click event's timestamp until the frame after the
//     preview's DOM changed has been produced (rAF, then a task after it), over many clicks;
//     also click to the preview changed in the DOM (the app's own work, before the frame)
// Each figure is the median over --runs fresh browser contexts (empty cache).
//
//   node bench/browser.mjs --url http://127.0.0.1:PORT --out result.json [--runs 3] [--clicks 120]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
    clicks: { type: 'string', default: '120' },
    path: { type: 'string', default: '/customize/laptop-sleeve' },
    // A group of radio options whose change repaints the preview (the first matching one).
    group: { type: 'string', default: 'fieldset[data-field$="-colour"]' },
    preview: { type: 'string', default: '[data-testid="preview"]' },
  },
});
if (!opt.url || !opt.out) throw new Error('usage: browser.mjs --url URL --out FILE');

// Runs in the page before any of its scripts: records when it became interactive, and times
// each click from its event timestamp to the frame after the preview changed.
const probe = ({ group, preview }) => {
  const w = window;
  w.__sf = { interactive: null, clicks: [], doms: [], pending: null };
  const ready = () => document.querySelector(`${group} input[type=radio]:not([disabled])`)
    && document.querySelector(`${preview} svg`);
  // The probe must not add work of its own inside the measured time: it never serializes
  // the preview, it only asks whether a mutation record lies inside it.
  const mo = new MutationObserver((records) => {
    if (w.__sf.interactive === null && ready()) w.__sf.interactive = performance.now();
    const p = w.__sf.pending;
    const el = p && !p.changed && document.querySelector(preview);
    if (el && records.some((r) => el.contains(r.target))) {
      p.changed = true;
      const dom = performance.now() - p.t0;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          w.__sf.clicks.push(performance.now() - p.t0);
          w.__sf.doms.push(dom);
          w.__sf.pending = null;
        };
        ch.port2.postMessage(0);
      });
    }
  });
  mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('click', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.closest(group)) {
      w.__sf.pending = { t0: e.timeStamp, changed: false };
    }
  }, true);
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const kindOf = (url, mime) => {
  if (url.includes('/api/')) return 'api';
  if (url.endsWith('.wasm') || mime === 'application/wasm') return 'wasm';
  if (url.endsWith('.js') || mime.includes('javascript')) return 'js';
  if (url.endsWith('.css') || mime === 'text/css') return 'css';
  if (mime === 'text/html') return 'html';
  return 'other';
};

async function oneRun(browser, nClicks) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(probe, { group: opt.group, preview: opt.preview });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const reqs = new Map();
  cdp.on('Network.responseReceived', (e) => reqs.set(e.requestId, { url: e.response.url, mime: e.response.mimeType, enc: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '' }));
  const bytes = new Map();
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));

  await page.goto(opt.url + opt.path, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__sf.interactive !== null, null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const interactive = await page.evaluate(() => window.__sf.interactive);
  const byKind = {};
  let total = 0;
  for (const [id, n] of bytes) {
    const r = reqs.get(id) ?? { url: '?', mime: '' };
    const k = kindOf(r.url, r.mime);
    byKind[k] = (byKind[k] ?? 0) + n;
    total += n;
  }
  const encodings = [...reqs.values()].filter((r) => ['wasm', 'js', 'css', 'html'].includes(kindOf(r.url, r.mime))).map((r) => `${r.url.split('/').pop() || '/'}:${r.enc || 'identity'}`);

  // Alternate between the first two available options of the group, so every click changes it.
  const radios = page.locator(`${opt.group}`).first().locator('input[type=radio]:not([disabled])');
  const ids = await radios.evaluateAll((els) => els.slice(0, 2).map((e) => e.id));
  if (ids.length < 2) throw new Error(`fewer than two available options in ${opt.group}`);
  let missed = 0;
  for (let k = 0; k < nClicks; k++) {
    const before = await page.evaluate(() => window.__sf.clicks.length);
    await page.click(`label[for="${ids[(k + 1) % 2]}"]`);
    try {
      await page.waitForFunction((n) => window.__sf.clicks.length > n, before, { timeout: 5_000 });
    } catch { missed += 1; await page.evaluate(() => { window.__sf.pending = null; }); }
  }
  const { clicks, doms } = await page.evaluate(() => ({ clicks: window.__sf.clicks, doms: window.__sf.doms }));
  await context.close();
  return { first_load_bytes: total, bytes_by_kind: byKind, encodings, nav_to_interactive_ms: interactive, clicks, doms, missed, errors };
}

const browser = await launchBrowser();
const runs = [];
try {
  for (let r = 0; r < Number(opt.runs); r++) {
    const res = await oneRun(browser, Number(opt.clicks));
    console.error(`  browser run ${r + 1}: ${res.first_load_bytes} bytes, interactive at ${res.nav_to_interactive_ms.toFixed(0)} ms, ` +
      `click p50 ${median(res.clicks).toFixed(2)} ms p95 ${pct(res.clicks, 95).toFixed(2)} ms, ` +
      `preview in DOM p50 ${median(res.doms).toFixed(2)} ms p95 ${pct(res.doms, 95).toFixed(2)} ms (${res.clicks.length} clicks, ${res.missed} without repaint)`);
    runs.push(res);
  }
} finally {
  await browser.close();
}
const allClicks = runs.flatMap((r) => r.clicks);
const result = {
  page: opt.path,
  first_load_bytes: median(runs.map((r) => r.first_load_bytes)),
  first_load_bytes_by_kind: runs[0].bytes_by_kind,
  encodings: runs[0].encodings,
  nav_to_interactive_ms: median(runs.map((r) => r.nav_to_interactive_ms)),
  nav_to_interactive_ms_runs: runs.map((r) => Math.round(r.nav_to_interactive_ms)),
  clicks: allClicks.length,
  click_p50_ms: median(runs.map((r) => median(r.clicks))),
  click_p95_ms: median(runs.map((r) => pct(r.clicks, 95))),
  click_p50_ms_runs: runs.map((r) => Number(median(r.clicks).toFixed(2))),
  click_p95_ms_runs: runs.map((r) => Number(pct(r.clicks, 95).toFixed(2))),
  click_max_ms: Math.max(...allClicks),
  // The app's own work: click to the preview changed in the DOM (before the frame).
  click_to_dom_p50_ms: median(runs.map((r) => median(r.doms))),
  click_to_dom_p95_ms: median(runs.map((r) => pct(r.doms, 95))),
  clicks_without_repaint: runs.reduce((n, r) => n + r.missed, 0),
  page_errors: runs.flatMap((r) => r.errors),
};
writeFileSync(opt.out, JSON.stringify(result, null, 1) + '\n');
