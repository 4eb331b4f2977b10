/*! Storage booking widget loader.
 * <script src="https://API/widget.js" data-api-key="pk_…" data-property="…" defer></script>
 * Mounts one widget per [data-storage-widget] element (or one after this
 * script when there is none), each in its own shadow root, from this
 * script's origin. Options are data attributes on the script (defaults) or
 * on a placeholder: data-locale, data-storage, data-tenant-type,
 * data-group, data-theme, data-analytics="ga4", data-mode="iframe".
 * No inline script or style is ever injected. */
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || window.__storageWidgetLoader) return;
  window.__storageWidgetLoader = true;
  const origin = new URL(script.src, location.href).origin;
  const OPTIONS = ['apiKey', 'property', 'locale', 'storage', 'tenantType', 'group', 'theme', 'analytics', 'mode'];
  const live = new Map();
  let wasm;

  const load = () => (wasm ??= import(`${origin}/storage-widget.js`).then(async (m) => {
    const started = m.default({ module_or_path: `${origin}/storage-widget_bg.wasm` });
    warmIntl();
    await started;
    return m;
  }));

  const settings = (el) => {
    for (const key of OPTIONS) if (!el.dataset[key] && script.dataset[key]) el.dataset[key] = script.dataset[key];
    el.dataset.apiBase = origin;
  };

  const el = (tag, attrs) => Object.assign(document.createElement(tag), attrs);

  // storageWidgetPrefetch and warmIntl: scripts/externalize-init.py puts
  // assets/prefetch.js here.
  // @include prefetch.js

  function mountInline(host) {
    storageWidgetPrefetch(host);
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    shadow.replaceChildren(el('link', { rel: 'stylesheet', href: `${origin}/widget.css` }), el('div'));
    const target = shadow.lastChild;
    const entry = { unmount() { this.cancelled = true; } };
    live.set(host, entry);
    load().then((m) => {
      if (entry.cancelled || live.get(host) !== entry) return;
      const mounted = m.mount(target, host);
      entry.unmount = () => { mounted.unmount(); mounted.free(); shadow.replaceChildren(); };
    }).catch((e) => {
      host.dispatchEvent(new CustomEvent('storage-widget:load-failed', { bubbles: true, detail: { message: String(e) } }));
    });
  }

  function mountFrame(host) {
    const params = new URLSearchParams(location.search);
    const query = new URLSearchParams();
    for (const [k, v] of params) query.set(k, v);
    const d = host.dataset;
    for (const [name, key] of [['key', 'apiKey'], ['property', 'property'], ['lang', 'locale'], ['storage', 'storage'], ['tenantType', 'tenantType'], ['group', 'group']]) {
      if (d[key] && !query.has(name)) query.set(name, d[key]);
    }
    if (document.referrer) query.set('referrer', document.referrer);
    query.set('landingPage', location.href);
    const frame = el('iframe', { src: `${origin}/embed/?${query}`, title: d.title || 'Storage booking', loading: 'lazy' });
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText = 'width:100%;border:0;height:640px;display:block';
    const onMessage = (e) => {
      if (e.origin !== origin || e.source !== frame.contentWindow || !e.data) return;
      if (e.data.type === 'storage-widget:resize') frame.style.height = `${Math.ceil(e.data.height)}px`;
      if (e.data.type === 'storage-widget:event') {
        host.dispatchEvent(new CustomEvent(e.data.name, { bubbles: true, composed: true, detail: e.data.detail }));
      }
    };
    window.addEventListener('message', onMessage);
    host.replaceChildren(frame);
    live.set(host, { unmount() { window.removeEventListener('message', onMessage); host.replaceChildren(); } });
  }

  function mount(host) {
    if (live.has(host)) return;
    settings(host);
    (host.dataset.mode === 'iframe' ? mountFrame : mountInline)(host);
  }

  let first = true;
  function scan() {
    for (const [host, entry] of live) {
      if (!host.isConnected) { entry.unmount(); live.delete(host); }
    }
    let hosts = document.querySelectorAll('[data-storage-widget]');
    // Only a page with no placeholder at all gets one, after this script.
    const auto = first && !hosts.length && !script.dataset.noAuto;
    first = false;
    if (auto) {
      const host = el('div');
      host.setAttribute('data-storage-widget', '');
      script.after(host);
      hosts = [host];
    }
    hosts.forEach(mount);
  }

  // Single-page apps add and remove placeholders: mount the new, unmount the gone.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; scan(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
})();
