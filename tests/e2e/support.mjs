// What the end-to-end tests share: the API under test, the demo catalogue's
// key and property, Debian's Chromium started the way this machine needs
// (no background networking: the sandbox has no internet), calls to the API
// and axe-core. Not a test file itself (node --test runs `*.test.mjs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE;
export const KEY = 'pk_demo';
export const PROPERTY = 'a99c4590-9475-404e-bcbd-6cba2e2b5e16';
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
