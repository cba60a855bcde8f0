// Takes screenshots of the main pages at desktop and phone (375 px) width into bench/out/screens/,
// to look at by eye. Not a test. Run: node tests/e2e/app_screens.mjs (after scripts/build-web.sh).
import { mkdirSync } from 'node:fs';
import { startServer, launchBrowser } from './harness.mjs';

const OUT = 'bench/out/screens';
mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  // Seed a parent and a fork through the API so the pattern page has credit, diff and tree.
  const cfg = await (async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('[data-testid=preview] svg').waitFor();
    await page.waitForURL(/\?d=/); // the address bar follows the design a moment later
    const d = new URL(page.url()).searchParams.get('d');
    await page.close();
    return JSON.parse(Buffer.from(d, 'base64url').toString());
  })();
  const post = async (body) => (await fetch(`${server.url}/api/v1/patterns`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  })).json();
  const parent = await post({ title: 'Midnight ink', author_name: 'Ada', tags: ['classic'], config: cfg });
  const child = structuredClone(cfg);
  child.parts.outer_back.colour = 'saffron';
  child.parts.outer_front.motif = { kind: 'stripes', colour2: 'saffron', scale: 100, angle: 0 };
  const fork = await post({ title: 'Saffron stripes', author_name: 'Bo', tags: ['bright'], config: child, parent_id: parent.id });
  for (const [w, h, tag] of [[1280, 900, 'desktop'], [375, 812, 'phone']]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    for (const [name, path, wait] of [
      ['gallery', '/', '.card'],
      ['customize', '/customize/laptop-sleeve', '[data-testid=preview] svg'],
      ['pattern', `/p/${fork.id}`, '.tree svg'],
      ['me', '/me', 'h1'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.locator(wait).first().waitFor();
      await page.screenshot({ path: `${OUT}/${name}-${tag}.png`, fullPage: name !== 'customize' });
    }
    await ctx.close();
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
