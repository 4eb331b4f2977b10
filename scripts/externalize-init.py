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
prefetch = pathlib.Path(__file__).resolve().parent.parent / "assets" / "prefetch.js"
start = (
    prefetch.read_text(encoding="utf-8").strip()
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

# /embed/: the same page for the iframe mode, plus the script that reports
# its height and forwards its events to the framing page.
embed = staging / "embed"
embed.mkdir(exist_ok=True)
(embed / "index.html").write_text(
    html.replace("</body>", '  <script type="module" src="/embed.js"></script>\n  </body>'),
    encoding="utf-8",
)
