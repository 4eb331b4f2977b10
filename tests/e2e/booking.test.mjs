// A tenant's whole visit in a real Chromium against the real booking API:
// the listing, a size, the form, the live quote, the booking, the
// confirmation; the booking found again through the API; axe-core on every
// step; the draft across a reload; a 320 px wide phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PROPERTY, launchChromium, api, assertAccessible, formatMoney } from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** A page that records CSP violations and console errors. */
async function openPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    // Cumulative layout shift: prices arriving must not push the page around.
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations = (window.__cspViolations || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** Time to listing is measured by bench/time-to-listing.mjs, not here. */
async function waitForListing(page) {
  await page.waitForSelector('.sw-card', { timeout: 15000 });
}

test('a tenant books a unit and the booking is found through the API', async () => {
  const { context, page, problems } = await openPage();
  const firstRequests = [];
  page.on('request', (r) => { if (/\/v1\/(properties|search)\//.test(r.url())) firstRequests.push(r.url()); });
  await page.goto(`${BASE}/?lang=en`);
  await waitForListing(page);
  // init.js sends the property request ahead of the wasm; the widget must
  // take that response, not ask a second time.
  assert.equal(firstRequests.length, 2, firstRequests.join(' '));
  assert.equal(firstRequests[0], `${BASE}/v1/properties/${PROPERTY}`);
  assert.match(firstRequests[1], /\/period\/MONTHLY\/price\/list$/);
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => window.__cls);
  console.log(`cumulative layout shift while loading: ${cls.toFixed(4)}`);
  assert.ok(cls < 0.1, `layout shift ${cls} (WCAG/Web Vitals "good" is below 0.1)`);
  assert.equal(await page.textContent('h1'), 'Book a storage unit');
  assert.ok((await page.locator('.sw-group__title').allTextContents()).includes('Small'));
  await assertAccessible(page, 'the listing');

  // Box 8 m², first variant, to rent.
  const card = page.locator('.sw-card', { has: page.locator('.sw-card__title', { hasText: 'Box 8 m²' }) });
  await card.locator('.sw-choice__button').first().click();
  await page.waitForSelector('.sw-quote__total');
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert.equal(focused, 'sw-form-title', 'choosing a size moves focus to the form');

  // Sending the empty form marks every missing field, accessibly.
  await page.click('button[type=submit]');
  await page.waitForSelector('#sw-email[aria-invalid=true]');
  assert.equal(await page.textContent('#sw-email-error'), 'This field is required.');
  await assertAccessible(page, 'the form with errors');

  await page.fill('#sw-first-name', 'Camille');
  await page.fill('#sw-last-name', 'Durand');
  await page.fill('#sw-email', 'camille.durand@example.com');
  await page.fill('#sw-phone', '+33 5 22 24 38 38');
  await page.fill('#sw-address', '12 rue des Lilas');
  await page.fill('#sw-city', 'Toulouse');
  await page.fill('#sw-postal-code', '31000');
  assert.equal(await page.inputValue('#sw-country'), 'FR', "the property's country, chosen");
  await page.check('#sw-terms');
  // The quote follows the form: one padlock adds its price.
  const before = await page.textContent('.sw-quote__total');
  const padlock = page.locator('.sw-form__group--addons input').first();
  await padlock.fill('1');
  await page.waitForFunction((b) => document.querySelector('.sw-quote__total')?.textContent !== b, before);
  const shownTotal = (await page.textContent('.sw-quote__total')).trim();
  const shownAmounts = (await page.locator('.sw-quote__invoice td').allTextContents()).map((t) => t.trim());
  await assertAccessible(page, 'the filled form with its quote');

  const bookingResponse = page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST');
  await page.click('button[type=submit]');
  const response = await bookingResponse;
  assert.equal(response.status(), 201);
  const request = response.request();
  const sent = request.postDataJSON();
  const booked = (await response.json()).data;
  assert.ok(request.headers()['idempotency-key'], 'an Idempotency-Key is sent');
  await page.waitForSelector('.sw-confirm__reference', { timeout: 15000 });
  const reference = (await page.textContent('.sw-confirm__reference')).trim();
  assert.ok(reference.length > 0);
  await assertAccessible(page, 'the confirmation');

  // The widget's quote is the server's, to the cent.
  const { tenant, termsAccepted, expectedDueAtMoveIn, ...selection } = sent;
  const serverQuote = await api('/v1/quotes', { method: 'POST', body: selection });
  assert.equal(serverQuote.status, 200, JSON.stringify(serverQuote.json));
  assert.equal(serverQuote.json.data.quote.dueAtMoveIn, expectedDueAtMoveIn);
  const formatted = await page.evaluate(
    ([a, c]) => new Intl.NumberFormat('en-FR', { style: 'currency', currency: c }).format(a),
    [expectedDueAtMoveIn, serverQuote.json.data.quote.currency],
  );
  assert.equal(shownTotal, formatted);
  // Every amount on screen, line by line, is the server's.
  const q = serverQuote.json.data.quote;
  const invoices = q.proRata.startDate === q.fullCycle.startDate ? [q.proRata] : [q.proRata, q.fullCycle];
  const expected = invoices.flatMap((inv) => [
    ...inv.lines.map((l) => l.gross),
    ...(Number(inv.taxAmount) !== 0 ? [inv.taxAmount] : []),
    inv.grossAmount,
  ]);
  const expectedText = await page.evaluate(
    ([amounts, c]) => amounts.map((a) => new Intl.NumberFormat('en-FR', { style: 'currency', currency: c }).format(a)),
    [expected, q.currency],
  );
  assert.deepEqual(shownAmounts, expectedText);
  assert.equal(tenant.email, 'camille.durand@example.com');
  assert.equal(termsAccepted, true);
  assert.deepEqual(selection.addOns.find((a) => a.quantity === 1) !== undefined, true);

  // The confirmation says what was booked and what the first invoice is made of.
  assert.equal((await page.textContent('.sw-confirm__unit-name')).trim(), 'Box 8 m²');
  const firstInvoice = q.proRata;
  const confirmedAmounts = await formatMoney(page, [
    ...firstInvoice.lines.map((l) => l.gross),
    ...(Number(firstInvoice.taxAmount) !== 0 ? [firstInvoice.taxAmount] : []),
    firstInvoice.grossAmount,
  ], 'en-FR');
  assert.deepEqual((await page.locator('.sw-confirm .sw-quote__invoice td').allTextContents()).map((t) => t.trim()), confirmedAmounts);

  // The booking is there, under the reference shown, with the quote the tenant saw.
  assert.equal(booked.transactId, reference);
  assert.equal(booked.quote.dueAtMoveIn, expectedDueAtMoveIn);
  const preview = await api(`/v1/booking/${encodeURIComponent(booked.id)}/activity-quotation/preview`);
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  assert.ok(JSON.stringify(preview.json.data).includes('Camille'), 'the preview names the tenant');

  // The draft is gone once booked.
  const draft = await page.evaluate((p) => localStorage.getItem(`storage-widget:draft:${p}`), PROPERTY);
  assert.equal(draft, null);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations ?? []), [], 'no CSP violation');
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await context.close();
});

test('the form survives a reload and follows a deep link', async () => {
  const { context, page } = await openPage();
  await page.goto(`${BASE}/?lang=en&promo=SPRING&sort=price`);
  await waitForListing(page);
  assert.equal(await page.inputValue('#sw-promo'), 'SPRING');
  assert.equal(await page.inputValue('#sw-sort'), 'price');
  await page.fill('#sw-first-name', 'Ada');
  await page.waitForFunction((p) => localStorage.getItem(`storage-widget:draft:${p}`)?.includes('Ada'), PROPERTY);
  await page.reload();
  await waitForListing(page);
  assert.equal(await page.inputValue('#sw-first-name'), 'Ada');
  await context.close();
});

test('French from the property locale, and usable 320 px wide', async () => {
  const { context, page } = await openPage({ width: 320, height: 640 });
  await page.goto(`${BASE}/`);
  await waitForListing(page);
  assert.equal(await page.textContent('h1'), 'Réserver un box');
  await page.waitForTimeout(300);
  assert.ok((await page.evaluate(() => window.__cls)) < 0.1, 'no layout shift on a phone either');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (overflow ${overflow}px)`);
  await assertAccessible(page, 'the listing in French at 320 px');
  await context.close();
});
