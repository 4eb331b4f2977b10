// Time from navigation to the listing rendered, in headless Chromium on
// loopback: RUNS fresh browser contexts (no HTTP or code cache), each timed
// from navigationStart to the first size card in the DOM, with the
// timeline of the median run (what was fetched when), and when the booking
// form (the deferred chunk of a split release build) is there too.
//
//   E2E_BASE=http://127.0.0.1:PORT node bench/time-to-listing.mjs
// (scripts/time-to-listing.sh starts the API and sets it).
import { BASE, launchChromium } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 15);
const browser = await launchChromium();
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  // The instant the first size card enters the DOM, seen by a
  // MutationObserver (polling from outside would add its own delay).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!window.__listedAt && document.querySelector('.sw-card')) window.__listedAt = performance.now();
      if (!window.__formAt && document.querySelector('.sw-form')) window.__formAt = performance.now();
      if (window.__listedAt && window.__formAt) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${BASE}/?lang=en`);
  await page.waitForFunction(() => window.__listedAt && window.__formAt, null, { timeout: 15000 });
  const run = await page.evaluate(() => {
    const listed = window.__listedAt;
    const at = (pattern) => {
      const e = performance.getEntriesByType('resource').find((r) => pattern.test(r.name));
      return e ? [e.startTime, e.responseEnd] : [NaN, NaN];
    };
    return {
      listed,
      timeline: {
        html: [0, performance.getEntriesByType('navigation')[0].responseEnd],
        init: at(/init\.js/),
        css: at(/widget(-[0-9a-f]{16})?\.css/),
        js: at(/storage-widget(-[0-9a-f]{16})?\.js/),
        wasm: at(/storage-widget_bg(-[0-9a-f]{16})?\.wasm/),
        chunk: at(/(split|chunk)_[^/]*\.wasm/),
        property: at(/\/v1\/properties\//),
        listing: at(/\/price\/list/),
        rendered: [listed, listed],
        form: [window.__formAt, window.__formAt],
      },
    };
  });
  runs.push(run);
  await context.close();
}
await browser.close();

const sorted = [...runs].sort((a, b) => a.listed - b.listed);
const pick = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].listed);
console.log(`time to listing over ${RUNS} fresh contexts: min ${pick(0)} ms, median ${pick(0.5)} ms, p90 ${pick(0.9)} ms, max ${pick(1)} ms`);
const formAt = runs.map((r) => r.timeline.form[0]).sort((a, b) => a - b);
console.log(`time to the booking form: median ${Math.round(formAt[Math.floor(formAt.length / 2)])} ms`);
const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return Math.round(v[Math.floor(v.length / 2)]);
};
console.log('median timeline (ms from navigation: request start–response end):');
for (const what of Object.keys(runs[0].timeline)) {
  const start = median(runs.map((r) => r.timeline[what][0]));
  const end = median(runs.map((r) => r.timeline[what][1]));
  console.log(`  ${what.padEnd(9)} ${start === end ? start : `${start}–${end}`}`);
}
