// The web app's flows in headless Chromium against the real server and a fresh database:
// customize (preview + price change), undo/redo, draft survives reload, publish, search,
// fork, credit/diff/family tree, like, unpublish from /me, drafts kept per starting point,
// a keyboard-only flow, and Swedish and Russian (axe-core: axe.test.mjs; every key flow: keyboard.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** A fresh visitor (own localStorage) on a new page. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  return { page, errors, context };
}

async function openCustomizer(page, path = '/customize/laptop-sleeve') {
  await page.goto(`${server.url}${path}`);
  await page.locator('[data-testid=preview] svg').waitFor();
}

const preview = (page) => page.locator('[data-testid=preview]').innerHTML();
const total = (page) => page.locator('[data-testid=total]').innerText();

/** Opens the folding section of the customizer that holds `selector`, if it is closed. */
async function reveal(page, selector) {
  const closed = page.locator(`.fold:has(${selector}) > h2 > button[aria-expanded=false]`);
  if (await closed.count()) await closed.click();
}

/** Picks an option of a radio group by clicking its label (ids are `<group>-<option>`). */
async function pick(page, group, option) {
  await reveal(page, `#${group}-${option}`);
  await page.locator(`label[for="${group}-${option}"]`).click();
  assert.ok(await page.locator(`#${group}-${option}`).isChecked(), `${group}-${option} is chosen`);
}

/** Publishes the current design through the dialog; returns the new pattern id. */
async function publish(page, { title, author = 'Ada', tags = 'e2e' }) {
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  const dialog = page.locator('dialog.publish');
  await dialog.locator('#pub-title').fill(title);
  await dialog.locator('#pub-tags').fill(tags);
  await dialog.locator('#pub-author').fill(author);
  await dialog.locator('button[type=submit]').click();
  await page.waitForURL(/\/p\/[\w-]+$/);
  await page.locator('h1', { hasText: title }).waitFor();
  return new URL(page.url()).pathname.split('/').pop();
}

test('customize changes preview and price; undo/redo; the draft survives a reload', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  let svg = await preview(page);
  let price = await total(page);

  await pick(page, 'outer_front-material', 'leather');
  assert.notEqual(await total(page), price, 'leather changes the price');
  assert.notEqual(await preview(page), svg, 'leather changes the preview');
  svg = await preview(page); price = await total(page);

  await pick(page, 'outer_front-colour', 'black');
  assert.notEqual(await preview(page), svg, 'colour changes the preview');
  svg = await preview(page);

  // Unavailable options stay visible, disabled, with the rule's reason.
  const stripesOnLeather = page.locator('#outer_front-motif-stripes');
  assert.ok(await stripesOnLeather.isDisabled());
  const why = await stripesOnLeather.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${why}`).innerText(), /leather/i);

  await pick(page, 'outer_back-motif', 'stripes');
  assert.notEqual(await total(page), price, 'a motif costs extra');
  assert.notEqual(await preview(page), svg, 'motif changes the preview');

  await reveal(page, '#monogram-on');
  await page.locator('label[for=monogram-on]').click();
  await page.locator('#monogram-text').fill('JS');
  await page.waitForFunction(() => document.querySelector('[data-testid=preview]').innerHTML.includes('JS'));

  // Undo/redo with the buttons, then with the keyboard.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('#monogram-text').inputValue(), 'AB');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await page.locator('#monogram-text').inputValue(), 'JS');
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('#monogram-text').inputValue(), 'AB');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await page.locator('#monogram-text').inputValue(), 'JS');

  // The URL carries the draft (it follows the design a moment later), so a link reproduces it...
  await page.waitForFunction(() => {
    const d = new URLSearchParams(location.search).get('d');
    return d && atob(d.replace(/-/g, '+').replace(/_/g, '/')).includes('"text":"JS"');
  });
  const shared = page.url();
  const other = await browser.newContext();
  const viewer = await other.newPage();
  await viewer.goto(shared);
  await viewer.locator('#monogram-text').waitFor({ state: 'attached' });
  assert.equal(await viewer.locator('#monogram-text').inputValue(), 'JS');
  assert.ok(await viewer.locator('#outer_front-material-leather').isChecked());
  await other.close();

  // ...and localStorage keeps it when the plain address is opened again.
  await openCustomizer(page);
  await page.getByText('Your saved design was restored.').waitFor();
  assert.ok(await page.locator('#outer_front-colour-black').isChecked());
  assert.equal(await page.locator('#monogram-text').inputValue(), 'JS');
  await page.reload();
  await page.locator('#monogram-text').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#monogram-text').inputValue(), 'JS');

  // Validation speaks at the field, and an invalid design cannot be published.
  await reveal(page, '#monogram-text');
  await page.locator('#monogram-text').fill('ABCDEFGHIJKLMNOPQRST');
  await page.locator('#monogram-text[aria-invalid=true]').waitFor();
  assert.notEqual((await page.locator('#monogram-text-err').innerText()).trim(), '');
  assert.ok(await page.getByRole('button', { name: 'Publish as a pattern' }).isDisabled());
  assert.deepEqual(errors, []);
  await context.close();
});

test('publish, search, fork with one change, credit, diff, tree, like, unpublish', async () => {
  const { page, errors, context } = await freshPage();
  const word = `zebra${Date.now().toString(36)}`;
  await openCustomizer(page);
  await pick(page, 'outer_front-colour', 'saffron');
  const parentTitle = `Saffron ${word}`;
  const parentId = await publish(page, { title: parentTitle, author: 'Ada' });

  // Find it in the gallery by search.
  await page.goto(`${server.url}/`);
  await page.locator('#q').fill(word);
  await page.keyboard.press('Enter');
  const card = page.locator('.card a', { hasText: parentTitle });
  await card.waitFor();
  assert.equal(await page.locator('.card').count(), 1);
  await card.click();
  await page.waitForURL(`**/p/${parentId}`);

  // Fork it, change one thing, publish the fork.
  await page.getByRole('link', { name: 'Fork this pattern' }).click();
  await page.waitForURL(/\/customize/);
  await page.locator('.forking').waitFor();
  assert.ok(await page.locator('#outer_front-colour-saffron').isChecked(), 'the fork starts as a copy');
  await pick(page, 'outer_back-colour', 'teal');
  const forkTitle = `Teal back ${word}`;
  const forkId = await publish(page, { title: forkTitle, author: 'Bo' });
  assert.notEqual(forkId, parentId);

  // The fork credits its parent, lists exactly the one change, and draws the family.
  const credit = page.locator('[data-testid=credit]');
  assert.match(await credit.innerText(), new RegExp(`Forked from ${parentTitle} by Ada`));
  assert.equal(await credit.locator('a').getAttribute('href'), `/p/${parentId}`);
  const changes = page.locator('[data-testid=changes] li');
  await changes.first().waitFor();
  assert.equal(await changes.count(), 1);
  assert.match(await changes.first().innerText(), /Teal/);
  await page.locator(`.tree a[href="/p/${parentId}"]`).waitFor();
  assert.equal(await page.locator('.tree a[aria-current=page]').getAttribute('href'), `/p/${forkId}`);

  // The parent's page shows the fork in its tree; tree nodes are links.
  await page.locator(`.tree a[href="/p/${parentId}"]`).click();
  await page.waitForURL(`**/p/${parentId}`);
  await page.locator(`.tree a[href="/p/${forkId}"]`).waitFor();
  assert.equal(await page.locator('.tree a[aria-current=page]').getAttribute('href'), `/p/${parentId}`);

  // Like, and the like is still there after a reload (the server keeps it per visitor).
  const like = page.getByRole('button', { name: /Like/ });
  await like.click();
  await page.locator('button[aria-pressed=true]').waitFor();
  assert.equal(await page.locator('[data-testid=like-count]').innerText(), '1');
  await page.reload();
  await page.locator('button[aria-pressed=true]').waitFor();

  // Share link and QR code.
  assert.equal(await page.locator('#share-url').inputValue(), `${server.url}/p/${parentId}`);
  assert.ok(await page.locator('.qr svg path').count() === 1);
  const sheet = await fetch(`${server.url}${await page.getByRole('link', { name: 'Cut sheet' }).getAttribute('href')}`);
  assert.equal(sheet.status, 200);

  // Unpublish the fork from /me.
  await page.goto(`${server.url}/me`);
  const row = page.locator('.mine-row', { hasText: forkTitle });
  await row.waitFor();
  assert.equal(await page.locator('.mine-row').count(), 2);
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Unpublish' }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.mine-row').count(), 1);
  const gone = await fetch(`${server.url}/api/v1/patterns/${forkId}`);
  assert.ok(gone.status === 404 || gone.status === 410, `unpublished answers ${gone.status}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Presses Tab (or Shift+Tab) until the focused element matches `test`; fails after 80 presses. */
async function tabUntil(page, testFn, arg, back = false) {
  for (let n = 0; n < 80; n++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(testFn, arg)) return;
  }
  throw new Error(`focus never reached ${arg}`);
}

test('a fork with no change is not published; the dialog links the original', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  await pick(page, 'outer_front-colour', 'saffron');
  const parentId = await publish(page, { title: `Unchanged parent ${Date.now().toString(36)}` });

  await page.goto(`${server.url}/customize?fork=${parentId}`);
  await page.locator('.forking').waitFor();
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  const dialog = page.locator('dialog.publish');
  await dialog.locator('#pub-title').fill('Same again');
  await dialog.locator('button[type=submit]').click();
  const said = dialog.locator('.same-as-parent[role=alert]');
  await said.waitFor();
  assert.match(await said.innerText(), /identical to the pattern it came from/);
  assert.ok(page.url().includes('/customize'), 'nothing was published');
  const link = said.getByRole('link', { name: 'Open the original pattern' });
  assert.equal(await link.getAttribute('href'), `/p/${parentId}`);
  const res = await fetch(`${server.url}/api/v1/patterns/${parentId}`);
  assert.equal((await res.json()).fork_count, 0, 'no fork was stored');
  await link.click();
  await page.waitForURL(new RegExp(`/p/${parentId}$`));
  // The browser logs the refused publish itself; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/status of 409/.test(e)), []);
  await context.close();
});

test('a licence is chosen at publish, shown with the credit; a fork keeps its terms and credits the chain', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  await pick(page, 'outer_front-colour', 'saffron');
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  const dialog = page.locator('dialog.publish');
  assert.equal(await dialog.getByLabel('Licence').inputValue(), 'cc-by-4.0', 'CC BY is the default');
  await dialog.getByLabel('Licence').selectOption('cc-by-sa-4.0');
  const title = `Share alike ${Date.now().toString(36)}`;
  await dialog.locator('#pub-title').fill(title);
  await dialog.locator('#pub-author').fill('Sam');
  await dialog.locator('button[type=submit]').click();
  await page.locator('h1', { hasText: title }).waitFor();
  const parentId = new URL(page.url()).pathname.split('/').pop();
  const licence = page.locator('[data-testid=licence]');
  assert.equal((await licence.innerText()).trim(), 'Licence: CC BY-SA 4.0');
  assert.equal(await licence.locator('a[rel~=license]').getAttribute('href'), 'https://creativecommons.org/licenses/by-sa/4.0/');
  assert.equal(await page.locator('[data-testid=credit-chain]').count(), 0, 'an original credits no one else');

  // The fork's dialog starts from the parent's share-alike licence.
  await page.goto(`${server.url}/customize?fork=${parentId}`);
  await page.locator('.forking').waitFor();
  await pick(page, 'outer_back-colour', 'teal');
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  // The dialog's code arrives on first use (src/lazy.rs): wait for it, then for the licence.
  await page.waitForFunction(() => document.querySelector('#pub-licence')?.value === 'cc-by-sa-4.0');
  const forkTitle = `Teal share alike ${Date.now().toString(36)}`;
  await dialog.locator('#pub-title').fill(forkTitle);
  await dialog.locator('button[type=submit]').click();
  await page.locator('h1', { hasText: forkTitle }).waitFor();
  assert.equal((await licence.innerText()).trim(), 'Licence: CC BY-SA 4.0');
  const chain = page.locator('[data-testid=credit-chain] li');
  await chain.first().waitFor();
  assert.equal(await chain.count(), 1);
  assert.equal((await chain.first().innerText()).trim(), `${title} by Sam · CC BY-SA 4.0`);
  assert.equal(await chain.first().locator('a').first().getAttribute('href'), `/p/${parentId}`);

  assert.deepEqual(errors, []);
  await context.close();
});

test('starting a fork keeps an unfinished design; /me lists both drafts', async () => {
  const { page, errors, context } = await freshPage();
  // A pattern to fork (publishing clears its own draft).
  await openCustomizer(page);
  await pick(page, 'outer_front-colour', 'saffron');
  const parentId = await publish(page, { title: `Saffron to fork ${Date.now().toString(36)}` });

  // Unfinished work from scratch: the teal back, default front.
  await openCustomizer(page);
  assert.ok(!(await page.locator('#outer_front-colour-saffron').isChecked()), 'publishing cleared the draft');
  await pick(page, 'outer_back-colour', 'teal');

  // Opening the fork changes nothing yet; its first change makes a draft of its own.
  await page.goto(`${server.url}/customize?fork=${parentId}`);
  await page.locator('.forking').waitFor();
  await pick(page, 'outer_back-colour', 'teal');
  assert.ok(await page.locator('#outer_front-colour-saffron').isChecked(), 'the fork is a copy of the pattern');

  await page.goto(`${server.url}/me`);
  const drafts = page.locator('ul.drafts > li');
  await drafts.first().waitFor();
  assert.equal(await drafts.count(), 2, 'one draft from scratch, one fork in progress');
  const forkRow = drafts.filter({ hasText: 'Forked from' });
  assert.equal(await forkRow.count(), 1);
  assert.ok((await forkRow.innerText()).includes(parentId));

  // The design from scratch is still the one left unfinished.
  await drafts.filter({ hasNotText: 'Forked from' }).getByRole('link', { name: 'Continue designing' }).click();
  await page.locator('[data-testid=preview] svg').waitFor();
  assert.ok(await page.locator('#outer_back-colour-teal').isChecked());
  assert.ok(!(await page.locator('#outer_front-colour-saffron').isChecked()));
  // And so is the fork, still crediting its parent.
  await page.goto(`${server.url}/me`);
  await forkRow.getByRole('link', { name: 'Continue designing' }).click();
  await page.locator('.forking').waitFor();
  assert.ok(await page.locator('#outer_front-colour-saffron').isChecked());
  assert.ok(await page.locator('#outer_back-colour-teal').isChecked());

  // At most 20 drafts: 20 older ones are added, the next save drops the oldest beyond 20.
  const kept = await page.evaluate(() => {
    const real = Object.keys(localStorage).filter((k) => k.startsWith('sf.draft.v1.'));
    const sample = JSON.parse(localStorage.getItem(real[0]));
    for (let n = 0; n < 20; n++) {
      const parent = `old${String(n).padStart(7, '0')}`;
      localStorage.setItem(`sf.draft.v1.laptop-sleeve.fork.${parent}`,
        JSON.stringify({ ...sample, parent, saved_at: n + 1 }));
    }
    return real;
  });
  await pick(page, 'outer_back-colour', 'saffron');
  const after = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sf.draft.v1.')));
  assert.equal(after.length, 20, 'at most 20 drafts are kept');
  for (const k of kept) assert.ok(after.includes(k), `the recent draft ${k} is kept`);
  assert.ok(!after.includes('sf.draft.v1.laptop-sleeve.fork.old0000000'), 'the oldest goes first');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a whole flow by keyboard only: choose, undo/redo, publish, like', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  const price = await total(page);
  await tabUntil(page, (name) => document.activeElement?.getAttribute('name') === name, 'outer_front-material');
  await page.keyboard.press('ArrowRight');
  assert.ok(await page.locator('#outer_front-material-leather').isChecked(), 'arrow key picks the next material');
  assert.notEqual(await total(page), price);
  await page.keyboard.press('Control+z');
  assert.ok(await page.locator('#outer_front-material-ultrasuede').isChecked(), 'Ctrl+Z undoes');
  await page.keyboard.press('Control+Shift+z');
  assert.ok(await page.locator('#outer_front-material-leather').isChecked(), 'Ctrl+Shift+Z redoes');

  await tabUntil(page, (t) => document.activeElement?.textContent?.trim() === t, 'Publish as a pattern', true);
  await page.keyboard.press('Enter');
  await page.locator('#pub-title:focus').waitFor();
  await page.keyboard.type('Keyboard made');
  await tabUntil(page, () => document.activeElement?.getAttribute('type') === 'submit', null);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/p\/[\w-]+$/);
  await page.locator('h1', { hasText: 'Keyboard made' }).waitFor();

  await tabUntil(page, () => document.activeElement?.hasAttribute('aria-pressed'), null);
  await page.keyboard.press('Enter');
  await page.locator('button[aria-pressed=true]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Swedish and Russian: every visible text switches, prices follow the locale, the choice is kept', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  assert.match(await total(page), /€\s?\d/);

  await page.selectOption('#lang-select', 'sv');
  await page.getByRole('link', { name: 'Galleri' }).waitFor();
  assert.equal(await page.locator('h1').innerText(), 'Datorfodral');
  assert.ok(await page.getByRole('button', { name: 'Ångra' }).count() === 1);
  assert.match(await total(page), /\d,\d\d\s€/, 'Swedish price format');
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv-SE');

  await page.selectOption('#lang-select', 'ru');
  await page.getByRole('link', { name: 'Галерея' }).waitFor();
  assert.equal(await page.locator('h1').innerText(), 'Чехол для ноутбука');
  assert.ok(await page.getByRole('button', { name: 'Отменить' }).count() === 1);
  assert.match(await page.locator('#outer_front-h').innerText(), /Лицевая/);

  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'Узоры нашего сообщества' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second product, made of catalog data only: the tote customizes, explains its rules, publishes and filters', async () => {
  const { page, errors, context } = await freshPage();
  await openCustomizer(page);
  // The site's customizer links the catalog's other products.
  await page.locator('nav.other-products a[data-product=tote-bag]').click();
  await page.waitForURL(/\/customize\/tote-bag$/);
  await page.locator('h1.customize-title', { hasText: 'Tote bag' }).waitFor();
  let svg = await preview(page);
  assert.match(svg, /stroke-linecap="round"/, 'handles arch over the bag');
  const price = await total(page);

  // Its own rule, with its own reason, on its own part.
  await reveal(page, '#handles-material-wool-felt');
  const felt = page.locator('#handles-material-wool-felt');
  assert.ok(await felt.isDisabled());
  const why = await felt.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${why}`).innerText(), /handles/i);

  await pick(page, 'tote_front-motif', 'stripes');
  assert.notEqual(await total(page), price, 'a motif costs extra on the tote too');
  assert.notEqual(await preview(page), svg);
  svg = await preview(page);
  await pick(page, 'closure-kind', 'magnetic-snap');
  assert.notEqual(await preview(page), svg, 'the snap is drawn');

  const id = await publish(page, { title: 'E2E striped tote' });
  // The gallery's product filter finds it, and only totes.
  await page.goto(`${server.url}/?product=tote-bag`);
  await page.locator(`.card a[href="/p/${id}"]`).waitFor();
  const hrefs = await page.locator('.card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 1);
  const res = await fetch(`${server.url}/api/v1/patterns?product=laptop-sleeve`);
  const sleeves = (await res.json()).items.map((p) => `/p/${p.id}`);
  assert.ok(!hrefs.some((h) => sleeves.includes(h)), 'no sleeve in the tote gallery');
  assert.deepEqual(errors, []);
  await context.close();
});
