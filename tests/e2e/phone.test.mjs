// What a tenant meets on a phone, 390 and 320 px wide, against the real
// API, with axe-core on every step: a promo code that does not apply (typed
// letter by letter) keeps the quote; the country is a list of names in the
// tenant's language, the property's first; the confirmation names the unit,
// every line of the first invoice, the total, and where and when to come;
// every language speaks from its own table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, PHONES, SIZE_8M, launchChromium, api, assertAccessible, assertNoOverflow, chooseEightSquareMetres,
  fillTenant, formatMoney, openPhone, propertyDetails,
} from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

const trimmed = async (locator) => (await locator.allTextContents()).map((t) => t.trim());

for (const width of PHONES) {
  test(`${width} px: a promo code that does not apply keeps the quote, without the promotion`, async () => {
    const { context, page, problems } = await openPhone(browser, width);
    await page.goto(`${BASE}/?lang=en`);
    await page.waitForSelector('.sw-card');
    await assertAccessible(page, `the listing at ${width} px`);
    await chooseEightSquareMetres(page);
    const total = (await page.textContent('.sw-quote__total')).trim();
    await assertAccessible(page, `the quote at ${width} px`);

    // Letter by letter, as a thumb types it: the quote never goes away.
    const promo = page.locator('#sw-promo');
    for (const letter of 'WRONG') {
      await promo.press(letter);
      assert.equal(await page.locator('.sw-quote__empty').count(), 0, `after ${letter}: still a quote`);
      assert.equal((await page.textContent('.sw-quote__total')).trim(), total, `after ${letter}: the same total`);
    }
    assert.equal(await page.locator('.sw-quote__discount').count(), 0, 'no promotion');
    await promo.press('Tab');
    await page.waitForSelector('#sw-promo[aria-invalid=true]');
    assert.equal((await page.textContent('#sw-promo-error')).trim(), 'This promo code does not apply.');
    assert.equal(await promo.getAttribute('aria-describedby'), 'sw-promo-error');
    await assertAccessible(page, `a wrong promo code at ${width} px`);

    // The quote shown is the server's without the code; the server refuses the code.
    const details = await propertyDetails();
    const selection = {
      propertyInfoId: details.property.id, storageInfoId: details.storages[0].id, storageSpaceSizeInfoId: SIZE_8M,
      priceId: await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('storage-widget:draft:')))).priceId),
      mode: 'RENT', taxUserTypeInfoId: details.tenantTypes[0].id, paymentPeriod: 'MONTHLY',
      moveInDate: await page.inputValue('#sw-move-in'), insurancePlanId: null, addOns: [],
    };
    const plain = await api('/v1/quotes', { method: 'POST', body: { ...selection, promoCode: null } });
    assert.equal(plain.status, 200, JSON.stringify(plain.json));
    assert.deepEqual([total], await formatMoney(page, [plain.json.data.quote.dueAtMoveIn], 'en-FR'));
    const refused = await api('/v1/quotes', { method: 'POST', body: { ...selection, promoCode: 'WRONG' } });
    assert.equal(refused.json.errors?.[0]?.code, 'INVALID_PROMO_CODE', JSON.stringify(refused.json));

    // Sending the form with the code names the promo field; clearing it clears the message.
    await page.click('button[type=submit]');
    await page.waitForSelector('.sw-form__banner:not(:empty)');
    await promo.fill('');
    await page.waitForSelector('#sw-promo[aria-invalid=false]');
    await assertNoOverflow(page, width);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${width} px: the country is a list of names in the tenant's language, the property's first`, async () => {
    const { context, page, problems } = await openPhone(browser, width);
    await page.goto(`${BASE}/?lang=en`);
    await page.waitForSelector('.sw-card');
    await chooseEightSquareMetres(page);
    const countries = await page.locator('#sw-country option').evaluateAll((options) => options.map((o) => [o.value, o.textContent, o.selected]));
    assert.deepEqual(countries[0], ['FR', 'France', true], "the property's country, first and chosen");
    assert.ok(countries.length > 240, `every country (${countries.length})`);
    assert.deepEqual(countries.find(([code]) => code === 'BE'), ['BE', 'Belgium', false]);
    assert.ok(countries.every(([code, name]) => /^[A-Z]{2}$/.test(code) && name.length > 2), 'names, not codes');
    await page.selectOption('#sw-country', 'DE');
    await page.waitForFunction(() => Object.entries(localStorage).some(([k, v]) => k.startsWith('storage-widget:draft:') && JSON.parse(v).country === 'DE'));
    await assertAccessible(page, `the country list at ${width} px`);
    await page.goto(`${BASE}/?lang=de`);
    await page.waitForSelector('#sw-country');
    assert.equal(await page.locator('#sw-country option:checked').textContent(), 'Deutschland', 'the choice kept, named in German');
    assert.equal(await page.locator('#sw-country option').first().textContent(), 'Frankreich');
    await assertAccessible(page, `the country list in German at ${width} px`);
    await page.evaluate(() => localStorage.clear());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${width} px: the confirmation names the unit, every line of the first invoice, the total and the office`, async () => {
    const { context, page, problems } = await openPhone(browser, width);
    await page.goto(`${BASE}/?lang=en`);
    await page.waitForSelector('.sw-card');
    await chooseEightSquareMetres(page);
    await fillTenant(page, {
      firstName: 'Lotte', lastName: 'Peeters', email: `lotte.${width}@example.be`, phone: '+32 2 123 45 67',
      address: 'Rue Neuve 12', city: 'Bruxelles', postalCode: '1000', country: 'BE',
    });
    await assertAccessible(page, `the filled form at ${width} px`);
    const posted = page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST');
    await page.click('button[type=submit]');
    const response = await posted;
    assert.equal(response.status(), 201, await response.text());
    assert.equal(response.request().postDataJSON().tenant.countryISOCode2, 'BE', 'the wire keeps the ISO code');
    const booked = (await response.json()).data;

    // The confirmation: the unit, every line of the first invoice and the total, the office.
    await page.waitForSelector('.sw-confirm');
    assert.equal((await page.textContent('.sw-confirm__reference')).trim(), booked.transactId);
    assert.equal((await page.textContent('.sw-confirm__unit-name')).trim(), 'Box 8 m²');
    assert.equal((await page.textContent('.sw-confirm__dimensions')).trim(), '2 × 4 × 4 m');
    const invoice = booked.quote.proRata;
    const expected = await formatMoney(page, [
      ...invoice.lines.map((l) => l.gross), ...(Number(invoice.taxAmount) !== 0 ? [invoice.taxAmount] : []), invoice.grossAmount,
    ], 'en-FR');
    assert.deepEqual(await trimmed(page.locator('.sw-confirm .sw-quote__invoice td')), expected, 'every line, the tax, the total');
    const lines = await trimmed(page.locator('.sw-confirm .sw-quote__invoice tbody th'));
    for (const line of invoice.lines) {
      assert.ok(lines.some((l) => l.startsWith(line.description)), `${line.description} in ${lines}`);
    }
    assert.deepEqual([(await page.textContent('.sw-confirm__total')).trim()], await formatMoney(page, [booked.quote.dueAtMoveIn], 'en-FR'));
    const details = await propertyDetails();
    const office = (await page.textContent('.sw-office__address')).replace(/\s+/g, ' ');
    assert.ok(office.includes(`${details.property.address}, ${details.property.postalCode} ${details.property.city}`), office);
    assert.equal(await page.getAttribute('.sw-office__phone a', 'href'), `tel:${details.property.contactNumber.replace(/[^+\d]/g, '')}`);
    const hourRows = details.property.propertyOfficeOpeningHoursInfoList.length;
    assert.equal(await page.locator('.sw-office .sw-hours__table:not(.sw-hours__closures) tr').count(), hourRows, 'the whole week');
    assert.ok(await page.evaluate(() => document.activeElement?.id === 'sw-confirm-title'), 'focus on the confirmation');
    await assertAccessible(page, `the confirmation at ${width} px`);
    await assertNoOverflow(page, width);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations ?? []), [], 'no CSP violation');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${width} px: each language speaks from its own table, amounts written its way`, async () => {
    const languages = {
      en: { title: 'Book a storage unit', country: 'Country', due: 'Due at move-in' },
      fr: { title: 'Réserver un box', country: 'Pays', due: 'À payer à l’emménagement' },
      de: { title: 'Lagerraum buchen', country: 'Land', due: 'Fällig beim Einzug' },
      es: { title: 'Reservar un trastero', country: 'País', due: 'A pagar al entrar' },
      nl: { title: 'Een opslagruimte boeken', country: 'Land', due: 'Te betalen bij intrek' },
    };
    const { context, page, problems } = await openPhone(browser, width);
    for (const [lang, words] of Object.entries(languages)) {
      await page.goto(`${BASE}/?lang=${lang}`);
      await page.waitForSelector('.sw-card');
      assert.equal(await page.textContent('h1'), words.title, lang);
      await chooseEightSquareMetres(page);
      if (lang !== 'fr') {
        const text = await page.evaluate(() => document.querySelector('.sw').textContent);
        assert.ok(!/\s:/.test(text), `${lang}: no space before a colon (French punctuation) in ${text.match(/.{20}\s:.{10}/)}`);
      }
      assert.equal(await page.getAttribute('.sw', 'lang'), lang, `${lang}: the widget says its language`);
      assert.equal((await page.textContent('label[for=sw-country]')).replace('*', '').trim(), words.country, lang);
      assert.equal((await page.textContent('.sw-quote__summary dt')).trim(), words.due, lang);
      const due = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('storage-widget:draft:')))));
      assert.ok(due.sizeId, lang);
      const shown = (await page.textContent('.sw-quote__total')).trim();
      const digits = shown.replace(/[^\d]/g, '');
      const expected = await page.evaluate(([l, d]) => new Intl.NumberFormat(`${l}-FR`, { style: 'currency', currency: 'EUR' }).format(Number(d) / 100), [lang, digits]);
      assert.equal(shown, expected, `${lang}: the total as Intl writes it`);
      const country = await page.locator('#sw-country option').first().textContent();
      assert.equal(country, await page.evaluate((l) => new Intl.DisplayNames([`${l}-FR`], { type: 'region' }).of('FR'), lang));
      await assertAccessible(page, `${lang} at ${width} px`);
      await assertNoOverflow(page, width);
      await page.evaluate(() => localStorage.clear());
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
