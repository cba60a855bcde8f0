// scripts/web-size.sh --check is the first-load budget gate of the test command: it must count
// exactly what a page names (not every file in dist/) and fail when a route is over its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'scripts', 'web-size.sh');

function withDist(run) {
  const dist = mkdtempSync(join(tmpdir(), 'sf-web-size-'));
  try {
    const html = `<!doctype html><script type=module>import init from '/app-1.js'; init({ module_or_path: '/app-1_bg.wasm' });</script>`;
    writeFileSync(join(dist, 'index.html'), html);
    // Random bytes: a file the page does not name would change the total visibly.
    writeFileSync(join(dist, 'app-1.js'), randomBytes(3000));
    writeFileSync(join(dist, 'app-1_bg.wasm'), randomBytes(20000));
    writeFileSync(join(dist, 'unused-by-the-page.js'), randomBytes(50000));
    const expected = ['index.html', 'app-1.js', 'app-1_bg.wasm']
      .map((f) => spawnSync('gzip', ['-9', '-c', join(dist, f)]).stdout.length)
      .reduce((a, b) => a + b, 0);
    run(dist, expected);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

function sizeCheck(dist, budget) {
  const budgets = join(dist, 'budget.txt');
  writeFileSync(budgets, `# test budget\n/  index.html  ${budget}\n/embed  index.html  ${budget}\n`);
  const r = spawnSync('/bin/bash', [script, dist, '--check'], {
    env: { ...process.env, STITCHFORK_WEB_BUDGET: budgets },
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a route within its budget passes, counting only what its page loads', () => {
  withDist((dist, expected) => {
    const { status, out } = sizeCheck(dist, expected);
    assert.equal(status, 0, out);
    assert.match(out, new RegExp(`^/\\s+index\\.html\\s+${expected}\\s`, 'm'), out);
    assert.doesNotMatch(out, /unused-by-the-page/);
  });
});

test('a route one byte over its budget fails the check and says by how much', () => {
  withDist((dist, expected) => {
    const { status, out } = sizeCheck(dist, expected - 1);
    assert.equal(status, 1, out);
    assert.match(out, /^\/embed\s+index\.html\s+\d+\s+\S+\s+\d+\s+OVER by 1$/m, out);
    assert.match(out, /2 route\(s\) over/);
  });
});
