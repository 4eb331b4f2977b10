#!/usr/bin/env python3
"""Trunk post-build hook: move the inline start-up script into `init.js`.

Trunk injects `<script type="module">import init ... </script>` into
index.html. Under a Content-Security-Policy without 'unsafe-inline' (the one
the booking API serves) that script would be refused, so it is written to a
file of its own and referenced by `src`, which `script-src 'self'` allows.

`init.js` starts with `assets/prefetch.js`, which sends the property request
while the wasm downloads, and imports the bindings dynamically: a static
import would hold the whole module, prefetch included, until the glue
arrived. It warms the browser's Intl while the wasm compiles.
"""
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
pattern = re.compile(r'<script type="module"[^>]*>(.*?)</script>', re.S)
inline = [m for m in pattern.finditer(html) if "src=" not in m.group(0).split(">")[0]]
if len(inline) != 1:
    sys.exit(f"externalize-init: expected one inline module script, found {len(inline)}")
match = inline[0]
start = match.group(1).strip()
imports = re.match(r"import init, \* as bindings from '([^']+)';\n", start)
if not imports:
    sys.exit("externalize-init: trunk's start-up script changed shape")
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
    + f"\nconst bindings = await import('{imports.group(1)}');\nconst init = bindings.default;\n"
    + start[imports.end():]
)
start, instantiations = re.subn(
    r"const wasm = await init\((.*?)\);",
    r"const started = init(\1);\nwarmIntl();\nconst wasm = await started;",
    start,
)
if instantiations != 1:
    sys.exit("externalize-init: trunk's start-up script changed shape")
(staging / "init.js").write_text(start + "\n", encoding="utf-8")
html = html[: match.start()] + '<script type="module" src="/init.js"></script>' + html[match.end():]
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
