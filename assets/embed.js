/* The /embed/ page inside an operator's iframe: tells the parent page its
   height (so the iframe grows with the widget) and forwards the widget's
   events, only to the window that framed it. */
const post = (message) => { if (window.parent !== window) window.parent.postMessage(message, '*'); };
new ResizeObserver(() => post({ type: 'storage-widget:resize', height: document.documentElement.scrollHeight }))
  .observe(document.documentElement);
for (const name of ['listing-viewed', 'size-selected', 'quote-changed', 'booking-created', 'booking-failed']) {
  document.addEventListener(`storage-widget:${name}`, (e) => post({ type: 'storage-widget:event', name: e.type, detail: e.detail }));
}
