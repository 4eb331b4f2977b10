// What a visitor downloads and waits for, in one run, for the three ways
// the widget reaches a page: its own page (`/`), the embed (a host page on
// another loopback origin loading `/widget.js`) and the iframe mode
// (`data-mode="iframe"`). Headless Chromium (Debian's) through
// playwright-core, against the real booking API on loopback.
//
// For each mode, RUNS fresh browser contexts at a phone's size, each
// visited twice (cold cache, then a second visit in the same context with
// its cache kept), on loopback and under DevTools throttling (150 ms RTT,
// 1.6 Mbit/s down, 750 kbit/s up, 4x slower CPU):
// - bytes as transferred (Network.loadingFinished's encodedDataLength:
//   headers and the body as encoded, so compression counts and a cache hit
//   counts 0), by type, split into the API's origin and the host page;
// - time to the listing (first size card in the DOM, seen by a
//   MutationObserver, shadow roots and the iframe included), and to an
//   interactive form: the first enabled size choice is clicked in the page
//   as soon as the listing shows, and the form's first field must be in
//   the DOM and enabled.
// Then Lighthouse (npm, 12.2.3) in its default mobile audit of `/`.
// Prints tables and writes everything to OUT (target/page-bench.json).
//
//   E2E_BASE=http://127.0.0.1:PORT node bench/page-bench.mjs
// (scripts/page-bench.sh builds, starts the API and sets it). Options, as
// environment variables: RUNS (default 3), MODES (page,embed,iframe),
// CONDITIONS (loopback,throttled), LIGHTHOUSE=0 to skip it, OUT.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, KEY, PROPERTY, launchChromium } from '../tests/e2e/support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS || 3);
const MODES = (process.env.MODES || 'page,embed,iframe').split(',');
const CONDITIONS = (process.env.CONDITIONS || 'loopback,throttled').split(',');
const OUT = process.env.OUT || join(ROOT, 'target', 'page-bench.json');
const LIGHTHOUSE = process.env.LIGHTHOUSE !== '0';

/** The phone the issue measured on. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' };
/** A slow mobile network and a mid-range phone's CPU, through DevTools. */
const THROTTLE = {
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  cpu: 4,
};
const TYPES = ['wasm', 'js', 'css', 'json', 'html', 'other'];

// The operator's pages, as an operator writes them: the loader from the
// API's origin, once inline (shadow root) and once in iframe mode.
const hostPage = (extra) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Operator's page</title></head>
<body><h1>Our storage units</h1>
<script src="${BASE}/widget.js" data-api-key="${KEY}" data-property="${PROPERTY}"${extra} defer></script>
</body></html>`;
const HOST_PAGES = { '/embed.html': hostPage(''), '/iframe.html': hostPage(' data-mode="iframe"') };

// Runs in every frame before the page's own scripts: records (as epoch
// milliseconds, comparable across frames) when the first size card
// appears, clicks the first size that can be chosen at once, and records
// when the booking form's first field is present and enabled.
function instrument() {
  const now = () => performance.timeOrigin + performance.now();
  const state = (window.__bench = { listed: null, clicked: null, form: null });
  const roots = [document];
  const find = (selector) => {
    for (const root of roots) {
      const found = root.querySelector(selector);
      if (found) return found;
    }
    return null;
  };
  const formReady = () => {
    const field = find('.sw-form input, .sw-form select, .sw-form textarea');
    return field && field.isConnected && field.matches(':enabled');
  };
  const check = () => {
    if (!state.listed && find('.sw-card')) {
      state.listed = now();
      // A task later, as a tenant's tap would come: not inside the render.
      setTimeout(() => {
        const choice = roots.flatMap((r) => [...r.querySelectorAll('.sw-choice__button')])
          .find((b) => b.matches(':enabled') && b.getAttribute('aria-disabled') !== 'true');
        if (!choice) return;
        state.clicked = now();
        choice.click();
        const poll = () => {
          if (state.form) return;
          if (formReady()) state.form = now();
          else requestAnimationFrame(poll);
        };
        poll();
      }, 0);
    }
    if (state.clicked && !state.form && formReady()) state.form = now();
  };
  const observer = new MutationObserver(check);
  const observe = (root) => observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  // The loader mounts each widget in an open shadow root, which a
  // document's observer does not see into.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.push(root);
    observe(root);
    return root;
  };
  observe(document);
}

/** Every request of a page (its frames included) as DevTools reports it. */
async function recordNetwork(context, page, condition) {
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  let clockOffset = null; // epoch ms minus DevTools' monotonic ms
  const entry = (id) => requests.get(id) ?? requests.set(id, { id }).get(id);
  cdp.on('Network.requestWillBeSent', (e) => {
    if (clockOffset === null && e.wallTime) clockOffset = e.wallTime * 1000 - e.timestamp * 1000;
    const r = entry(e.requestId);
    // A redirect reuses the id: count what the last hop transferred.
    Object.assign(r, { url: e.request.url, method: e.request.method, type: e.type, start: e.timestamp * 1000 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(r, {
      type: e.type ?? r.type,
      status: e.response.status,
      mimeType: e.response.mimeType,
      encoding: headers['content-encoding'] ?? 'identity',
      cacheControl: headers['cache-control'] ?? null,
      etag: headers.etag ?? null,
      fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || r.fromCache),
    });
  });
  // The status on the wire: a revalidated response is reported as the
  // cached 200 by responseReceived, and as 304 here.
  cdp.on('Network.responseReceivedExtraInfo', (e) => { entry(e.requestId).wireStatus = e.statusCode; });
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).fromCache = true; });
  cdp.on('Network.loadingFinished', (e) => {
    Object.assign(entry(e.requestId), { bytes: e.encodedDataLength, end: e.timestamp * 1000 });
  });
  cdp.on('Network.loadingFailed', (e) => {
    Object.assign(entry(e.requestId), { failed: e.errorText, bytes: 0, end: e.timestamp * 1000 });
  });
  await cdp.send('Network.enable');
  if (condition === 'throttled') {
    await cdp.send('Network.emulateNetworkConditions', THROTTLE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
  }
  return {
    pending: () => [...requests.values()].filter((r) => r.url && r.end === undefined && !r.fromCache).length,
    requests: () => [...requests.values()].filter((r) => r.url && !r.url.startsWith('data:')),
    toEpoch: (ms) => ms + (clockOffset ?? 0),
    detach: () => cdp.detach().catch(() => {}),
  };
}

function kind(r) {
  const url = r.url.split('?')[0];
  const mime = r.mimeType ?? '';
  if (mime === 'application/wasm' || url.endsWith('.wasm')) return 'wasm';
  if (r.type === 'Script' || /javascript/.test(mime) || url.endsWith('.js')) return 'js';
  if (r.type === 'Stylesheet' || mime === 'text/css') return 'css';
  if (/json/.test(mime)) return 'json';
  if (r.type === 'Document' || mime === 'text/html') return 'html';
  return 'other'; // images, CORS preflights, …
}

/** Bytes by type for the API's origin (and before the listing), the host's apart. */
function tally(requests, listedEpoch, toEpoch) {
  const api = new URL(BASE).origin;
  const zero = () => Object.fromEntries([...TYPES, 'total'].map((t) => [t, 0]));
  const all = zero();
  const beforeListing = zero();
  let host = 0;
  for (const r of requests) {
    const bytes = r.bytes ?? 0;
    if (new URL(r.url).origin !== api) {
      host += bytes;
      continue;
    }
    const type = kind(r);
    all[type] += bytes;
    all.total += bytes;
    if (r.end !== undefined && listedEpoch && toEpoch(r.end) <= listedEpoch) {
      beforeListing[type] += bytes;
      beforeListing.total += bytes;
    }
  }
  const ours = requests.filter((r) => new URL(r.url).origin === api);
  return {
    api: all,
    apiBeforeListing: beforeListing,
    host,
    // Requests to the API's origin that reached it (CORS preflights
    // included), and of those the ones answered 304 Not Modified.
    sent: ours.filter((r) => !r.fromCache).length,
    notModified: ours.filter((r) => r.wireStatus === 304).length,
    fromCache: ours.filter((r) => r.fromCache).length,
  };
}

/** One visit of a page in `context`: timings, then bytes once the network is quiet. */
async function visit(context, url, condition) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const net = await recordNetwork(context, page, condition);
  const timeout = condition === 'throttled' ? 90_000 : 20_000;
  await page.goto(url, { waitUntil: 'commit', timeout });
  const origin = await page.mainFrame().evaluate(() => performance.timeOrigin);
  // The widget's frame is the page's own, or the iframe in iframe mode.
  const marks = async () => {
    const found = await Promise.all(page.frames().map((f) => f.evaluate(() => window.__bench ?? {}).catch(() => ({}))));
    const first = (key) => Math.min(...found.map((m) => m[key] ?? Infinity));
    return { listed: first('listed'), clicked: first('clicked'), form: first('form') };
  };
  const deadline = Date.now() + timeout;
  let m = await marks();
  while (!Number.isFinite(m.form) && Date.now() < deadline) {
    await page.waitForTimeout(25);
    m = await marks();
  }
  if (!Number.isFinite(m.form)) throw new Error(`${url} (${condition}): no interactive form in ${timeout} ms; page errors: ${errors.join('; ')}`);
  // Whatever the page still fetches (images, the rest of the widget) counts:
  // until no request has been open for half a second.
  const settle = Math.min(deadline, Date.now() + (condition === 'throttled' ? 30_000 : 5_000));
  let quietSince = Date.now();
  while (Date.now() - quietSince < 500 && Date.now() < settle) {
    if (net.pending() > 0) quietSince = Date.now();
    await page.waitForTimeout(50);
  }
  const requests = net.requests();
  const result = {
    listingMs: m.listed - origin,
    formMs: m.form - origin,
    clickToFormMs: m.form - m.clicked,
    bytes: tally(requests, m.listed, net.toEpoch),
    errors,
    requests: requests.map((r) => ({
      url: r.url.replace(BASE, '').slice(0, 160), type: r.type === 'Preflight' ? 'preflight' : kind(r),
      status: r.wireStatus ?? r.status, bytes: r.bytes ?? 0,
      encoding: r.encoding, cacheControl: r.cacheControl, etag: r.etag, fromCache: r.fromCache ?? false,
      ...(r.failed ? { failed: r.failed } : {}),
    })),
  };
  await net.detach();
  await page.close();
  return result;
}

const median = (values) => {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Median of each figure over the runs of one visit kind. */
function summarise(visits) {
  const bytes = (pick) => Object.fromEntries([...TYPES, 'total'].map((t) => [t, median(visits.map((v) => pick(v.bytes)[t]))]));
  return {
    listingMs: median(visits.map((v) => v.listingMs)),
    formMs: median(visits.map((v) => v.formMs)),
    clickToFormMs: median(visits.map((v) => v.clickToFormMs)),
    bytes: bytes((b) => b.api),
    bytesBeforeListing: bytes((b) => b.apiBeforeListing),
    hostBytes: median(visits.map((v) => v.bytes.host)),
    sent: median(visits.map((v) => v.bytes.sent)),
    notModified: median(visits.map((v) => v.bytes.notModified)),
    fromCache: median(visits.map((v) => v.bytes.fromCache)),
    spread: {
      listingMs: [Math.min(...visits.map((v) => v.listingMs)), Math.max(...visits.map((v) => v.listingMs))],
      totalBytes: [Math.min(...visits.map((v) => v.bytes.api.total)), Math.max(...visits.map((v) => v.bytes.api.total))],
    },
  };
}

async function measureBrowser(hostOrigin) {
  const urls = { page: `${BASE}/`, embed: `${hostOrigin}/embed.html`, iframe: `${hostOrigin}/iframe.html` };
  const browser = await launchChromium();
  const raw = {};
  try {
    for (const condition of CONDITIONS) {
      for (let i = 0; i < RUNS; i++) {
        // Modes interleaved, so that a busy moment of the machine does not land on one.
        for (const mode of MODES) {
          const context = await browser.newContext(PHONE);
          await context.addInitScript(instrument);
          const cold = await visit(context, urls[mode], condition);
          const warm = await visit(context, urls[mode], condition);
          await context.close();
          ((raw[mode] ??= {})[condition] ??= { cold: [], warm: [] });
          raw[mode][condition].cold.push(cold);
          raw[mode][condition].warm.push(warm);
          process.stderr.write(`  ${condition} ${mode} run ${i + 1}/${RUNS}: listing ${cold.listingMs.toFixed(0)} ms, `
            + `form ${cold.formMs.toFixed(0)} ms, ${(cold.bytes.api.total / 1024).toFixed(1)} KiB cold, `
            + `${(warm.bytes.api.total / 1024).toFixed(1)} KiB warm\n`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  const summary = {};
  for (const [mode, byCondition] of Object.entries(raw)) {
    for (const [condition, visits] of Object.entries(byCondition)) {
      (summary[mode] ??= {})[condition] = { cold: summarise(visits.cold), warm: summarise(visits.warm) };
    }
  }
  return { summary, raw };
}

/** Lighthouse's default (mobile) audit of the full page, through its CLI. */
async function lighthouse() {
  const report = join(dirname(OUT), 'page-bench-lighthouse.json');
  const bin = join(ROOT, 'node_modules', '.bin', 'lighthouse');
  const args = [`${BASE}/`, '--output=json', `--output-path=${report}`, '--quiet',
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run'];
  await new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}`))));
  });
  const lhr = JSON.parse(readFileSync(report, 'utf8'));
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  const score = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
  // What kept a category from full marks: for performance every audit that
  // is not passed (its hints weigh nothing but say where the time goes),
  // for the others those that weigh in the score.
  const failing = (category) => (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => category === 'performance' || ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
  return {
    version: lhr.lighthouseVersion,
    formFactor: lhr.configSettings.formFactor,
    throttlingMethod: lhr.configSettings.throttlingMethod,
    url: lhr.finalDisplayedUrl,
    scores: { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices') },
    lcpMs: audit('largest-contentful-paint'),
    fcpMs: audit('first-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    speedIndexMs: audit('speed-index'),
    cls: audit('cumulative-layout-shift'),
    totalByteWeight: audit('total-byte-weight'),
    notFull: { performance: failing('performance'), accessibility: failing('accessibility'), bestPractices: failing('best-practices') },
    report,
  };
}

// ---- printing ----
const kib = (b) => (b == null ? '–' : (b / 1024).toFixed(1));
const ms = (v) => (v == null ? '–' : Math.round(v).toString());
const table = (head, rows) => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

function print(results) {
  const { summary } = results.browser;
  const byteCondition = CONDITIONS.includes('loopback') ? 'loopback' : CONDITIONS[0];
  const rows = [];
  for (const mode of MODES) {
    for (const visitKind of ['cold', 'warm']) {
      const s = summary[mode]?.[byteCondition]?.[visitKind];
      if (!s) continue;
      rows.push([mode, visitKind, ...TYPES.map((t) => kib(s.bytes[t])), kib(s.bytes.total),
        kib(s.bytesBeforeListing.wasm + s.bytesBeforeListing.js + s.bytesBeforeListing.css), kib(s.hostBytes), s.sent, s.notModified, s.fromCache]);
    }
  }
  console.log(`\nBytes transferred from the API's origin, KiB as served (median of ${RUNS} ${byteCondition} runs; `
    + 'warm = second visit, same context, cache kept; host = the operator\'s page itself)');
  console.log(table(['mode', 'visit', ...TYPES, 'total', 'code before listing', 'host', 'sent', '304', 'cached'], rows));
  console.log('code before listing: wasm + js + css whose transfer ended before the first size card showed; '
    + 'sent: requests that reached the API (CORS preflights included), 304: of those, answered Not Modified; '
    + 'cached: taken from the browser\'s cache without asking');

  const timeRows = [];
  for (const mode of MODES) {
    for (const condition of CONDITIONS) {
      const s = summary[mode]?.[condition];
      if (!s) continue;
      timeRows.push([mode, condition, ms(s.cold.listingMs), ms(s.cold.formMs), ms(s.cold.clickToFormMs),
        ms(s.warm.listingMs), ms(s.warm.formMs)]);
    }
  }
  console.log(`\nTimes from navigation, ms (median of ${RUNS}; throttled = ${THROTTLE.network.latency} ms RTT, `
    + `${THROTTLE.network.downloadThroughput * 8 / 1e6} Mbit/s down, ${THROTTLE.network.uploadThroughput * 8 / 1e3} kbit/s up, ${THROTTLE.cpu}x CPU)`);
  console.log(table(['mode', 'condition', 'listing', 'form', 'click→form', 'warm listing', 'warm form'], timeRows));

  const lh = results.lighthouse;
  if (lh?.error) console.log(`\nLighthouse failed: ${lh.error}`);
  else if (lh) {
    console.log(`\nLighthouse ${lh.version} ${lh.formFactor} (${lh.throttlingMethod} throttling) of ${lh.url}`);
    console.log(table(['performance', 'accessibility', 'best practices', 'LCP ms', 'FCP ms', 'TBT ms', 'bytes KiB'],
      [[lh.scores.performance, lh.scores.accessibility, lh.scores.bestPractices, ms(lh.lcpMs), ms(lh.fcpMs), ms(lh.tbtMs), kib(lh.totalByteWeight)]]));
    for (const [category, audits] of Object.entries(lh.notFull)) {
      if (audits.length) console.log(`  ${category} below full marks: ${audits.join(', ')}`);
    }
  }
  console.log(`\nFull results: ${OUT}`);
}

// ---- main ----
const host = createServer((req, res) => {
  const html = HOST_PAGES[new URL(req.url, 'http://x').pathname];
  if (!html) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
});
await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
const hostOrigin = `http://127.0.0.1:${host.address().port}`;

const git = (...args) => { try { return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return null; } };
const results = {
  at: new Date().toISOString(),
  commit: git('rev-parse', 'HEAD'),
  dirty: Boolean(git('status', '--porcelain', '--untracked-files=no')),
  api: BASE,
  runs: RUNS,
  phone: PHONE,
  throttle: THROTTLE,
};
try {
  results.browser = await measureBrowser(hostOrigin);
} finally {
  host.close();
}
if (LIGHTHOUSE) {
  try {
    results.lighthouse = await lighthouse();
  } catch (e) {
    results.lighthouse = { error: String(e.message ?? e) };
  }
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
print(results);
if (results.lighthouse?.error) process.exitCode = 1;
