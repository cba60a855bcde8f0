// Finishes a split build (called by scripts/wasm-split.sh): lists the files of each page module
// (modules.txt, read by scripts/web-size.sh and by the service worker, which keeps every module
// for offline starts), minifies the shell's JS glue and the split loader
// with terser, and names the shell in the staged index.html, with subresource integrity, the way
// Trunk names an unsplit app. Trunk 0.21's own minifier cannot parse the glue's
// `export default`, and would rewrite index.html, whose tags the server and the tests read.
//
//   node scripts/name-app.mjs <staging dir> app/<build>
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const [staging, dir] = process.argv.slice(2);
if (!staging || !dir) throw new Error('usage: name-app.mjs <staging dir> app/<build>');
const NAME = 'stitchfork-web';

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// Which files each page module needs: its own split_<module>.wasm and the chunks of code it
// shares with other pages, read from the loader before it is minified.
const loader = readFileSync(join(staging, dir, '__wasm_split.js'), 'utf8');
const chunkFile = new Map(
  [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"/g)].map((m) => [m[1], m[2]]),
);
const modules = [
  ...loader.matchAll(
    /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"[^]*?\n, \[([^\]]*)\]/g,
  ),
].map(([, name, file, deps]) => {
  const chunks = deps.split(',').map((d) => d.trim()).filter(Boolean);
  const files = chunks.map((c) => chunkFile.get(c) ?? fail(`unknown chunk ${c} of ${name}`));
  return { name, files: [file, ...files] };
});
if (modules.length === 0) fail('no page modules in __wasm_split.js');
function fail(message) {
  throw new Error(`name-app: ${message}`);
}
writeFileSync(
  join(staging, dir, 'modules.txt'),
  modules.map((m) => `${m.name} ${m.files.join(' ')}\n`).join(''),
);

// Route bundles: a first visit fetches the module of the page it opens and all that module's
// chunks as one file, route_<module>.bin (their bytes one after another), instead of one request
// per file (30-40 of them: on a phone's connection the round trips, not the bytes, were what the
// first paint waited on). The preload script below cuts it into one response per file; the loader
// takes those before fetching a file itself (which it still does for every later page, and when
// a bundle does not arrive).
const routeModules = new Set();
const bundled = {};
const loaderPath = join(staging, dir, '__wasm_split.js');
writeFileSync(
  loaderPath,
  `// Patched by scripts/name-app.mjs: files of the route bundle come from globalThis.__sfParts.
const __sfGet = (url) => {
  const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const part = globalThis.__sfParts?.get(name);
  if (!part) return fetch(url);
  globalThis.__sfParts.delete(name);
  return part.catch(() => fetch(url));
};
${loader.replaceAll('fetch(new URL(', '__sfGet(new URL(')}`,
);
if (!readFileSync(loaderPath, 'utf8').includes('__sfGet(new URL(')) fail('the loader fetches no files to bundle');

for (const js of [`${NAME}.js`, '__wasm_split.js']) {
  const path = join(staging, dir, js);
  const source = readFileSync(path, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  if (!code) throw new Error(`terser produced nothing for ${js}`);
  writeFileSync(path, code);
  console.log(`minified ${dir}/${js}: ${source.length} -> ${code.length} bytes`);
}

const url = (file) => `/${dir}/${file}`;
const sri = (file) => integrity(readFileSync(join(staging, dir, file)));

// The page module each route shows (the routes of src/app.rs): the page starts fetching it
// together with the shell instead of after the shell has started and routed. The browser test
// `pages_on_demand` checks that every route preloads the module the app then asks for.
const ROUTES = [
  ['/', 'gallery'],
  ['/customize', 'customize'],
  ['/customize/', 'customize'],
  ['/p/', 'pattern'],
  ['/i/', 'item'],
  ['/me', 'me'],
  ['/embed', 'embed'],
  ['/catalogs', 'on_demand'],
];
for (const [, name] of ROUTES) {
  if (!modules.some((m) => m.name === name)) fail(`route module ${name} is not in the build`);
}
for (const [, name] of ROUTES) routeModules.add(name);
// One bundle per route module, and the files in it as [chunk number (-1: the module itself),
// bytes], in order: this runs on every first visit, so it is kept small. No quoted paths, so
// scripts/web-size.sh (which counts the paths a page names) does not take every module for one
// the page loads; it counts route_<module>.bin itself.
for (const m of modules.filter((m) => routeModules.has(m.name))) {
  const parts = m.files.map((f) => readFileSync(join(staging, dir, f)));
  writeFileSync(join(staging, dir, `route_${m.name}.bin`), Buffer.concat(parts));
  bundled[m.name] = m.files.map((f, i) => [
    i === 0 ? -1 : Number(f.match(/^chunk_(\d+)\.wasm$/)?.[1] ?? fail(`odd chunk ${f}`)),
    parts[i].length,
  ]);
}
// Each part is a promise of a wasm response; a rejected one is handled here (the loader then
// fetches that file itself), so a bundle that fails is no unhandled rejection.
// The shell's wasm is fetched here too (globalThis.__sfShell, handed to init): on a page the
// server drew first (the gallery, a pattern, a product's customizer: crates/server/src/pages),
// the app's code is fetched once the first paint is on screen, its pictures arrived (at most
// 3 s), so they do not share a phone's bandwidth with ~250 KB of wasm; the first paint is what
// the visitor looks at meanwhile, and its links and search work without the app. Every other
// page (and a page whose first paint is not shown, see below) fetches at once, as a preload would.
const wasmUrl = url(`${NAME}_bg.wasm`);
// The first paints are English (crates/server/src/pages). A visitor whose language is another
// (the remembered choice, else the browser's: src/app.rs's initial_lang), or who has a saved
// draft of the product a customizer opens (src/draft.rs's key), would see text or a design that
// is not theirs: the page is marked (sf-app-first) and style/main.css shows the app as it loads.
const preload = `{const r=${JSON.stringify(ROUTES)},z=${JSON.stringify(bundled)},p=location.pathname,c=p.startsWith('/customize/');let d=false;
try{const t=(x)=>/^(en|sv|ru)([-_]|$)/i.test(x||'')?x.slice(0,2).toLowerCase():null,l=t(localStorage.getItem('sf.lang'))??t(navigator.language)??'en';
d=l!=='en'||c&&localStorage.getItem('sf.draft.v1.'+decodeURIComponent(p.slice(11)))!==null;if(d)document.documentElement.classList.add('sf-app-first')}catch{}
const m=r.find(([a])=>a.endsWith('/')&&a!=='/'?p.startsWith(a):p===a)?.[1],
w=!d&&(p==='/'||p.startsWith('/p/')||c)?new Promise(k=>{const g=()=>requestAnimationFrame(()=>setTimeout(k));setTimeout(k,3000);
addEventListener('DOMContentLoaded',()=>{if(!document.getElementById('first-paint'))return k();
const i=[...document.querySelectorAll('#first-paint img[fetchpriority=high]')].filter(x=>!x.complete);let n=i.length;
if(!n)g();for(const x of i){x.addEventListener('load',()=>--n||g());x.addEventListener('error',()=>--n||g())}})}):Promise.resolve();
globalThis.__sfShell=w.then(()=>fetch('${wasmUrl}',{integrity:'${sri(`${NAME}_bg.wasm`)}'}));globalThis.__sfShell.catch(()=>{});
if(m){const b=w.then(()=>fetch('/${dir}/route_'+m+'.bin')).then(x=>x.ok?x.arrayBuffer():Promise.reject(x.status)),M=new Map;let o=0;
for(const [n,k] of z[m]){const s=o;o+=k;const q=b.then(a=>new Response(a.slice(s,s+k),{headers:{'content-type':'application/wasm'}}));
q.catch(()=>{});M.set(n<0?'split_'+m+'.wasm':'chunk_'+n+'.wasm',q)}globalThis.__sfParts=M}}`;

// The wasm is named in the module script (for scripts/web-size.sh and the service worker's list
// of what a page needs) and, when the preload script ran, taken from it.
const tags = [
  `<script type="module">import init from '${url(`${NAME}.js`)}';await init({ module_or_path: globalThis.__sfShell ?? '${wasmUrl}' });</script>`,
  `<link rel="modulepreload" href="${url(`${NAME}.js`)}" crossorigin="anonymous" integrity="${sri(`${NAME}.js`)}">`,
  `<link rel="modulepreload" href="${url('__wasm_split.js')}" crossorigin="anonymous" integrity="${sri('__wasm_split.js')}">`,
  `<script>${preload.replaceAll('\n', '')}</script>`,
].join('\n    ');

const indexPath = join(staging, 'index.html');

// The stylesheet loses its comments and runs of whitespace (Trunk's own minifier is off, see
// above); its integrity hash is rewritten to match. The style sheet has no strings these would change.
function minifyCss(html) {
  const tag = html.match(/<link rel="stylesheet" href="\/([\w.-]+\.css)" integrity="sha384-[A-Za-z0-9+/=]+"\s*\/?>/);
  if (!tag) fail('no stylesheet with an integrity hash in index.html');
  const path = join(staging, tag[1]);
  const css = readFileSync(path, 'utf8');
  const small = css.replace(/\/\*[^]*?\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};]) ?/g, '$1').trim();
  writeFileSync(path, small);
  console.log(`minified ${tag[1]}: ${css.length} -> ${small.length} bytes`);
  return html.replace(tag[0], tag[0].replace(/sha384-[A-Za-z0-9+/=]+/, integrity(small)));
}
// Trunk leaves its skipped Rust link (and the comment on it) in the page; they name nothing.
const index = minifyCss(readFileSync(indexPath, 'utf8'))
  .replace(/\s*<!-- Trunk skips[^]*?-->/, '')
  .replace(/\s*<link data-trunk rel="rust" data-trunk-skip[^>]*>/, '')
  // Trunk leaves a blank line for every asset link it consumed.
  .replace(/\n\s*\n/g, '\n');
if (!index.includes('</head>')) throw new Error(`no </head> in ${indexPath}`);
writeFileSync(indexPath, index.replace('</head>', `  ${tags}\n  </head>`));
console.log(`named ${dir} in index.html`);
