// Lighthouse 12 (its default mobile preset: simulated slow 4G, 4x CPU slowdown, a phone's screen)
// against the real server with demo data and Debian's Chromium, on the pages a first visit meets:
// the gallery, a pattern page, the customizer and the embed. Each page runs RUNS times from a
// clean profile (no service worker, empty cache); the median run by performance score is kept.
//
//   STITCHFORK_BIN=... STITCHFORK_DIST=dist node bench/lighthouse/run.mjs [--runs N] [--out FILE]
// bench/run.sh installs it (bench/tools.sh: npm ci here) and records it in bench/results.json.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { startServer, launchArgs } from '../../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', '3'));
const OUT = arg('--out', 'bench/out/lighthouse.json');

const server = await startServer({ args: ['--seed-demo-if-empty'] });
const chrome = await launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', ...launchArgs],
});
try {
  const list = await (await fetch(`${server.url}/api/v1/patterns?limit=1`)).json();
  const pattern = list.items?.[0]?.id;
  if (!pattern) throw new Error('the demo data has no pattern to open');
  const pages = {
    gallery: '/',
    pattern: `/p/${pattern}`,
    customizer: '/customize/laptop-sleeve',
    embed: '/embed?product=laptop-sleeve',
  };
  const results = {};
  for (const [name, path] of Object.entries(pages)) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      const { lhr } = await lighthouse(`${server.url}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.message}`);
      runs.push(summary(lhr));
    }
    runs.sort((a, b) => a.performance - b.performance);
    results[name] = { path, runs: RUNS, ...runs[Math.floor(runs.length / 2)] };
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ lighthouse: '12.2.3', preset: 'mobile preset', pages: results }, null, 2)}\n`);
  console.log(`${'page'.padEnd(11)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'LCP ms'.padStart(7)} ${'TBT ms'.padStart(7)} ${'FCP ms'.padStart(7)} ${'CLS'.padStart(6)} ${'KB sent'.padStart(8)}`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(11)} ${String(r.performance).padStart(5)} ${String(r.accessibility).padStart(5)} ${String(r.lcp_ms).padStart(7)} ${String(r.tbt_ms).padStart(7)} ${String(r.fcp_ms).padStart(7)} ${r.cls.toFixed(3).padStart(6)} ${String(Math.round(r.transfer_bytes / 1024)).padStart(8)}`);
  }
  console.log(`written to ${OUT}`);
} finally {
  await chrome.kill();
  await server.stop();
}

/** The numbers the budgets speak of, from one Lighthouse result. */
function summary(lhr) {
  const ms = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    best_practices: Math.round(lhr.categories['best-practices'].score * 100),
    lcp_ms: ms('largest-contentful-paint'),
    tbt_ms: ms('total-blocking-time'),
    fcp_ms: ms('first-contentful-paint'),
    speed_index_ms: ms('speed-index'),
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    transfer_bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN,
  };
}
