// Start-up helpers of the widget's page (/init.js) and of the loader
// (/widget.js): scripts/externalize-init.py puts this file in both, without
// its full-line comments.

// Sends the request for the property of the widget on `host` now, while the
// wasm is still downloading, and leaves the promise in
// window.__storageWidgetPrefetch under "{key}\n{url}", where the widget
// takes it instead of asking again (src/api.rs, `Api::prefetched`). The
// settings are read as src/config.rs reads them: the page URL's key and
// property win over the element's data attributes.
const storageWidgetPrefetch = (host) => {
  if (!host || !window.fetch || !window.Map) return;
  const query = new URLSearchParams(location.search);
  const setting = (param, attribute) =>
    [param && query.get(param), host.getAttribute(attribute)].find((v) => v && v.trim()) || '';
  const key = setting('key', 'data-api-key');
  const property = setting('property', 'data-property');
  if (!key || !property) return;
  const base = setting('', 'data-api-base').replace(/\/+$/, '');
  const url = `${base}/v1/properties/${encodeURIComponent(property)}`;
  const ahead = (window.__storageWidgetPrefetch ??= new Map());
  if (ahead.has(`${key}\n${url}`)) return; // two widgets of one property share it
  const sent = fetch(url, { headers: { 'X-API-Key': key, Accept: 'application/json' } });
  sent.catch(() => {}); // the widget sees the failure when it takes the promise
  ahead.set(`${key}\n${url}`, sent);
};

// The first Intl formatter of a page loads the browser's ICU locale and
// time-zone data: 20–60 ms of main-thread work in Chromium, which the widget
// would otherwise do between the property's arrival and the listing's
// request. Called while the wasm compiles (off the main thread).
const warmIntl = () => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric' }).format(0);
    new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(0);
  } catch { /* an old browser: the widget formats without the head start */ }
};
