// What a browser downloads and keeps, in a real Chromium: on a first visit
// every wasm, script and style of the widget arrives brotli-compressed under
// a content-hashed name; on a second visit in the same browser only the
// API's JSON is downloaded again: the hashed files come from the cache
// without a request, the entry points (the page, /embed/, /init.js,
// /widget.js) are revalidated with a 304. Checked for the full page, for the
// loader on an operator's page (another origin) and for the iframe mode.
// Prints the bytes transferred by type (sizes are figures, not assertions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE as API, KEY, PROPERTY, launchChromium } from './support.mjs';

const HASHED = /-[0-9a-f]{16}\.(wasm|js|mjs|css)$/;
// Stable names: the entry points, and the pictures the catalogue names.
const STABLE = /^\/(embed\/)?$|^\/(init|widget)\.js$|^\/images\//;

let host, hostOrigin, browser;
before(async () => {
  const page = (mode) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
    <div id="w" data-storage-widget data-locale="en"${mode === 'iframe' ? ' data-mode="iframe"' : ''}></div>
    <script src="${API}/widget.js" data-api-key="${KEY}" data-property="${PROPERTY}" defer></script></body></html>`;
  host = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const html = { '/inline': page('inline'), '/frame': page('iframe') }[path];
    if (!html) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
  browser = await launchChromium();
});
after(async () => { await browser?.close(); host?.close(); });

/** Every response of a visit from the API's origin, as DevTools saw it. */
async function visit(context, url, ready) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (!response.url.startsWith(API)) return;
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    seen.set(requestId, {
      path: new URL(response.url).pathname,
      status: response.status,
      fromCache: response.fromDiskCache || response.fromPrefetchCache || false,
      encoding: headers['content-encoding'],
      cacheControl: headers['cache-control'],
      bytes: 0,
    });
  });
  // A revalidated response is reported as the cached 200; the status on
  // the wire (304) comes with the raw headers.
  const wire = new Map();
  cdp.on('Network.responseReceivedExtraInfo', ({ requestId, statusCode }) => wire.set(requestId, statusCode));
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const r = seen.get(requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const r = seen.get(requestId);
    if (r) r.bytes = encodedDataLength;
  });
  await page.goto(url);
  await ready(page);
  // Whatever the widget loads right after its listing.
  await page.waitForTimeout(500);
  await page.close();
  return [...seen].map(([id, r]) => ({ ...r, status: wire.get(id) ?? r.status }));
}

const kind = (path) => (path.startsWith('/v1/') ? 'json' : (path.match(/\.(wasm|css|js|mjs|svg)$/)?.[1] ?? 'html'));

function summary(label, responses) {
  const bytes = {};
  for (const r of responses) bytes[kind(r.path)] = (bytes[kind(r.path)] ?? 0) + r.bytes;
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  const byType = Object.entries(bytes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ');
  console.log(`${label}: ${(total / 1024).toFixed(1)} KiB transferred (${byType})`);
}

async function firstAndSecond(label, url, ready) {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' });
  try {
    const first = await visit(context, url, ready);
    summary(`${label}, first visit`, first);
    const files = first.filter((r) => !r.path.startsWith('/v1/'));
    assert.ok(files.some((r) => r.path.endsWith('.wasm')), `${label}: the wasm was loaded`);
    for (const r of files) {
      assert.equal(r.status, 200, `${label}: ${r.path}`);
      if (/\.(wasm|js|mjs|css|html|svg)$|\/$/.test(r.path)) assert.equal(r.encoding, 'br', `${label}: ${r.path} compressed`);
      if (HASHED.test(r.path)) assert.match(r.cacheControl, /immutable/, `${label}: ${r.path}`);
      else assert.match(r.path, STABLE, `${label}: ${r.path} is hashed, an entry point or an image`);
    }

    const second = await visit(context, url, ready);
    summary(`${label}, second visit`, second);
    for (const r of second.filter((x) => !x.path.startsWith('/v1/'))) {
      if (HASHED.test(r.path)) assert.ok(r.fromCache, `${label}: ${r.path} from the cache, not ${r.status}`);
      else assert.equal(r.status, 304, `${label}: ${r.path} revalidated`);
    }
    const downloaded = second.filter((r) => r.status === 200 && !r.fromCache).map((r) => r.path);
    assert.ok(downloaded.every((p) => p.startsWith('/v1/')), `${label}: downloaded again: ${downloaded.join(' ')}`);
  } finally {
    await context.close();
  }
}

test('the full page: compressed and hashed first, then only 304s and JSON', async () => {
  await firstAndSecond('full page', `${API}/?lang=en`, (p) => p.waitForSelector('.sw-card', { timeout: 15000 }));
});

test('the loader on another origin: the same', async () => {
  await firstAndSecond('embed', `${hostOrigin}/inline`, (p) => p.locator('#w .sw-card').first().waitFor({ timeout: 15000 }));
});

test('the iframe mode: the same', async () => {
  await firstAndSecond('iframe', `${hostOrigin}/frame`,
    (p) => p.frameLocator('#w iframe').locator('.sw-card').first().waitFor({ timeout: 15000 }));
});
