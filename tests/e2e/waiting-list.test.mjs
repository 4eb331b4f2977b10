// A size sold out in every variant offers a waiting list instead of a
// booking: the tenant leaves their name and e-mail, the API records it
// (201), and the listing says so, accessibly. Runs last: it sells out the
// 4 m² box of the demo catalogue through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PROPERTY, launchChromium, api, assertAccessible } from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Books `mode` of `priceId` until the API answers SOLD_OUT. */
async function sellOut(selection) {
  for (let n = 0; n < 50; n++) {
    const quote = await api('/v1/quotes', { method: 'POST', body: selection });
    if (quote.status === 409 && quote.json.status === 'SOLD_OUT') return;
    assert.equal(quote.status, 200, JSON.stringify(quote.json));
    const booking = await api('/v1/bookings', {
      method: 'POST',
      headers: { 'Idempotency-Key': `sell-out-${selection.priceId}-${selection.mode}-${n}` },
      body: {
        ...selection,
        tenant: {
          firstName: 'Stock', lastName: 'Taker', email: 'stock@example.com', phoneNumber: '+33 5 00 00 00 00',
          address: '1 rue du Stock', city: 'Toulouse', postalCode: '31000', countryISOCode2: 'FR',
        },
        termsAccepted: true,
        expectedDueAtMoveIn: quote.json.data.quote.dueAtMoveIn,
      },
    });
    if (booking.status === 409 && booking.json.status === 'SOLD_OUT') return;
    assert.equal(booking.status, 201, JSON.stringify(booking.json));
  }
  assert.fail(`${selection.priceId} ${selection.mode} never sold out`);
}

test('a sold-out size takes a waiting-list entry, recorded by the API', async () => {
  const details = (await api(`/v1/properties/${PROPERTY}`)).json.data;
  const storage = details.storages[0].id;
  const tenantType = details.tenantTypes[0].id;
  const listing = (await api(
    `/v1/search/storage/${storage}/property/${PROPERTY}/user-type/${tenantType}/storageGroup/0/period/MONTHLY/price/list`,
  )).json.data;
  const sizes = listing.propertySizePriceData.flatMap((d) => d.sizes);
  const size = sizes.reduce((a, b) => (Number(a.surface) <= Number(b.surface) ? a : b));
  const variants = size.storageCategory.flatMap((c) => c.price);
  for (const variant of variants) {
    for (const mode of ['RENT', 'BOOK']) {
      await sellOut({
        propertyInfoId: PROPERTY,
        storageInfoId: storage,
        storageSpaceSizeInfoId: size.storageSpaceSizeInfoId,
        priceId: variant.id,
        mode,
        taxUserTypeInfoId: tenantType,
        paymentPeriod: 'MONTHLY',
        moveInDate: details.earliestMoveInDate,
        insurancePlanId: null,
        addOns: [],
        promoCode: null,
      });
    }
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${BASE}/?lang=en`);
  const card = page.locator('.sw-card', { has: page.locator('.sw-waiting') });
  await card.waitFor({ timeout: 15000 });
  assert.equal(await card.locator('.sw-choice__button:not([disabled])').count(), 0, 'no sold-out variant can be chosen');

  // Sending it empty names the missing fields; then filled, it is recorded.
  await card.locator('.sw-waiting button[type=submit]').click();
  await page.waitForSelector('.sw-waiting [aria-invalid=true]');
  const inputs = card.locator('.sw-waiting input');
  await inputs.nth(0).fill('Noor');
  await inputs.nth(1).fill('Haddad');
  await inputs.nth(2).fill('noor.haddad@example.com');
  const recorded = page.waitForResponse((r) => r.url().endsWith('/v1/waiting-list') && r.request().method() === 'POST');
  await card.locator('.sw-waiting button[type=submit]').click();
  const response = await recorded;
  assert.equal(response.status(), 201);
  const sent = response.request().postDataJSON();
  assert.equal(sent.storageSpaceSizeInfoId, size.storageSpaceSizeInfoId);
  assert.equal(JSON.stringify(sent).includes('noor.haddad@example.com'), true);
  assert.ok((await response.json()).data.id, 'the API answers the entry it kept');
  await page.waitForSelector('.sw-waiting__done');

  await assertAccessible(page, 'the waiting list');
  await context.close();
});
