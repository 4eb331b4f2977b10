// Embedding, in a real Chromium: host pages served from one loopback origin
// load /widget.js from the API's origin. Two widgets on a page, a hostile
// host stylesheet, a strict host CSP, a single-page-app remount, a deep
// link that restores a booking, a booking with its UTM source found
// through the API, the iframe mode, and the events the host receives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE as API, KEY, PROPERTY, launchChromium } from './support.mjs';

const SIZE_8M = 'f491d3e3-b615-41af-b50b-b1735bed682f';

const HOSTILE_CSS = `
  * { color: #f0f !important; font: 30px/1 serif !important; }
  button, input, select { display: none !important; }
  .sw, .sw-card, [class^="sw"] { display: none !important; }
  .sw__button { border-radius: 0 !important; }
`;
// Host-page script, external so that the strict CSP needs no 'unsafe-inline'.
const HOST_JS = `
  window.__events = [];
  window.dataLayer = [];
  for (const name of ['listing-viewed', 'size-selected', 'quote-changed', 'booking-created', 'booking-failed']) {
    document.addEventListener('storage-widget:' + name, (e) => {
      window.__events.push({ type: e.type, target: e.target.id || e.target.tagName, detail: e.detail });
    });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

function page(body, { hostile = false } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    ${hostile ? '<link rel="stylesheet" href="/hostile.css">' : ''}
    <script src="/host.js"></script></head><body>
    <h1>Operator's page</h1><button class="sw__button" id="host-button">Host button</button>
    ${body}
    <script src="${API}/widget.js" data-api-key="${KEY}" data-property="${PROPERTY}" defer></script>
    </body></html>`;
}

const PAGES = {
  '/two': page(`<div id="w-en" data-storage-widget data-locale="en" data-analytics="ga4"></div>
                <div id="w-fr" data-storage-widget data-locale="fr" data-theme="dark"></div>`, { hostile: true }),
  '/strict': page('<div id="w" data-storage-widget data-locale="en"></div>'),
  '/spa': page('<main id="app"><div id="w" data-storage-widget data-locale="en"></div></main>'),
  '/frame': page('<div id="w" data-storage-widget data-mode="iframe" data-locale="en"></div>'),
};
const STRICT_CSP = `default-src 'none'; script-src 'self' ${API} 'wasm-unsafe-eval'; style-src 'self' ${API}; `
  + `connect-src ${API}; img-src ${API}; frame-src ${API}`;

let host, hostOrigin, browser;
before(async () => {
  host = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/host.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(HOST_JS);
    if (path === '/hostile.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(HOSTILE_CSS);
    const html = PAGES[path];
    if (!html) return res.writeHead(404).end();
    const headers = { 'content-type': 'text/html' };
    if (path === '/strict' || path === '/frame') headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(html);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
  browser = await launchChromium();
});
after(async () => { await browser?.close(); host?.close(); });

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${hostOrigin}${path}`);
  return { context, p, errors };
}

const events = (p) => p.evaluate(() => window.__events);

test('two widgets on one page, isolated both ways from a hostile stylesheet', async () => {
  const { context, p, errors } = await open('/two');
  // Playwright's CSS locators pierce open shadow roots.
  await p.locator('#w-en .sw-card').first().waitFor();
  await p.locator('#w-fr .sw-card').first().waitFor();
  assert.equal(await p.locator('#w-en h1').textContent(), 'Book a storage unit');
  assert.equal(await p.locator('#w-fr h1').textContent(), 'Réserver un box');
  // The host's `display: none !important` on buttons does not reach inside.
  assert.ok(await p.locator('#w-en .sw-choice__button').first().isVisible());
  const inside = await p.locator('#w-en .sw__title').evaluate((e) => getComputedStyle(e).fontFamily);
  assert.ok(!inside.includes('serif') || inside.includes('sans-serif'), `widget font: ${inside}`);
  // And the widget's styles do not reach the host's own `.sw__button`.
  const hostButton = await p.evaluate(() => getComputedStyle(document.getElementById('host-button')).minHeight);
  assert.notEqual(hostButton, '44px');
  // Dark theme on one placeholder only.
  const bg = (id) => p.locator(`#${id} .sw`).evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await bg('w-en'), await bg('w-fr'));

  // Each widget reports on its own placeholder.
  await p.waitForFunction(() => window.__events.filter((e) => e.type.endsWith('listing-viewed')).length === 2);
  const viewed = (await events(p)).filter((e) => e.type === 'storage-widget:listing-viewed').map((e) => e.target).sort();
  assert.deepEqual(viewed, ['w-en', 'w-fr']);
  // GA4 only where the embedder allowed it (data-analytics="ga4" on w-en).
  const ga4 = await p.evaluate(() => window.dataLayer.filter((d) => d && d.event).map((d) => d.event));
  assert.deepEqual(ga4, ['view_item_list']);

  // Choosing a size in one widget leaves the other alone.
  await p.locator('#w-en .sw-card', { hasText: 'Box 8 m²' }).locator('.sw-choice__button').first().click();
  await p.locator('#w-en .sw-quote__total').waitFor();
  assert.equal(await p.locator('#w-fr .sw-quote__total').count(), 0);
  await p.waitForFunction(() => window.__events.some((e) => e.type.endsWith('quote-changed')));
  const selected = (await events(p)).find((e) => e.type === 'storage-widget:size-selected');
  assert.equal(selected.target, 'w-en');
  assert.equal(selected.detail.sizeId, SIZE_8M);
  const layer = await p.evaluate(() => window.dataLayer.filter((d) => d && d.event).map((d) => d.event));
  assert.deepEqual(layer, ['view_item_list', 'select_item', 'begin_checkout']);
  const checkout = await p.evaluate(() => window.dataLayer.find((d) => d && d.event === 'begin_checkout'));
  assert.equal(typeof checkout.ecommerce.value, 'number');
  assert.equal(checkout.ecommerce.currency, 'EUR');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a strict host CSP needs no inline script or style', async () => {
  const { context, p, errors } = await open('/strict');
  await p.locator('#w .sw-card').first().waitFor();
  assert.deepEqual(await p.evaluate(() => window.__csp ?? []), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a single-page app removing and re-adding its placeholder gets one clean widget', async () => {
  const { context, p } = await open('/spa');
  await p.locator('#w .sw-card').first().waitFor();
  await p.locator('#w #sw-first-name').fill('Left behind');
  await p.evaluate(() => { window.__kept = document.getElementById('w'); window.__kept.remove(); });
  await p.waitForFunction(() => window.__kept.shadowRoot.childElementCount === 0);
  await p.evaluate(() => {
    const fresh = document.createElement('div');
    fresh.id = 'w2';
    fresh.setAttribute('data-storage-widget', '');
    fresh.dataset.locale = 'en';
    document.getElementById('app').append(fresh);
  });
  await p.locator('#w2 .sw-card').first().waitFor();
  assert.equal(await p.locator('#w2 .sw').count(), 1, 'mounted once');
  // Re-adding the old element mounts it again, once, without a second shadow root error.
  await p.evaluate(() => document.getElementById('app').append(window.__kept));
  await p.locator('#w .sw-card').first().waitFor();
  assert.equal(await p.locator('#w .sw').count(), 1);
  assert.equal(await p.locator('[data-storage-widget] .sw').count(), 2);
  await context.close();
});

test('a deep link restores a booking on the host page, and its UTM source is kept', async () => {
  const moveIn = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
  const listing = await (await fetch(`${API}/v1/search/storage/47fa29c4-738a-42dc-bcb3-6dba1ee7e38e/property/${PROPERTY}/user-type/${await tenantType()}/storageGroup/0/period/MONTHLY/price/list`,
    { headers: { 'X-API-Key': KEY } })).json();
  const size = listing.data.propertySizePriceData[0].sizes.find((s) => s.storageSpaceSizeInfoId === SIZE_8M);
  const priceId = size.storageCategory[0].price[0].id;
  const query = new URLSearchParams({
    size: SIZE_8M, price: priceId, mode: 'RENT', moveIn, period: 'MONTHLY', promo: '',
    utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring',
  });
  const { context, p, errors } = await open(`/strict?${query}`);
  await p.locator('#w .sw-quote__total').waitFor();
  assert.equal(await p.locator('#w #sw-move-in').inputValue(), moveIn);
  assert.equal(await p.locator('#w .sw-choice__button[aria-pressed=true]').count(), 1, 'the linked variant is chosen');

  const fill = async (id, v) => p.locator(`#w #${id}`).fill(v);
  await fill('sw-first-name', 'Noé');
  await fill('sw-last-name', 'Martin');
  await fill('sw-email', 'noe.martin@example.com');
  await fill('sw-phone', '+33 6 12 34 56 78');
  await fill('sw-address', '3 place du Capitole');
  await fill('sw-city', 'Toulouse');
  await fill('sw-postal-code', '31000');
  await p.locator('#w #sw-country').selectOption('FR');
  await p.locator('#w #sw-terms').check();
  await p.locator('#w button[type=submit]').click();
  await p.locator('#w .sw-confirm__reference').waitFor({ timeout: 15000 });

  await p.waitForFunction(() => window.__events.some((e) => e.type.endsWith('booking-created')));
  const created = (await events(p)).find((e) => e.type === 'storage-widget:booking-created');
  assert.equal(created.target, 'w');
  const preview = await fetch(`${API}/v1/booking/${created.detail.bookingId}/activity-quotation/preview`, { headers: { 'X-API-Key': KEY } });
  assert.equal(preview.status, 200);
  const stored = await bookingAttribution(created.detail.bookingId);
  assert.equal(stored.utmSource, 'newsletter');
  assert.equal(stored.utmCampaign, 'spring');
  assert.ok(stored.landingPage.startsWith(hostOrigin));
  assert.deepEqual(await p.evaluate(() => window.__csp ?? []), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode grows with its content and forwards events', async () => {
  const { context, p } = await open('/frame?utm_source=partner');
  const frame = p.frameLocator('#w iframe');
  await frame.locator('.sw-card').first().waitFor();
  await p.waitForFunction(() => document.querySelector('#w iframe').getBoundingClientRect().height > 700);
  await p.waitForFunction(() => window.__events.some((e) => e.type.endsWith('listing-viewed')));
  assert.equal((await events(p)).find((e) => e.type.endsWith('listing-viewed')).target, 'w');
  await context.close();
});

async function tenantType() {
  const property = await (await fetch(`${API}/v1/properties/${PROPERTY}`, { headers: { 'X-API-Key': KEY } })).json();
  return property.data.tenantTypes[0].id;
}

/** The attribution the API keeps with a booking (from its preview document). */
async function bookingAttribution(id) {
  const preview = await (await fetch(`${API}/v1/booking/${id}/activity-quotation/preview`, { headers: { 'X-API-Key': KEY } })).json();
  return preview.data.attribution ?? {};
}
