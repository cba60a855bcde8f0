// Every language complete, in headless Chromium against the real server: each page and dialog
// (a made item's page too) walked in Swedish and Russian must show no interface text left in
// English (user content and brand names are marked translate="no" and set aside), counts take
// CLDR plural forms, and the server's field errors come in the request's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors, defaultConfig, publishPattern, registerItem, showCatalogPreview } from './harness.mjs';

const RETAILER_KEY = 'lang-retailer-key-0123456789';
let server, browser, parent, fork, item;
before(async () => {
  server = await startServer({ env: { STITCHFORK_RETAILER_KEYS: `Shop=${RETAILER_KEY}` } });
  browser = await launchBrowser();
  const config = await defaultConfig(browser, server.url);
  parent = await publish({ title: 'Midnight ink', author_name: 'Ada', tags: ['classic'], config });
  const child = structuredClone(config);
  child.parts.outer_back.colour = 'saffron';
  fork = await publish({ title: 'Saffron back', author_name: 'Bo', tags: ['bright'], config: child, parent_id: parent.id });
  const made = await registerItem(server.url, RETAILER_KEY, { config: child, pattern_id: fork.id });
  assert.equal(made.status, 201);
  ({ item } = made);
});
after(async () => { await browser?.close(); await server?.stop(); });

const publish = (body, lang) => publishPattern(server.url, body, lang);

/** A visitor whose chosen language is `lang`, who published `fork` from this browser. */
async function visitor(lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await context.addInitScript(([l, mine]) => {
    localStorage.setItem('sf.lang', l);
    if (!localStorage.getItem('sf.mine.v1')) localStorage.setItem('sf.mine.v1', JSON.stringify(mine));
  }, [lang, [{ id: fork.id, edit_key: fork.edit_key, title: fork.title }]]);
  const page = await context.newPage();
  return { page, errors: watchPageErrors(page), context };
}

/** Every piece of interface text on the page: text nodes (also in closed sections and dialogs)
 *  and the names, placeholders and titles in attributes, outside user content (translate=no),
 *  drawings (svg) and scripts. Only strings with letters. */
const texts = (page) => page.evaluate(() => {
  const out = new Set();
  const skip = (el) => !el || el.closest('[translate=no], script, style, svg, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode.textContent.trim();
    if (t && !skip(walker.currentNode.parentElement)) out.add(t);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
      const v = el.getAttribute(a)?.trim();
      if (v) out.add(v);
    }
  }
  return [...out].filter((t) => /\p{L}/u.test(t));
});

// Words that are the same in the language by nature, not left untranslated: brand and material
// names, and words Swedish shares with English.
// Brand names (Stitchfork, Ultrasuede) are the same in every language; the rest are Swedish
// words spelled as in English (Sans and Gunmetal as Swedish shops name a typeface and a metal).
const SAME = {
  sv: new Set(['Stitchfork', 'Ultrasuede', 'Material', 'Monogram', 'Nickel', 'Tartan', 'Sand', 'Bordeaux', 'Petrol',
    'Sans', 'Gunmetal', '1 fork']),
  ru: new Set(['Stitchfork', 'Ultrasuede']),
};

/** Pages and dialogs, each as a name and the steps that bring it on screen. */
const SCREENS = [
  ['gallery', async (page) => { await page.goto(`${server.url}/`); await page.locator('.card').first().waitFor(); }],
  ['customizer with every section and the monogram', async (page) => {
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('[data-testid=preview] svg').waitFor();
    // Leather makes some motifs unavailable: their reasons are listed too.
    await page.locator('label[for="outer_front-material-leather"]').click();
    await page.locator('#monogram-h button').click();
    if (!(await page.locator('#monogram-on').isChecked())) await page.locator('label[for=monogram-on]').click();
  }],
  ['customizer with problems and a restored draft', async (page) => {
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('#monogram-h button').click();
    if (!(await page.locator('#monogram-on').isChecked())) await page.locator('label[for=monogram-on]').click();
    await page.locator('#monogram-text').fill('ABCDEFGHIJKLMNOPQRST');
    await page.locator('.problems').waitFor();
    // The plain address again (a reload would keep the design's ?d= link): the draft comes back.
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    await page.locator('.notice').waitFor();
  }],
  ['publish dialog with a server error', async (page) => {
    await page.goto(`${server.url}/customize/laptop-sleeve`);
    // Without the draft the earlier screens left unfinished, so the design can be published.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sf.draft')).forEach((k) => localStorage.removeItem(k)));
    await page.reload();
    await page.locator('[data-testid=preview] svg').waitFor();
    await page.locator('.checkout > button.primary').click();
    await page.locator('#pub-title').fill('A title');
    await page.locator('#pub-tags').fill('bad%tag');
    await page.locator('dialog.publish button[type=submit]').click();
    await page.locator('dialog.publish .error').waitFor();
  }],
  ['fork in progress', async (page) => {
    await page.goto(`${server.url}/customize?fork=${fork.id}`);
    await page.locator('.forking').waitFor();
  }],
  ['pattern page of a fork', async (page) => {
    await page.goto(`${server.url}/p/${fork.id}`);
    await page.locator('[data-testid=changes] li').first().waitFor();
    await page.locator('.tree svg').waitFor();
    await page.locator('.share-row button').click();
    await page.locator('.share-row [role=status]').filter({ hasText: /\p{L}/u }).waitFor();
  }],
  ['pattern page of an original', async (page) => {
    await page.goto(`${server.url}/p/${parent.id}`);
    await page.locator('.tree svg').waitFor();
  }],
  ['my patterns with the edit form', async (page) => {
    await page.goto(`${server.url}/me`);
    await page.locator('.mine-row').waitFor();
    await page.locator('.mine-row button[aria-expanded]').click();
    await page.locator('.mine-row form').waitFor();
  }],
  ['embed', async (page) => { await page.goto(`${server.url}/embed?product=laptop-sleeve`); await page.locator('[data-testid=preview] svg').waitFor(); }],
  ['made item page with its claim form', async (page) => {
    await page.goto(`${server.url}/i/${item.id}`);
    await page.locator('article.item').waitFor();
    await page.locator('form.claim').waitFor();
  }],
  ['catalog page with every size previewed', (page) => showCatalogPreview(page, server.url)],
  ['error: a pattern that does not exist', async (page) => { await page.goto(`${server.url}/p/no-such-pattern`); await page.locator('.error').waitFor(); }],
  ['error: a page that does not exist', async (page) => { await page.goto(`${server.url}/no/such/page`); await page.locator('h1').waitFor(); }],
];

for (const lang of ['sv', 'ru']) {
  test(`no interface text is left in English in ${lang}, on any page or dialog`, async () => {
    const en = await visitor('en');
    const other = await visitor(lang);
    const left = [];
    for (const [name, show] of SCREENS) {
      await show(en.page);
      await show(other.page);
      const english = new Set(await texts(en.page));
      for (const t of await texts(other.page)) {
        // In Russian any Latin word is suspect, except brands and a monogram's letters (“…”).
        const latinWord = lang === 'ru' && /[A-Za-z]{3,}/.test(t.replace(/Stitchfork|Ultrasuede|JSON|“[^”]*”/g, ''));
        if ((english.has(t) || latinWord) && !SAME[lang].has(t)) left.push(`${name}: "${t}"`);
      }
    }
    assert.deepEqual(left, [], `English left in ${lang}`);
    // The provoked server error (422) and the missing pattern (404) are logged by Chromium.
    assert.deepEqual(other.errors.filter((e) => !/status of (404|422)/.test(e)), []);
    await en.context.close();
    await other.context.close();
  });
}

test('the unpublish question is asked in the language too', async () => {
  const { page, context } = await visitor('ru');
  await page.goto(`${server.url}/me`);
  await page.locator('.mine-row').waitFor();
  const asked = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.message()); await d.dismiss(); }));
  await page.locator('.mine-row button.danger').click();
  assert.match(await asked, /^Снять с публикации\?/);
  await context.close();
});

test('counts take the plural form of the language (CLDR rules through Intl.PluralRules)', async () => {
  // 1, 2, 5 and 21 likes: one / few / many / one in Russian, one / other in English and Swedish.
  const config = await defaultConfig(browser, server.url);
  const counts = [1, 2, 5, 21];
  for (const n of counts) {
    const p = await publish({ title: `Liked ${n} times`, author_name: 'Cy', config });
    for (let v = 0; v < n; v++) {
      const res = await fetch(`${server.url}/api/v1/patterns/${p.id}/like`, { method: 'POST', headers: { 'x-visitor-id': `visitor-${n}-${v}-abcdef` } });
      assert.equal(res.status, 200);
    }
  }
  const want = {
    en: ['1 like', '2 likes', '5 likes', '21 likes'],
    sv: ['1 gillning', '2 gillningar', '5 gillningar', '21 gillningar'],
    ru: ['1 лайк', '2 лайка', '5 лайков', '21 лайк'],
  };
  for (const [lang, forms] of Object.entries(want)) {
    const { page, context } = await visitor(lang);
    await page.goto(`${server.url}/`);
    for (const [i, n] of counts.entries()) {
      const meta = page.locator('.card', { hasText: `Liked ${n} times` }).locator('.meta');
      await meta.waitFor();
      assert.match(await meta.innerText(), new RegExp(`· ${forms[i]} ·`), `${lang}: ${n}`);
    }
    assert.match(await page.locator('.card', { hasText: 'Liked 1 times' }).locator('.meta').innerText(),
      { en: /0 forks$/, sv: /0 forkar$/, ru: /0 форков$/ }[lang]);
    await context.close();
  }
});

test('the server says field problems in the language the request asks for', async () => {
  const config = await defaultConfig(browser, server.url);
  const ask = async (lang) => (await publish({ title: '', tags: ['a%b'], config }, lang)).error;
  const en = await ask('en');
  const sv = await ask('sv-SE,sv;q=0.9,en;q=0.5');
  const ru = await ask('ru');
  assert.equal(en.fields.find((f) => f.path === 'title').message, 'A title is required.');
  assert.equal(sv.fields.find((f) => f.path === 'title').message, 'En titel krävs.');
  assert.equal(ru.fields.find((f) => f.path === 'title').message, 'Нужно название.');
  assert.match(ru.fields.find((f) => f.path === 'tags[0]').message, /^Тег — от 1 до 24/);
  // The codes stay the same in every language, for programs.
  assert.deepEqual(sv.fields.map((f) => f.code), en.fields.map((f) => f.code));
});
