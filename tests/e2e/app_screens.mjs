// Takes screenshots of every page at phone (390 x 844) and desktop (1280 x 900) width, to look at
// by eye. Not a test. Run: node tests/e2e/app_screens.mjs [out-dir] (after scripts/build-web.sh);
// the default out-dir is bench/out/screens/.
import { mkdirSync } from 'node:fs';
import { startServer, launchBrowser, defaultConfig, publishPattern } from './harness.mjs';

const OUT = process.argv[2] ?? 'bench/out/screens';
mkdirSync(OUT, { recursive: true });
const server = await startServer({ args: ['--seed-demo-if-empty'] });
const browser = await launchBrowser();
try {
  // A parent and a fork, so the pattern page has credit, diff and tree.
  const cfg = await defaultConfig(browser, server.url);
  const parent = await publishPattern(server.url, { title: 'Midnight ink', author_name: 'Ada', tags: ['classic'], config: cfg });
  const child = structuredClone(cfg);
  child.parts.outer_back.colour = 'saffron';
  child.parts.outer_front.motif = { kind: 'stripes', colour2: 'saffron', scale: 100, angle: 0 };
  const fork = await publishPattern(server.url, { title: 'Saffron stripes', author_name: 'Bo', tags: ['bright'], config: child, parent_id: parent.id });
  for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    await ctx.addInitScript((mine) => localStorage.setItem('sf.mine.v1', JSON.stringify(mine)),
      [{ id: fork.id, edit_key: fork.edit_key, title: fork.title }]);
    const page = await ctx.newPage();
    const shots = [
      ['gallery', '/', '.card', null],
      ['gallery-filters', '/', '.card', async () => { if (await page.locator('.filters-toggle').isVisible()) await page.locator('.filters-toggle').click(); }],
      ['customize', '/customize/laptop-sleeve', '[data-testid=preview] svg', null],
      ['customize-scrolled', '/customize/laptop-sleeve', '[data-testid=preview] svg', async () => {
        await page.locator('#lining-h button').click();
        await page.locator('#lining-h').scrollIntoViewIfNeeded();
        await page.mouse.wheel(0, 400);
      }],
      ['publish-dialog', '/customize/laptop-sleeve', '[data-testid=preview] svg', async () => { await page.locator('.checkout > button.primary').click(); }],
      ['pattern', `/p/${fork.id}`, '.tree svg', null],
      ['me', '/me', '.mine-row', null],
      ['embed', '/embed', '[data-testid=preview] svg', null],
      ['shop', '/shop.html', 'iframe', async () => { await page.frameLocator('iframe').locator('[data-testid=preview] svg').waitFor(); }],
      ['error', '/p/no-such-pattern', '.error', null],
    ];
    for (const [name, path, wait, then] of shots) {
      await page.goto(`${server.url}${path}`);
      await page.locator(wait).first().waitFor();
      if (then) await then();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/${name}-${tag}.png`, fullPage: !name.startsWith('customize') && name !== 'publish-dialog' });
      // What the first screen shows, without scrolling.
      await page.screenshot({ path: `${OUT}/${name}-${tag}-view.png` });
    }
    await ctx.close();
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
