// The release build's deferred chunk (the form, the quote, the
// confirmation, the waiting list, the sign-in flow; scripts/build-wasm.sh):
// fetched after the listing, from the same origin as the main wasm; and a
// failed fetch leaves the listing working and is tried again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchChromium, chooseEightSquareMetres } from './support.mjs';

const CHUNK = /\/split_[^/]*\.wasm$/;

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('the deferred chunk comes after the listing, and again after a failed fetch', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const fetched = [];
  let refused = 0;
  await page.route(CHUNK, (route) => {
    fetched.push(route.request().url());
    if (refused++ === 0) return route.abort('connectionreset');
    return route.continue();
  });
  await page.goto(`${BASE}/?lang=en`);
  await page.waitForSelector('.sw-card', { timeout: 15000 });
  // Asked for on idle once the listing is shown (here refused): the form
  // keeps its room meanwhile.
  for (let i = 0; i < 100 && fetched.length === 0; i++) await page.waitForTimeout(50);
  assert.equal(fetched.length, 1, 'the chunk is asked for without a choice');
  assert.equal(await page.locator('.sw-form').count(), 0);
  assert.equal(await page.locator('.sw-pending--form').count(), 1);
  // The listing still works; choosing a size asks again at once.
  await chooseEightSquareMetres(page);
  await page.waitForSelector('.sw-form', { timeout: 5000 });
  await page.waitForTimeout(5500); // the retry timer finds it loaded
  assert.equal(fetched.length, 2, `the chunk fetched once refused, then once more: ${fetched.join(' ')}`);
  assert.ok(fetched.every((url) => url.startsWith(`${BASE}/`)), fetched.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});
