#!/usr/bin/env python3
"""Trunk post-build hook: the widget's start-up script, `init.js`.

scripts/build-wasm.sh (the pre-build hook) builds the wasm and its bindings
instead of trunk, so trunk injects no start-up script; this one writes it
to a file of its own, referenced by `src` with the preloads beside it:
under a Content-Security-Policy without 'unsafe-inline' (the one the
booking API serves) an inline script would be refused, `script-src 'self'`
allows a file.

`init.js` starts with `assets/prefetch.js`, which sends the property request
while the wasm downloads, and imports the bindings dynamically: a static
import would hold the whole module, prefetch included, until the glue
arrived. It warms the browser's Intl while the wasm compiles.
"""
import os
import pathlib
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
for built in ("storage-widget.js", "storage-widget_bg.wasm"):
    if not (staging / built).is_file():
        sys.exit(f"externalize-init: {built} is missing (scripts/build-wasm.sh, trunk's pre_build hook)")
# Its comments stay in the source: every byte of the loader is downloaded by
# every page that embeds the widget.
prefetch = "".join(
    line
    for line in (pathlib.Path(__file__).resolve().parent.parent / "assets" / "prefetch.js")
    .read_text(encoding="utf-8")
    .splitlines(True)
    if not line.lstrip().startswith("//")
).strip()
start = (
    prefetch
    + "\nstorageWidgetPrefetch(document.getElementById('storage-widget'));"
    + "\nconst bindings = await import('/storage-widget.js');"
    + "\nconst started = bindings.default({ module_or_path: '/storage-widget_bg.wasm' });"
    + "\nwarmIntl();\nawait started;\n"
)
(staging / "init.js").write_text(start, encoding="utf-8")
# What the page needs at once, asked for while init.js is parsed: the
# bindings, the chunk loader they import (a split build), the main wasm.
# The deferred chunks are not preloaded: the widget fetches them on idle.
preloads = ['<link rel="modulepreload" href="/storage-widget.js" crossorigin="anonymous" />']
if (staging / "__wasm_split.js").is_file():
    preloads.append('<link rel="modulepreload" href="/__wasm_split.js" crossorigin="anonymous" />')
preloads.append(
    '<link rel="preload" href="/storage-widget_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm" />'
)
head = "".join(f"    {link}\n" for link in preloads)
html = html.replace("</head>", head + '    <script type="module" src="/init.js"></script>\n  </head>', 1)
index.write_text(html, encoding="utf-8")

# The loader gets the same helpers, indented into its closure.
loader = staging / "widget.js"
text = loader.read_text(encoding="utf-8")
marker = "  // @include prefetch.js\n"
if text.count(marker) != 1:
    sys.exit("externalize-init: widget.js lacks its '@include prefetch.js' line")
included = "".join(f"  {line}" if line.strip() else line for line in prefetch.splitlines(True))
loader.write_text(text.replace(marker, included + "\n"), encoding="utf-8")

# /embed/: the same page for the iframe mode, plus the script that reports
# its height and forwards its events to the framing page.
embed = staging / "embed"
embed.mkdir(exist_ok=True)
(embed / "index.html").write_text(
    html.replace("</body>", '  <script type="module" src="/embed.js"></script>\n  </body>'),
    encoding="utf-8",
)
