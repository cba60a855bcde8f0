// scripts/web-size.sh --check is the first-load budget gate of the test command: it must count
// exactly what a page names (not every file in dist/) and fail when a route is over its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
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
    // A split build: the gallery's module and one chunk it shares; the customizer's is not its.
    const build = join(dist, 'app', '0123456789abcdef');
    mkdirSync(build, { recursive: true });
    writeFileSync(join(build, 'split_gallery.wasm'), randomBytes(7000));
    writeFileSync(join(build, 'chunk_1.wasm'), randomBytes(4000));
    writeFileSync(join(build, 'split_customize.wasm'), randomBytes(30000));
    writeFileSync(
      join(build, 'modules.txt'),
      'gallery split_gallery.wasm chunk_1.wasm\ncustomize split_customize.wasm chunk_1.wasm\n',
    );
    const gz = (f) => spawnSync('gzip', ['-9', '-c', join(dist, f)]).stdout.length;
    const expected = ['index.html', 'app-1.js', 'app-1_bg.wasm'].map(gz).reduce((a, b) => a + b, 0);
    const gallery = ['app/0123456789abcdef/split_gallery.wasm', 'app/0123456789abcdef/chunk_1.wasm']
      .map(gz)
      .reduce((a, b) => a + b, expected);
    run(dist, expected, gallery);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

function sizeCheck(dist, budget) {
  const budgets = join(dist, 'budget.txt');
  writeFileSync(budgets, `# test budget\n/  index.html  -  ${budget}\n/embed  index.html  -  ${budget}\n`);
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
    assert.match(out, new RegExp(`^/\\s+index\\.html\\s+-\\s+${expected}\\s`, 'm'), out);
    assert.doesNotMatch(out, /unused-by-the-page/);
  });
});

test('a route one byte over its budget fails the check and says by how much', () => {
  withDist((dist, expected) => {
    const { status, out } = sizeCheck(dist, expected - 1);
    assert.equal(status, 1, out);
    assert.match(out, /^\/embed\s+index\.html\s+-\s+\d+\s+\S+\s+\d+\s+OVER by 1$/m, out);
    assert.match(out, /2 route\(s\) over/);
  });
});

test("a route's split page module and the chunks it shares are counted, not other pages'", () => {
  withDist((dist, _, gallery) => {
    const budgets = join(dist, 'budget.txt');
    writeFileSync(budgets, `/  index.html  gallery  ${gallery}\n`);
    const r = spawnSync('/bin/bash', [script, dist, '--check'], {
      env: { ...process.env, STITCHFORK_WEB_BUDGET: budgets },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^/\\s+index\\.html\\s+gallery\\s+${gallery}\\s`, 'm'), r.stdout);
  });
});

test('a route naming a page module the build does not have fails', () => {
  withDist((dist) => {
    const budgets = join(dist, 'budget.txt');
    writeFileSync(budgets, '/  index.html  no-such-page  999999\n');
    const r = spawnSync('/bin/bash', [script, dist, '--check'], {
      env: { ...process.env, STITCHFORK_WEB_BUDGET: budgets },
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stderr, /no page module 'no-such-page'/);
  });
});

test("a route whose page comes as one bundle counts the bundle, not the module's files", () => {
  withDist((dist) => {
    const build = join(dist, 'app', '0123456789abcdef');
    // The bundle is what a first visit downloads (scripts/name-app.mjs); its size differs from
    // the files', so counting the wrong ones shows.
    writeFileSync(join(build, 'route_gallery.bin'), randomBytes(2500));
    const gz = (f) => spawnSync('gzip', ['-9', '-c', join(dist, f)]).stdout.length;
    const expected = ['index.html', 'app-1.js', 'app-1_bg.wasm', 'app/0123456789abcdef/route_gallery.bin']
      .map(gz)
      .reduce((a, b) => a + b, 0);
    const budgets = join(dist, 'budget.txt');
    writeFileSync(budgets, `/  index.html  gallery  ${expected}\n`);
    const r = spawnSync('/bin/bash', [script, dist, '--check'], {
      env: { ...process.env, STITCHFORK_WEB_BUDGET: budgets },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^/\\s+index\\.html\\s+gallery\\s+${expected}\\s`, 'm'), r.stdout);
  });
});
