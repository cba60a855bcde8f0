// Minifies the wasm-bindgen JS glue in a built dist/ with terser and rewrites its subresource
// integrity hash in index.html. Trunk 0.21's own JS minifier cannot parse the glue's
// `export default` and leaves it as it is (62 KB), which Lighthouse flags.
//
//   node scripts/minify-glue.mjs dist
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');
// The glue is the module the page preloads; its integrity attribute sits in the same tag.
const tag = (index.match(/<link\b[^>]*>/g) ?? []).find((t) => /\bmodulepreload\b/.test(t));
const glue = tag?.match(/href=["']?\/([\w.-]+\.js)/)?.[1];
if (!glue) throw new Error(`no modulepreload of the JS glue in ${indexPath}`);
const source = readFileSync(join(dist, glue), 'utf8');
const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
if (!code) throw new Error(`terser produced nothing for ${glue}`);
writeFileSync(join(dist, glue), code);

const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const newTag = tag.replace(/integrity=(["']?)sha384-[A-Za-z0-9+/=]+\1/, `integrity="${integrity}"`);
if (newTag === tag) throw new Error(`no integrity hash to rewrite in ${tag}`);
index = index.replace(tag, newTag);
writeFileSync(indexPath, index);
console.log(`minified ${glue}: ${source.length} -> ${code.length} bytes`);
