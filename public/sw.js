// Stitchfork's service worker: keeps the app usable offline.
//
// Hand-written (no Workbox): Trunk's output is one index.html, hashed js/wasm/css (the app's
// modules in a build folder) and a few copied files, so three rules cover it:
//  - pages (navigations) go to the network first, so a new deploy is picked up on the next
//    visit; offline, the last index.html seen is answered for every route (the app routes
//    itself), and the last /embed for /embed (its headers let retailers frame it). The hashed
//    assets a page names are cached together with it, so an offline start never mixes an old
//    page with a new wasm.
//  - hashed assets never change under their name: cache first.
//  - API reads (catalog, patterns, previews, lineage, gallery pages) go to the network first
//    and fall back to what this visitor has already seen. Writes are never touched; the app
//    queues publishes itself (src/outbox.rs).
// Only this origin's requests are handled: a retailer's page embedding /embed is another
// origin and never passes through here.
//
// `BUILD` is replaced by scripts/build-web.sh with a hash of the build, so each deploy installs
// a new worker, which drops the caches of the previous one once it takes over.
const BUILD = 'dev';
const SHELL = `sf-shell-${BUILD}`;
const DATA = 'sf-data-v1';
const DATA_MAX_ENTRIES = 400;
// The data cache is trimmed back to DATA_MAX_ENTRIES after this many new entries.
const TRIM_EVERY = 50;
let putsSinceTrim = 0;
const STATIC_FILES = ['/favicon.svg', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell(SHELL).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sf-shell-') && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (/^\/app\/[0-9a-f]{16}\/route_\w+\.bin$/.test(url.pathname)) {
    event.respondWith(routeBundle(req, url));
  } else if (isHashedAsset(url.pathname) || STATIC_FILES.includes(url.pathname)) {
    event.respondWith(cacheFirst(req));
  } else if (url.pathname.startsWith('/api/v1/')) {
    event.respondWith(networkFirst(req));
  }
});

/// Trunk names built files `<name>-<16 hex>.<ext>` or `<name>-<hex>_bg.wasm`; the split app's
/// modules live in a folder named after the build, `/app/<16 hex>/` (scripts/wasm-split.sh).
function isHashedAsset(path) {
  return /-[0-9a-f]{10,16}(_bg)?\.(js|wasm|css)$/.test(path) || /^\/app\/[0-9a-f]{16}\/[^/]+\.(js|wasm|bin)$/.test(path);
}

/// The pages kept for offline starts: the app, and /embed (the same page with the framing
/// policy retailers need).
const PAGES = ['/index.html', '/embed'];

/// Fetches the pages and caches them with every same-origin asset they name and the static files.
async function cacheShell(name) {
  for (const path of PAGES) {
    const res = await fetch(path, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    await storePage(name, path, res);
  }
}

async function storePage(name, path, res) {
  const html = await res.clone().text();
  const cache = await caches.open(name);
  // The shell's wasm is named in the bootstrap script's text, not by an attribute.
  const named = [...html.matchAll(/(?:href|src)="(\/[^"]+)"|'(\/app\/[0-9a-f]{16}\/[\w-]+\.wasm)'/g)].map((m) => m[1] ?? m[2]);
  const assets = [...named, ...(await appModules(cache, named))].filter((asset) => isHashedAsset(asset.split('?')[0]));
  const missing = [];
  for (const asset of new Set([...assets, ...STATIC_FILES])) {
    if (!(await cache.match(asset))) missing.push(asset);
  }
  // Assets first: the page is only stored once everything it needs is.
  await cache.addAll(missing);
  await cache.put(path, res);
}

/// The app's wasm modules a page is split into (scripts/wasm-split.sh) are fetched when a page
/// first needs them, so the page does not name them; its build folder lists them in modules.txt
/// (`<module> <file>...` per line). An offline start must be able to show every page.
/// The list is kept with the build's files, so a page of a build already kept costs no request.
async function appModules(cache, named) {
  const dir = named.map((path) => path.match(/^\/app\/[0-9a-f]{16}\//)?.[0]).find(Boolean);
  if (!dir) return [];
  const list = `${dir}modules.txt`;
  let res = await cache.match(list);
  if (!res) {
    res = await fetch(list);
    if (!res.ok) throw new Error(`${list}: ${res.status}`);
    await cache.put(list, res.clone());
  }
  const files = (await res.text()).split('\n').flatMap((line) => line.split(' ').slice(1));
  return [...new Set(files.filter(Boolean))].map((file) => dir + file);
}

/// Which kept page answers a navigation to `pathname`.
function pageFor(pathname) {
  return pathname === '/embed' ? '/embed' : '/index.html';
}

async function page(event) {
  const req = event.request;
  const url = new URL(req.url);
  const { pathname } = url;
  try {
    const res = await fetch(req);
    // Only the app's own page is the shell: not a 404, not a page like /shop.html, and not a
    // pattern's page or a shared design's, whose heads carry their own title and social card,
    // nor the gallery's or a customizer's, whose bodies carry a first paint (crates/server/src/pages).
    const type = res.headers.get('content-type') || '';
    const card = pathname.startsWith('/p/') || pathname === '/' || pathname.startsWith('/customize/')
      || url.searchParams.has('d');
    if (res.ok && type.startsWith('text/html') && !pathname.endsWith('.html') && !card) {
      event.waitUntil(storePage(SHELL, pageFor(pathname), res.clone()).catch(() => {}));
    }
    return res;
  } catch (offline) {
    const cached = await caches.match(pageFor(pathname), { cacheName: SHELL, ignoreVary: true });
    if (cached) return cached;
    throw offline;
  }
}

// `ignoreVary`: the server varies on Origin (CORS) and Accept-Encoding, but a hashed file is the
// same file whoever asks; module scripts are fetched with an Origin header, addAll() without.
async function cacheFirst(req) {
  const cached = await caches.match(req, { ignoreVary: true });
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(req, res.clone());
  }
  return res;
}

/// A first visit's route bundle (scripts/name-app.mjs): kept like any hashed file; offline and
/// not kept, it is put together from the files of the page's module, which the shell keeps.
async function routeBundle(req, url) {
  try {
    return await cacheFirst(req);
  } catch (offline) {
    const dir = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
    const module = url.pathname.match(/route_(\w+)\.bin$/)[1];
    const list = await caches.match(`${dir}modules.txt`, { ignoreVary: true });
    const line = list && (await list.text()).split('\n').find((l) => l.startsWith(`${module} `));
    if (!line) throw offline;
    const parts = [];
    for (const file of line.split(' ').slice(1)) {
      const part = await caches.match(dir + file, { ignoreVary: true });
      if (!part) throw offline;
      parts.push(await part.arrayBuffer());
    }
    return new Response(new Blob(parts), { headers: { 'content-type': 'application/octet-stream' } });
  }
}

async function networkFirst(req) {
  const cache = await caches.open(DATA);
  try {
    const res = await fetch(req);
    if (res.ok) {
      await cache.put(req, res.clone());
      // Listing the cache costs as much as the request: bound it now and then, not every time.
      if (++putsSinceTrim >= TRIM_EVERY) {
        putsSinceTrim = 0;
        trim(cache);
      }
    }
    return res;
  } catch (offline) {
    const cached = await cache.match(req, { ignoreVary: true });
    if (cached) return cached;
    throw offline;
  }
}

/// Keeps the data cache bounded: the oldest entries go first (keys are in insertion order).
async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - DATA_MAX_ENTRIES))) {
    await cache.delete(key);
  }
}
