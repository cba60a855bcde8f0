// Keyboard alone and screen readers, in headless Chromium against the real server with the demo
// patterns: every flow a mouse user has, done with keys only (search and filter the gallery, open
// a pattern, like, fork, change every kind of option, undo/redo, publish, copy the share link,
// unpublish on /me, switch language), with visible focus and a publish dialog that traps focus,
// closes on Escape and gives focus back. Then what a screen reader is told: names and states of
// options with the rule's reason, the polite announcements of price and problems, the preview's
// description.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, appShown, defaultConfig, publishPattern } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer({ args: ['--seed-demo-if-empty'] });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function freshPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  return { page, errors: watchPageErrors(page), context };
}

/** What has focus: its tag, id, name, type and text, for assertions and messages. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el && {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') ?? '', type: el.getAttribute('type') ?? '',
    text: (el.textContent ?? '').trim(), href: el.getAttribute('href') ?? '',
  };
});

/** Whether the focused element shows a focus ring (on its label, for the visually hidden radios). */
const focusShows = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const target = el.matches('.opt input') ? el.nextElementSibling : el;
  const s = getComputedStyle(target);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
});

/** Presses Tab (Shift+Tab with `back`) until `match(focused)` holds; every stop must show focus. */
async function tabTo(page, match, what, back = false) {
  for (let n = 0; n < 120; n++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && f.tag !== 'body' && f.tag !== 'main') {
      assert.ok(await focusShows(page), `focus is visible on ${JSON.stringify(f)}`);
    }
    if (f && match(f)) return f;
  }
  throw new Error(`focus never reached ${what}`);
}

const checked = (page, id) => page.locator(`#${id}`).isChecked();

test('gallery, pattern, like, fork, every option, undo/redo, publish, share, unpublish, language: keys only', async () => {
  // A pattern with the default design (Ultrasuede, solid), to be found, liked and forked.
  const word = `keys${Date.now().toString(36)}`;
  const base = await publishPattern(server.url, { title: `Plain ${word}`, author_name: 'Kim', config: await defaultConfig(browser, server.url) });
  assert.equal(base.status, 201);
  const { page, errors, context } = await freshPage();
  await page.goto(`${server.url}/`);
  await appShown(page);
  await page.locator('.card').first().waitFor();

  // Search: Tab to the box, type, Enter.
  await tabTo(page, (f) => f.id === 'q', 'the search box');
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === word);
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);

  // Filter: a select changes with the arrow keys.
  await tabTo(page, (f) => f.id === 'f-sort', 'the sort filter');
  await page.keyboard.press('ArrowDown');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'popular');

  // Open a pattern: Tab to its card, Enter.
  const first = await tabTo(page, (f) => f.tag === 'a' && f.href.startsWith('/p/'), 'a card');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${first.href}`);
  await page.locator('h1').waitFor();

  // Like with Enter, then copy the share link with Enter.
  await tabTo(page, (f) => f.tag === 'button' && /Like/.test(f.text), 'the like button');
  const likes = Number(await page.locator('[data-testid=like-count]').innerText());
  await page.keyboard.press('Enter');
  await page.locator('button[aria-pressed=true]').waitFor();
  assert.equal(Number(await page.locator('[data-testid=like-count]').innerText()), likes + 1);
  await tabTo(page, (f) => f.text === 'Copy link', 'copy link');
  await page.keyboard.press('Enter');
  await page.getByText('Link copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}${first.href}`);

  // Fork: back to the fork link, Enter.
  await tabTo(page, (f) => f.tag === 'a' && f.href.startsWith('/customize?fork='), 'the fork link', true);
  await page.keyboard.press('Enter');
  await page.locator('.forking').waitFor();
  await page.locator('[data-testid=preview] svg').waitFor();

  // Every kind of option. Size: arrow keys in its radio group.
  const size = await page.locator('input[name=size]:checked').getAttribute('value');
  await tabTo(page, (f) => f.name === 'size', 'the size group');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.locator('input[name=size]:checked').getAttribute('value'), size, 'size changed');

  // A part: material, colour, motif, second colour, scale and angle.
  await tabTo(page, (f) => f.name === 'outer_front-material', 'outer front material');
  const material = await page.locator('input[name=outer_front-material]:checked').getAttribute('value');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.locator('input[name=outer_front-material]:checked').getAttribute('value'), material);
  await page.keyboard.press('ArrowLeft');
  await tabTo(page, (f) => f.name === 'outer_front-colour', 'outer front colour');
  const colour = await page.locator('input[name=outer_front-colour]:checked').getAttribute('value');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.locator('input[name=outer_front-colour]:checked').getAttribute('value'), colour);
  await tabTo(page, (f) => f.name === 'outer_front-motif', 'outer front motif');
  // Arrow onto a motif with a second colour, scale and angle (stripes).
  for (let n = 0; n < 8 && !(await checked(page, 'outer_front-motif-stripes')); n++) await page.keyboard.press('ArrowRight');
  assert.ok(await checked(page, 'outer_front-motif-stripes'), 'stripes chosen by keys');
  await tabTo(page, (f) => f.name === 'outer_front-colour2', 'second colour');
  const c2 = await page.locator('input[name=outer_front-colour2]:checked').getAttribute('value');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.locator('input[name=outer_front-colour2]:checked').getAttribute('value'), c2);
  for (const id of ['outer_front-scale', 'outer_front-angle']) {
    await tabTo(page, (f) => f.id === id, id);
    const before = await page.locator(`#${id}`).inputValue();
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.locator(`#${id}`).inputValue(), before, `${id} moved with an arrow key`);
  }

  // Undo and redo with keys (outside a text field).
  const angle = await page.locator('#outer_front-angle').inputValue();
  await page.keyboard.press('Control+z');
  assert.notEqual(await page.locator('#outer_front-angle').inputValue(), angle, 'Ctrl+Z undid the angle');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await page.locator('#outer_front-angle').inputValue(), angle, 'Ctrl+Shift+Z redid it');

  // The monogram: open its section with Enter, tick it with Space, type, pick method/font/placement/colour.
  await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('Monogram'), 'the monogram section');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#monogram-h button').getAttribute('aria-expanded'), 'true');
  if (!(await checked(page, 'monogram-on'))) {
    await tabTo(page, (f) => f.id === 'monogram-on', 'the monogram checkbox');
    await page.keyboard.press('Space');
  }
  await tabTo(page, (f) => f.id === 'monogram-text', 'the monogram letters');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('KB');
  await page.waitForFunction(() => document.querySelector('[data-testid=preview]').innerHTML.includes('KB'));
  // Embroidery, whose thread colours are many (deboss has one).
  await tabTo(page, (f) => f.name === 'monogram-method', 'monogram-method');
  for (let n = 0; n < 4 && !(await checked(page, 'monogram-method-embroidery')); n++) await page.keyboard.press('ArrowRight');
  assert.ok(await checked(page, 'monogram-method-embroidery'), 'embroidery chosen by keys');
  for (const group of ['monogram-font', 'monogram-placement', 'monogram-colour']) {
    await tabTo(page, (f) => f.name === group, group);
    const before = await page.locator(`input[name=${group}]:checked`).getAttribute('value');
    await page.keyboard.press('ArrowRight');
    const after = await page.locator(`input[name=${group}]:checked`).getAttribute('value');
    assert.notEqual(after, before, `${group} changed by an arrow key`);
  }

  // The closure: its own section, kind and hardware.
  await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('Closure'), 'the closure section');
  await page.keyboard.press('Enter');
  for (const group of ['closure-kind', 'closure-hardware']) {
    await tabTo(page, (f) => f.name === group, group);
    const before = await page.locator(`input[name=${group}]:checked`).getAttribute('value');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.locator(`input[name=${group}]:checked`).getAttribute('value'), before, group);
  }

  // Copy the draft's link (the customizer's share button).
  await tabTo(page, (f) => f.text === 'Copy link to this design', 'copy the draft link', true);
  await page.keyboard.press('Enter');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /\/customize\/laptop-sleeve\?d=/);

  // Publish: the dialog takes focus, keeps it inside, closes on Escape and gives focus back.
  const publish = await tabTo(page, (f) => f.text === 'Publish as a pattern', 'publish');
  await page.keyboard.press('Enter');
  await page.locator('#pub-title:focus').waitFor();
  for (let n = 0; n < 12; n++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.querySelector('dialog.publish').contains(document.activeElement)),
      'Tab stays in the dialog');
  }
  for (let n = 0; n < 12; n++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await page.evaluate(() => document.querySelector('dialog.publish').contains(document.activeElement)),
      'Shift+Tab stays in the dialog');
  }
  await page.keyboard.press('Escape');
  await page.locator('dialog.publish[open]').waitFor({ state: 'detached' });
  assert.equal((await focused(page)).text, publish.text, 'focus is back on the publish button');
  await page.keyboard.press('Enter');
  await page.locator('#pub-title:focus').waitFor();
  await page.keyboard.type('Keys only');
  await tabTo(page, (f) => f.type === 'submit', 'the submit button');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/p\/[\w-]+$/);
  await page.locator('h1', { hasText: 'Keys only' }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  assert.match(await page.locator('[data-testid=credit]').innerText(), /Forked from/);

  // Unpublish on /me: the nav link, then the row's button, confirmed.
  await tabTo(page, (f) => f.href === '/me', 'My patterns', true);
  await page.keyboard.press('Enter');
  const row = page.locator('.mine-row', { hasText: 'Keys only' });
  await row.waitFor();
  await tabTo(page, (f) => f.text === 'Unpublish', 'unpublish');
  page.once('dialog', (d) => d.accept());
  await page.keyboard.press('Enter');
  await row.waitFor({ state: 'detached' });
  assert.equal((await fetch(`${server.url}/api/v1/patterns/${id}`)).status, 404);
  // The row and its button are gone: focus lands on the list's heading, not the body, and
  // the unpublish is said.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal((await focused(page)).text, 'Published');
  assert.equal(await page.locator('[data-testid=me-status]').innerText(), 'Unpublished: Keys only');

  // Switch language: the select, an arrow key.
  await tabTo(page, (f) => f.id === 'lang-select', 'the language switch', true);
  await page.keyboard.press('ArrowDown');
  await page.getByRole('heading', { name: 'Mina mönster' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv-SE');
  assert.deepEqual(errors, []);
  await context.close();
});

/** The accessible name, description and states Chromium computes for one element. */
async function accessible(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  const node = nodes[0];
  const props = Object.fromEntries((node.properties ?? []).map((p) => [p.name, p.value.value]));
  return { role: node.role?.value, name: node.name?.value ?? '', description: node.description?.value ?? '', ...props };
}

test('screen readers hear what each option is, whether it is chosen or why not, the price and the design', async () => {
  const { page, errors, context } = await freshPage();
  await page.goto(`${server.url}/customize/laptop-sleeve`);
  await page.locator('[data-testid=preview] svg').waitFor();

  // A colour swatch: a radio named by its colour, checked when chosen.
  const ink = await accessible(page, '#outer_front-colour-ink');
  assert.equal(ink.role, 'radio');
  assert.equal(ink.name, 'Ink');
  assert.equal(ink.checked, 'true');
  const other = await accessible(page, '#outer_front-colour-saffron');
  assert.equal(other.checked, 'false');

  // An unavailable option says so and why (the catalog rule's reason).
  await page.locator('label[for="outer_front-material-leather"]').click();
  const stripes = await accessible(page, '#outer_front-motif-stripes');
  assert.equal(stripes.name, 'Stripes');
  assert.equal(stripes.disabled, true);
  assert.match(stripes.description, /leather/i, `the reason is its description: ${stripes.description}`);

  // The preview is an image described in words, which follow the design.
  const preview = await accessible(page, '[data-testid=preview]');
  assert.equal(preview.role, 'image');
  assert.equal(preview.name, 'Preview of your design');
  assert.match(preview.description, /Outer front: Full-grain leather/);
  assert.match(preview.description, /Closure: /);

  // Price and problems are announced politely, from one live region.
  const live = page.locator('[data-testid=announce]');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.match(await live.innerText(), /^Total: €\d/);
  const total = await live.innerText();
  await page.locator('label[for="outer_front-material-wool-felt"]').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid=announce]').innerText !== t, total);
  assert.match(await live.innerText(), /^Total: €\d/);
  await page.locator('#monogram-h button').click();
  if (!(await checked(page, 'monogram-on'))) await page.locator('label[for=monogram-on]').click();
  await page.locator('#monogram-text').fill('ABCDEFGHIJKLMNOPQRST');
  await page.waitForFunction(() => /^\d+ problems?: /.test(document.querySelector('[data-testid=announce]').innerText));
  assert.match(await live.innerText(), /At most \d+ characters fit/, 'the problems are read out');
  assert.equal(await page.locator('[role=alert]').count(), 0, 'nothing interrupts (no assertive alerts while editing)');
  assert.deepEqual(errors, []);
  await context.close();
});
