// What the end-to-end tests share: the API under test, the demo catalogue's
// key and property, Debian's Chromium started the way this machine needs
// (no background networking: the sandbox has no internet), calls to the API,
// axe-core, and the steps of a tenant's visit. Not a test file itself (node
// --test runs `*.test.mjs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE;
export const KEY = 'pk_demo';
export const PROPERTY = 'a99c4590-9475-404e-bcbd-6cba2e2b5e16';
export const SIZE_8M = 'f491d3e3-b615-41af-b50b-b1735bed682f';
/** The phones the suite walks the widget on. */
export const PHONES = [390, 320];
assert.ok(BASE, 'E2E_BASE is set by scripts/e2e.sh');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A call to the booking API with the demo key; the envelope as JSON. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json', ...headers },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** The demo property's details, as the widget gets them. */
export async function propertyDetails() {
  return (await api(`/v1/properties/${PROPERTY}`)).json.data;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core, evaluated through DevTools (the page's CSP forbids injected scripts). */
export async function assertAccessible(page, step) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, [], `axe on ${step}`);
}

/** A phone-sized page that records console errors, page errors and CSP violations. */
export async function openPhone(browser, width, { locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations = (window.__cspViolations || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** Nothing wider than the phone: no sideways scrolling. */
export async function assertNoOverflow(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (overflow ${overflow}px)`);
}

/** `Intl`'s writing of amounts in the page, to compare with what it shows. */
export function formatMoney(page, amounts, locale, currency = 'EUR') {
  return page.evaluate(
    ([list, l, c]) => list.map((a) => new Intl.NumberFormat(l, { style: 'currency', currency: c }).format(a)),
    [amounts, locale, currency],
  );
}

/** Chooses the first variant of the 8 m² box, to rent; waits for its quote. */
export async function chooseEightSquareMetres(page, scope = '') {
  const card = page.locator(`${scope} .sw-card`, { has: page.locator('.sw-card__title', { hasText: /8\s*m²/ }) });
  await card.locator('.sw-choice__button').first().click();
  await page.locator(`${scope} .sw-quote__total`).waitFor();
}

/** The tenant's details; the country is chosen from the list by its code. */
export async function fillTenant(page, tenant, scope = '') {
  const fill = (id, value) => page.locator(`${scope} #${id}`).fill(value);
  await fill('sw-first-name', tenant.firstName);
  await fill('sw-last-name', tenant.lastName);
  await fill('sw-email', tenant.email);
  await fill('sw-phone', tenant.phone);
  await fill('sw-address', tenant.address);
  await fill('sw-city', tenant.city);
  await fill('sw-postal-code', tenant.postalCode);
  await page.locator(`${scope} #sw-country`).selectOption(tenant.country);

  await page.locator(`${scope} #sw-terms`).check();
}
