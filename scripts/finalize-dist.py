#!/usr/bin/env python3
"""The last post-build step (scripts/post-build.sh): hashed names, precompression.

Run over the finished staging directory (or `dist/`, or any directory given
as the first argument), after every other step. It

1. renames every `.wasm`, `.js`, `.mjs` and `.css` file except the stable
   entry points (`init.js`, `widget.js`; the `.html` pages are never renamed)
   to `name-<16 hex>.ext`, the first 64 bits of the SHA-256 of its final
   content. Whatever the build put there is hashed, without a list: the wasm
   chunks and `__wasm_split*.js` of a split build as much as the glue;
2. rewrites every reference to a renamed file in the `.html`, `.js` and
   `.css` files (relative, absolute or after `${origin}`), and recomputes the
   `integrity` attribute of any tag that names a local file. A file is
   hashed after the files it names are renamed, so the name of the glue
   covers the name of its wasm: the loader and `init.js` can only name a
   pair from one build. Files that name each other are hashed together;
3. writes `build-manifest.json` (entry points, original → hashed names);
4. writes `.br` (brotli -q 11) and `.gz` (gzip -9) beside every text and
   wasm file, for the server to send as they are.

The booking API marks `name-<16 hex>.{wasm,js,mjs,css}` immutable and
everything else short-lived with an ETag (crates/booking-api/src/http/widget_files.rs).
Running it twice leaves the result unchanged.
"""
import base64
import gzip
import hashlib
import json
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys

# Stable URLs that pages (ours and operators') name: never renamed.
ENTRY_SCRIPTS = {"init.js", "widget.js"}
HASHABLE = {".wasm", ".js", ".mjs", ".css"}
# Files whose text may name other files.
TEXT_WITH_REFERENCES = {".html", ".js", ".mjs", ".css"}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".txt", ".xml", ".map", ".ico"}
HASHED_NAME = re.compile(r"-[0-9a-f]{16}\.(?:wasm|js|mjs|css)$")
MANIFEST = "build-manifest.json"
PATH_CHARS = r"[\w.~%-]"


def main() -> None:
    root = pathlib.Path(
        sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", "dist")
    )
    if not (root / "index.html").is_file():
        sys.exit(f"finalize-dist: {root}/index.html is missing")
    for stale in [*root.rglob("*.br"), *root.rglob("*.gz")]:
        stale.unlink()
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    candidates = [
        f
        for f in files
        if pathlib.PurePosixPath(f).suffix in HASHABLE
        and f not in ENTRY_SCRIPTS
        and not HASHED_NAME.search(f)
    ]
    texts = {
        f: (root / f).read_text(encoding="utf-8")
        for f in files
        if pathlib.PurePosixPath(f).suffix in TEXT_WITH_REFERENCES
    }
    renamed = hash_and_rename(root, candidates, texts)
    # A second run finds nothing left to rename: keep the first run's names.
    previous = root / MANIFEST
    if previous.is_file():
        renamed = {**json.loads(previous.read_text(encoding="utf-8"))["hashed"], **renamed}
    for f, text in texts.items():
        if f not in candidates:
            text = rewrite(f, text, renamed, candidates)
            if f.endswith(".html"):
                text = fix_integrity(root, f, text, renamed)
            (root / f).write_text(text, encoding="utf-8")
    (root / MANIFEST).write_text(
        json.dumps(
            {
                "entries": [f for f in files if f.endswith(".html") or f in ENTRY_SCRIPTS],
                "hashed": {old: renamed[old] for old in sorted(renamed)},
                "precompressed": ["br", "gzip"],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    precompress(root)


def hashed_name(path: str, digest: str) -> str:
    stem, ext = posixpath.splitext(path)
    return f"{stem}-{digest[:16]}{ext}"


def references(names: list[str]) -> re.Pattern:
    """A name as a path, but not as an object's key: wasm-bindgen's imports
    object is keyed by the module names compiled into the wasm
    (`{"./__wasm_split.js": import1}`), which must stay as they are."""
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(
        rf"(?<!{PATH_CHARS})(?P<prefix>(?:{PATH_CHARS}*/)*)(?P<name>{alternatives})"
        rf"(?!{PATH_CHARS})(?![\"']\s*:)"
    )


def resolve(referrer: str, prefix: str, name: str, candidates: list[str]) -> str | None:
    """The candidate a reference in `referrer` names, if any."""
    ref = prefix + name
    if ref.startswith("//"):  # //host/path: the path on that host
        ref = "/" + ref[2:].partition("/")[2]
    target = ref[1:] if ref.startswith("/") else posixpath.join(posixpath.dirname(referrer), ref)
    target = posixpath.normpath(target)
    if target in candidates:
        return target
    same_name = [c for c in candidates if posixpath.basename(c) == name]
    return same_name[0] if len(same_name) == 1 else None


def rewrite(referrer: str, text: str, renamed: dict[str, str], candidates: list[str]) -> str:
    done = [c for c in candidates if c in renamed]
    if not done:
        return text
    pattern = references([posixpath.basename(c) for c in done])

    def replace(m: re.Match) -> str:
        target = resolve(referrer, m["prefix"], m["name"], candidates)
        if target is None or target not in renamed:
            return m[0]
        return m["prefix"] + posixpath.basename(renamed[target])

    return pattern.sub(replace, text)


def hash_and_rename(root: pathlib.Path, candidates: list[str], texts: dict[str, str]) -> dict[str, str]:
    """Renames the candidates, the files they name first; returns old → new paths."""
    edges: dict[str, set[str]] = {c: set() for c in candidates}
    if candidates:
        pattern = references([posixpath.basename(c) for c in candidates])
        for c in candidates:
            if c in texts:
                for m in pattern.finditer(texts[c]):
                    target = resolve(c, m["prefix"], m["name"], candidates)
                    if target is not None:
                        edges[c].add(target)
    renamed: dict[str, str] = {}
    for component in strongly_connected(edges):
        # Every file named from outside the component is renamed by now.
        for c in component:
            if c in texts:
                texts[c] = rewrite(c, texts[c], renamed, candidates)
        digest = hashlib.sha256()
        for c in sorted(component):
            digest.update(c.encode() + b"\0")
            digest.update(texts[c].encode() if c in texts else (root / c).read_bytes())
        for c in component:
            renamed[c] = hashed_name(c, digest.hexdigest())
        for c in component:
            if c in texts:
                texts[c] = rewrite(c, texts[c], renamed, candidates)
                (root / c).write_text(texts[c], encoding="utf-8")
            (root / c).rename(root / renamed[c])
    return renamed


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components, each after every component it points to."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


TAG = re.compile(r"<(?:link|script)\b[^>]*>", re.I)
INTEGRITY = re.compile(r'integrity=(["\']?)(sha256|sha384|sha512)-[^"\'\s>]*\1', re.I)
URL_ATTR = re.compile(r'\b(?:href|src)=(["\']?)([^"\'\s>]+)\1', re.I)


def fix_integrity(root: pathlib.Path, page: str, html: str, renamed: dict[str, str]) -> str:
    """Subresource integrity of the files as they are now."""

    def fix(tag: re.Match) -> str:
        text = tag[0]
        integrity, url = INTEGRITY.search(text), URL_ATTR.search(text)
        if not integrity or not url or re.match(r"^[a-z]+:", url[2]):
            return text
        path = url[2].split("?")[0].split("#")[0]
        target = path[1:] if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
        file = root / posixpath.normpath(target)
        if not file.is_file():
            sys.exit(f"finalize-dist: {page} names {url[2]} with an integrity hash, but it is not in the build")
        algorithm = integrity[2].lower()
        digest = base64.b64encode(hashlib.new(algorithm, file.read_bytes()).digest()).decode()
        quote = integrity[1] or '"'
        return text[: integrity.start()] + f"integrity={quote}{algorithm}-{digest}{quote}" + text[integrity.end():]

    return TAG.sub(fix, html)


def precompress(root: pathlib.Path) -> None:
    brotli = shutil.which("brotli")
    if brotli is None:
        sys.exit("finalize-dist: the brotli CLI is missing (scripts/setup.sh installs it)")
    for file in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE):
        data = file.read_bytes()
        # mtime 0 and no name: the same input gives the same bytes.
        file.with_name(file.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        subprocess.run(
            [brotli, "-q", "11", "-f", "-o", str(file.with_name(file.name + ".br")), str(file)],
            check=True,
        )


if __name__ == "__main__":
    main()
