// The widget in front of an operator's Stortech account: the booking API runs
// with --backend stortech against the Stortech simulator (crates/upstream-sim),
// and a tenant in Chromium sees the facility's unit types and books one, which
// must arrive upstream exactly once. scripts/e2e.sh starts both and sets
// E2E_STORTECH_BASE and E2E_STORTECH_SIM.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible, fillTenant, launchChromium, openPhone } from './support.mjs';

const BASE = process.env.E2E_STORTECH_BASE;
const SIM = process.env.E2E_STORTECH_SIM;
const FACILITY = process.env.E2E_STORTECH_FACILITY;
assert.ok(BASE && SIM && FACILITY, 'E2E_STORTECH_BASE, E2E_STORTECH_SIM and E2E_STORTECH_FACILITY are set by scripts/e2e.sh');

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function sim(path) {
  const response = await fetch(`${SIM}${path}`);
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response.json();
}

test('a tenant books a Stortech unit through the widget; it arrives upstream once', async () => {
  const bookingsBefore = await sim('/_sim/bookings');
  const countBefore = (Array.isArray(bookingsBefore) ? bookingsBefore : bookingsBefore.bookings ?? bookingsBefore.data).length;

  const { context, page, problems } = await openPhone(browser, 390);
  await page.goto(`${BASE}/?property=${encodeURIComponent(FACILITY)}&lang=en`);
  await page.waitForSelector('.sw-card', { timeout: 20000 });
  const titles = (await page.locator('.sw-card__title').allTextContents()).map((t) => t.trim());
  assert.ok(titles.length >= 2, `the facility's unit types are listed: ${titles.join(', ')}`);
  // Read from the snapshot: the listing says when.
  assert.match(await page.textContent('.sw-listing__as-of'), /^Prices and availability as of .+, .+/);
  await assertAccessible(page, 'the Stortech listing');

  // The first card that can be booked now.
  const button = page.locator('.sw-card .sw-choice__button:not([disabled])').first();
  await button.click();
  await page.waitForSelector('.sw-quote__total');
  await fillTenant(page, {
    firstName: 'Avery', lastName: 'Tremblay', email: `avery.${Date.now()}@example.com`,
    phone: '+1 604 555 0182', address: '88 Granville Street', city: 'Vancouver', postalCode: 'V6B 1A1', country: 'CA',
  });
  const sent = page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST');
  // The booking form's button: a sold-out type's waiting-list form has one too.
  await page.getByRole('button', { name: 'Book now' }).click();
  const response = await sent;
  assert.equal(response.status(), 201, await response.text());
  const booked = (await response.json()).data;
  await page.waitForSelector('.sw-confirm__reference', { timeout: 15000 });
  assert.equal((await page.textContent('.sw-confirm__reference')).trim(), booked.transactId);
  await assertAccessible(page, 'the Stortech confirmation');

  // Upstream: exactly one new booking, for this tenant.
  const bookingsAfter = await sim('/_sim/bookings');
  const list = Array.isArray(bookingsAfter) ? bookingsAfter : bookingsAfter.bookings ?? bookingsAfter.data;
  assert.equal(list.length, countBefore + 1, JSON.stringify(list.slice(-2)));
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await context.close();
});
