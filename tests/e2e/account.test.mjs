// After the booking: the confirmation says what next, and the tenant signs
// in with the code the API mailed (read from the `.eml` file the API writes
// without an SMTP URL), sees the booking and its unpaid invoice, then signs
// out; the token no longer opens the account. axe-core on every step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE, launchChromium, api, assertAccessible, formatMoney, chooseEightSquareMetres, fillTenant,
} from './support.mjs';

const MAIL_DIR = process.env.E2E_MAIL_DIR;

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** A mail's text: quoted-printable soft breaks joined, base64 parts decoded. */
function mailText(raw) {
  const parts = [raw.replace(/=\r?\n/g, '')];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    if (/^[A-Za-z0-9+/=\r\n]+$/.test(block) && block.length > 40) {
      parts.push(Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  return parts.join('\n');
}

/** The sign-in code mailed to `to`, once its file is written. */
async function mailedCode(to) {
  assert.ok(MAIL_DIR, 'E2E_MAIL_DIR is set by scripts/e2e.sh');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    let files = [];
    try { files = readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')); } catch { /* not yet */ }
    for (const file of files) {
      const raw = readFileSync(join(MAIL_DIR, file), 'utf8');
      if (!raw.toLowerCase().includes(to)) continue;
      const found = mailText(raw).match(/(?:connexion est|sign-in code is)\s+(\d{6})/);
      if (found) return found[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no sign-in code mailed to ${to} in ${MAIL_DIR}`);
}

test('a tenant books, signs in with the mailed code, sees the booking and signs out', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const email = `giada.${Date.now()}@example.com`;
  await page.goto(`${BASE}/?lang=en`);
  await page.waitForSelector('.sw-card', { timeout: 15000 });
  assert.equal((await page.textContent('.sw-account__open')).trim(), 'Already booked? Sign in');
  await chooseEightSquareMetres(page);
  await fillTenant(page, {
    firstName: 'Giada', lastName: 'Rossi', email, phone: '+33 5 22 24 38 38',
    address: '3 rue des Tilleuls', city: 'Toulouse', postalCode: '31000', country: 'FR',
  });
  const booking = page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST');
  await page.click('button[type=submit]');
  const booked = (await (await booking).json()).data;
  await page.waitForSelector('.sw-confirm__reference', { timeout: 15000 });

  // What next, from the booking's own quote.
  const q = booked.quote;
  assert.equal((await page.textContent('.sw-confirm__sent-to')).trim(), `We sent this to ${email}.`);
  const [recurring] = await formatMoney(page, [q.recurringGrossAmount], 'en-FR');
  assert.ok((await page.textContent('.sw-confirm__then')).startsWith(`then ${recurring} every month from `));
  const deposits = q.proRata.lines.filter((l) => l.category === 'DEPOSIT').map((l) => l.gross);
  if (deposits.length === 1) {
    const [deposit] = await formatMoney(page, deposits, 'en-FR');
    assert.equal((await page.textContent('.sw-confirm__deposit')).trim(), deposit);
  } else {
    assert.equal(await page.locator('.sw-confirm__deposit').count(), 0);
  }
  const href = await page.getAttribute('.sw-confirm__calendar', 'href');
  const ics = decodeURIComponent(href.replace('data:text/calendar;charset=utf-8,', ''));
  assert.match(ics, new RegExp(`\r\nDTSTART;VALUE=DATE:${q.moveInDate.replaceAll('-', '')}\r\n`));
  await assertAccessible(page, 'the confirmation with what next');

  // Sign in from the confirmation: the address is the one just booked with.
  await page.click('.sw-confirm__sign-in');
  await page.waitForSelector('#sw-sign-in-email');
  assert.equal(await page.inputValue('#sw-sign-in-email'), email);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus on the step');
  await assertAccessible(page, 'the address step');
  await page.click('.sw-account button[type=submit]');
  await page.waitForSelector('#sw-sign-in-code');
  assert.equal(await page.getAttribute('#sw-sign-in-code', 'inputmode'), 'numeric');
  assert.equal(await page.getAttribute('#sw-sign-in-code', 'autocomplete'), 'one-time-code');
  assert.equal((await page.textContent('.sw-account h2')).trim(), 'Enter your code');
  const code = await mailedCode(email);
  await assertAccessible(page, 'the code step');

  // A wrong code is said on the field.
  const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
  await page.fill('#sw-sign-in-code', wrong);
  await page.click('.sw-account button[type=submit]');
  await page.waitForSelector('#sw-sign-in-code[aria-invalid=true]');
  assert.equal((await page.textContent('#sw-sign-in-code-error')).trim(), 'This code is not the one we sent.');
  await assertAccessible(page, 'a wrong code');

  const session = page.waitForResponse((r) => r.url().endsWith('/v1/tenant/session') && r.request().method() === 'POST');
  await page.fill('#sw-sign-in-code', code);
  await page.click('.sw-account button[type=submit]');
  const { token } = (await (await session).json()).data;
  await page.waitForSelector('.sw-account__contract', { timeout: 15000 });
  assert.equal((await page.textContent('.sw-account h2')).trim(), 'Your bookings');
  assert.deepEqual(await page.locator('.sw-account__reference').allTextContents(), [booked.transactId]);
  assert.deepEqual(await page.locator('.sw-account__status').allTextContents(), ['Booked']);
  const [due] = await formatMoney(page, [q.dueAtMoveIn], 'en-FR');
  assert.deepEqual(await page.locator('.sw-account__due').allTextContents(), [due]);
  const [balance] = await formatMoney(page, [`-${q.dueAtMoveIn}`], 'en-FR');
  assert.equal((await page.textContent('.sw-account__balance')).trim(), balance);
  // The token is in memory only.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(token), 'the token is not stored');
  await assertAccessible(page, 'the account');

  // Signing out voids the token and returns to the address.
  const signOut = page.waitForResponse((r) => r.url().endsWith('/v1/tenant/session') && r.request().method() === 'DELETE');
  await page.click('.sw-account__sign-out');
  assert.equal((await signOut).status(), 204);
  await page.waitForSelector('#sw-sign-in-email');
  assert.equal((await api('/v1/tenant/', { headers: { 'X-Token': token } })).status, 401);
  await page.click('.sw-account__back');
  await page.waitForSelector('.sw-confirm__reference');
  // The one failed request the browser logs is the wrong code's 422.
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), [
    'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
  ]);
  await context.close();
});
