// scripts/check-tools.sh names a missing or wrong tool and stops, instead of letting a fresh machine
// find out from a compiler error 15 minutes into the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'scripts', 'check-tools.sh');

function check(env) {
  const r = spawnSync('/bin/bash', [script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('passes on this machine after setup', () => {
  const { status, out } = check({});
  assert.equal(status, 0, out);
  assert.match(out, /tool check passed/);
});

test('a tool missing from PATH is named with how to get it', () => {
  // Only the system directories: no ~/.cargo/bin (trunk, wasm-bindgen), no node_modules/.bin (wasm-opt).
  const { status, out } = check({ PATH: '/usr/bin:/bin' });
  assert.equal(status, 1, out);
  assert.match(out, /MISSING\s+trunk\s+not found; need 0\.21\.14: cargo install --locked trunk@0\.21\.14/);
  assert.match(out, /MISSING\s+wasm-bindgen\s+not found/);
  assert.match(out, /MISSING\s+wasm-opt\s+not found/);
  assert.match(out, /MISSING\s+wasm-split-cli\s+not found; need 0\.2\.4: cargo install --locked wasm_split_cli_support@0\.2\.4 --features build-binary/);
  assert.match(out, /nothing was built/);
});

test('a wrong version is refused and named', () => {
  const fake = mkdtempSync(join(tmpdir(), 'sf-fake-tools-'));
  try {
    writeFileSync(join(fake, 'trunk'), '#!/bin/sh\necho "trunk 0.20.3"\n');
    writeFileSync(join(fake, 'wasm-bindgen'), '#!/bin/sh\necho "wasm-bindgen 0.2.99"\n');
    chmodSync(join(fake, 'trunk'), 0o755);
    chmodSync(join(fake, 'wasm-bindgen'), 0o755);
    const { status, out } = check({ PATH: `${fake}:${process.env.PATH}` });
    assert.equal(status, 1, out);
    assert.match(out, /MISSING\s+trunk\s+trunk 0\.20\.3; need 0\.21\.14/);
    assert.match(out, /MISSING\s+wasm-bindgen\s+wasm-bindgen 0\.2\.99; need 0\.2\.130 \(= Cargo\.lock\)/);
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

test('the wasm linker, std source and PostgreSQL server are checked by name', () => {
  // A PATH with only the utilities the script itself uses: no rust-lld, as on a machine that
  // installed rustc-web without its recommended rust-web-llvm.
  const bin = mkdtempSync(join(tmpdir(), 'sf-bare-path-'));
  try {
    for (const tool of ['dirname', 'awk', 'head', 'ls', 'sort']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
    const { status, out } = check({
      STITCHFORK_WASM_VIA_RUSTUP: '0',
      PATH: bin,
      STITCHFORK_RUST_SRC: '/nonexistent/library',
      STITCHFORK_PG_GLOB: '/nonexistent/pg/*/bin',
    });
    assert.equal(status, 1, out);
    assert.match(out, /MISSING\s+rust-lld\s+the wasm32 linker: apt-get install rust-web-llvm/);
    assert.match(out, /MISSING\s+std source\s+.*rust-web-src/);
    assert.match(out, /MISSING\s+postgresql\s+.*apt-get install postgresql/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
