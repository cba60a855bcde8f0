// The app's form limits are the server's: each text field's `maxlength` in the publish dialog
// and the /me edit form is exactly the longest value the API accepts (that many characters
// publish, one more is refused), and the browser stops typing there. Both sides read the
// same constants (stitchfork-api's `limits`); this fails if either ever stops doing so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchPageErrors } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** A valid configuration: the contract's own publish example. */
async function validConfig() {
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  return doc.paths['/api/v1/patterns'].post.requestBody.content['application/json'].example.config;
}

/** What the API answers to publishing with `field` set to `n` characters. */
async function publishWith(config, field, n) {
  const body = { title: 'Limits', author_name: 'Ada', description: '', tags: [], config };
  body[field] = 'é'.repeat(n);
  const res = await fetch(`${server.url}/api/v1/patterns`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return res.status;
}

test('form maxlengths equal what the server accepts', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/customize/laptop-sleeve`);
  await page.locator('[data-testid=preview] svg').waitFor();
  await page.getByRole('button', { name: 'Publish as a pattern' }).click();
  const dialog = page.locator('dialog.publish');
  const config = await validConfig();
  assert.ok(config, 'the contract has a publish example');

  const limits = {};
  for (const [selector, field] of [['#pub-title', 'title'], ['#pub-author', 'author_name'], ['#pub-desc', 'description']]) {
    const max = Number(await dialog.locator(selector).getAttribute('maxlength'));
    assert.ok(max > 0, `${selector} has a maxlength`);
    limits[field] = max;
    assert.equal(await publishWith(config, field, max), 201, `${field} of ${max} characters is accepted`);
    assert.equal(await publishWith(config, field, max + 1), 422, `${field} of ${max + 1} characters is refused`);
  }
  // The browser stops at the limit.
  await dialog.locator('#pub-title').fill('');
  await dialog.locator('#pub-title').pressSequentially('x'.repeat(limits.title + 3));
  assert.equal((await dialog.locator('#pub-title').inputValue()).length, limits.title);

  // Publishing through the dialog at the limits works, and /me's edit form has the same ones.
  await dialog.locator('#pub-title').fill('t'.repeat(limits.title));
  await dialog.locator('#pub-author').fill('a'.repeat(limits.author_name));
  await dialog.locator('button[type=submit]').click();
  await page.waitForURL(/\/p\/[\w-]+$/);
  await page.goto(`${server.url}/me`);
  const row = page.locator('.mine-row');
  await row.waitFor();
  await row.getByRole('button', { name: 'Edit' }).click();
  const form = row.locator('form.edit');
  assert.equal(Number(await form.locator('input').first().getAttribute('maxlength')), limits.title);
  assert.equal(Number(await form.locator('textarea').getAttribute('maxlength')), limits.description);
  assert.deepEqual(errors, []);
  await context.close();
});
