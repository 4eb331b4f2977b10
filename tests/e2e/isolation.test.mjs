// Style isolation, embedded by /widget.js on another origin at 390 and
// 320 px: a host stylesheet that sets every inherited text property on its
// containers (letter-spacing, word-spacing, text-transform, font-style,
// line-height, text-indent, text-align, white-space, colour, fonts, even the
// root font size) leaves the widget's rendering as it is on a plain page,
// pixel for pixel, while the documented --sw-* custom properties still
// theme it; axe-core on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE as API, KEY, PHONES, PROPERTY, launchChromium, assertAccessible } from './support.mjs';

// The operator's brand colour: the one thing a host is meant to change.
// (The host's own text is clipped so that it never widens a phone's page:
// a mobile browser would then zoom the whole page out.)
const THEME = '[data-storage-widget] { --sw-accent: #7a1fa2; } main > p { overflow: hidden; }';
const HOSTILE = `
  html { font-size: 10px; }
  body, main, div, section, [data-storage-widget] {
    letter-spacing: 3px; word-spacing: 12px; text-transform: uppercase; font-style: italic;
    font-weight: 700; font-variant: small-caps; font-stretch: condensed; font-family: "Times New Roman", serif;
    font-size: 21px; line-height: 3; text-indent: 30px; text-align: right; white-space: nowrap;
    color: #3d003d; text-shadow: 1px 1px 0 #c8c; word-break: break-all; hyphens: auto;
    font-kerning: none; tab-size: 16; cursor: wait; visibility: visible; quotes: "«" "»";
  }
`;
const INHERITED = ['letter-spacing', 'word-spacing', 'text-transform', 'font-style', 'font-weight', 'font-variant-caps',
  'font-stretch', 'font-family', 'font-size', 'line-height', 'text-indent', 'text-align', 'white-space', 'color',
  'text-shadow', 'word-break', 'hyphens', 'font-kerning', 'cursor'];

function page(hostile) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" href="/theme.css">${hostile ? '<link rel="stylesheet" href="/hostile.css">' : ''}
    </head><body><main>
    <div id="w" data-storage-widget data-locale="en"></div>
    <p>Operator's page</p>
    </main>
    <script src="${API}/widget.js" data-api-key="${KEY}" data-property="${PROPERTY}" defer></script>
    </body></html>`;
}

let host, origin, browser;
before(async () => {
  host = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const css = { '/theme.css': THEME, '/hostile.css': HOSTILE }[path];
    if (css) return res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    if (path === '/plain' || path === '/hostile') {
      return res.writeHead(200, { 'content-type': 'text/html' }).end(page(path === '/hostile'));
    }
    return res.writeHead(404).end();
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${host.address().port}`;
  browser = await launchChromium();
});
after(async () => { await browser?.close(); host?.close(); });

/** Opens a host page with the widget's listing, pictures and form rendered. */
async function open(path, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB', isMobile: true });
  const p = await context.newPage();
  await p.goto(`${origin}${path}`);
  await p.locator('#w .sw-card').first().waitFor();
  await p.locator('#w #sw-form-title').waitFor();
  await p.waitForFunction(() => [...document.getElementById('w').shadowRoot.querySelectorAll('img')]
    .every((img) => img.complete && img.naturalWidth > 0));
  return { context, p };
}

/** Computed inherited properties of a sample of the widget's elements. */
function styles(p) {
  return p.evaluate((names) => {
    const root = document.getElementById('w').shadowRoot;
    const sample = ['.sw', 'h1', '.sw__property', '.sw-card__title', '.sw-choice__button', '.sw-price__amount',
      '.sw-field__label', '#sw-first-name', '#sw-country', '.sw-hours__table td', '.sw-quote__empty', 'legend'];
    return Object.fromEntries(sample.map((selector) => {
      const element = root.querySelector(selector);
      if (!element) return [selector, null];
      const style = getComputedStyle(element);
      return [selector, Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n)]))];
    }));
  }, INHERITED);
}

for (const width of PHONES) {
  test(`${width} px: a host's inherited text properties do not reach the widget, its theme does`, async () => {
    const plain = await open('/plain', width);
    const hostile = await open('/hostile', width);
    // The host's own text is styled: the stylesheet is in force.
    assert.equal(await hostile.p.evaluate(() => getComputedStyle(document.querySelector('main p')).textTransform), 'uppercase');

    const [calm, attacked] = [await styles(plain.p), await styles(hostile.p)];
    for (const [selector, properties] of Object.entries(calm)) {
      assert.ok(properties, `${selector} is rendered`);
      assert.deepEqual(attacked[selector], properties, `${selector} inside the hostile page`);
    }
    // The theme still applies: the chosen button's accent is the host's.
    const accent = (p) => p.evaluate(() => getComputedStyle(document.getElementById('w').shadowRoot
      .querySelector('.sw-choice__button')).borderTopColor);
    assert.equal(await accent(hostile.p), 'rgb(122, 31, 162)');
    assert.equal(await accent(plain.p), 'rgb(122, 31, 162)');

    // Pixel for pixel: the header and the listing look the same on both pages.
    for (const part of ['#w .sw__header', '#w .sw-listing']) {
      const [a, b] = [await plain.p.locator(part).screenshot(), await hostile.p.locator(part).screenshot()];
      if (process.env.E2E_SHOTS) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(`${process.env.E2E_SHOTS}/${width}-${part.replace(/\W/g, '')}-plain.png`, a);
        writeFileSync(`${process.env.E2E_SHOTS}/${width}-${part.replace(/\W/g, '')}-hostile.png`, b);
      }
      assert.ok(a.equals(b), `${part} renders the same on the hostile page (${a.length} vs ${b.length} bytes)`);
    }
    const overflow = await hostile.p.evaluate(() => document.getElementById('w').scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no overflow (${overflow}px)`);
    await assertAccessible(plain.p, `the plain host page at ${width} px`);
    await assertAccessible(hostile.p, `the hostile host page at ${width} px`);
    await plain.context.close();
    await hostile.context.close();
  });
}
