//! The widget's modules import each other without a cycle, and no
//! component file grows past what can be read at once. A component used to
//! import its parent's context while the parent imported it (issue #13):
//! this reads `src/` and fails on such a loop.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A module's file, relative to `src/`, without `.rs` / `/mod.rs`
/// (`components/listing/size_card`).
type Module = String;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file
        .strip_prefix(src)
        .expect("under src/")
        .with_extension("");
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_suffix("/mod")
        .map_or(text.clone(), str::to_owned)
}

/// `use` declarations of a file, joined across lines, `crate::` or `super::` ones.
fn uses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line
            .strip_prefix("use ")
            .or_else(|| line.strip_prefix("pub use "))
        {
            current = Some(String::new());
            current.as_mut().expect("just set").push_str(rest);
        } else if let Some(open) = current.as_mut() {
            open.push_str(line);
        }
        if current.as_ref().is_some_and(|u| u.ends_with(';')) {
            let statement = current.take().expect("open");
            if statement.starts_with("crate::") || statement.starts_with("super::") {
                found.push(statement.trim_end_matches(';').replace(' ', ""));
            }
        }
    }
    found
}

/// The paths a `use` names, braces expanded: `crate::a::{b, c::D}` →
/// `crate::a::b`, `crate::a::c::D`.
fn expand(statement: &str) -> Vec<String> {
    let Some(open) = statement.find('{') else {
        return vec![statement.to_owned()];
    };
    let (prefix, inner) = (
        &statement[..open],
        &statement[open + 1..statement.len() - 1],
    );
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty() && *p != "self")
        .flat_map(|p| expand(&format!("{prefix}{p}")))
        .collect()
}

/// The module a path lands in: the longest prefix that is a module, then,
/// through a `mod.rs`'s `pub use child::Name`, the child that defines it.
fn target(path: &str, from: &Module, modules: &BTreeMap<Module, String>) -> Option<Module> {
    let mut segments: Vec<String> = Vec::new();
    let mut rest = path;
    if let Some(r) = rest.strip_prefix("crate::") {
        rest = r;
    } else {
        // `super` of `a/b` (the file `a/b.rs`, or the folder `a/b/mod.rs`) is `a`.
        let mut base: Vec<&str> = from.split('/').collect();
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            base.pop();
        }
        segments.extend(
            base.iter()
                .filter(|s| !s.is_empty())
                .map(|s| (*s).to_owned()),
        );
    }
    segments.extend(rest.split("::").map(str::to_owned));
    let mut found = None;
    for n in (1..=segments.len()).rev() {
        let candidate = segments[..n].join("/");
        if modules.contains_key(&candidate) {
            found = Some((candidate, segments.get(n).cloned()));
            break;
        }
    }
    let (module, next) = found?;
    // Through a folder's re-export to the file that defines the name.
    let child = next.and_then(|name| {
        modules[&module].lines().find_map(|line| {
            let line = line.trim();
            let used = line.strip_prefix("pub use ")?;
            let (child, names) = used.split_once("::")?;
            let named = names.trim_end_matches(';').trim_matches(['{', '}']);
            named
                .split(',')
                .any(|n| n.trim() == name)
                .then(|| format!("{module}/{child}"))
        })
    });
    Some(child.filter(|c| modules.contains_key(c)).unwrap_or(module))
}

fn graph() -> BTreeMap<Module, Vec<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeMap<Module, String> = files
        .iter()
        .map(|f| (module_of(&src, f), fs::read_to_string(f).expect("readable")))
        .collect();
    modules
        .iter()
        .map(|(module, text)| {
            let mut targets: Vec<Module> = uses(text)
                .iter()
                .flat_map(|u| expand(u))
                .filter_map(|path| target(&path, module, &modules))
                .filter(|t| t != module)
                .collect();
            targets.sort();
            targets.dedup();
            (module.clone(), targets)
        })
        .collect()
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    assert!(
        graph["components/booking_widget"].contains(&"components/listing/size_listing".to_owned())
    );
    assert!(graph["components/listing/size_card"].contains(&"state/catalogue".to_owned()));
    // Depth-first search, reporting the first cycle with its path.
    fn visit(
        node: &str,
        graph: &BTreeMap<Module, Vec<Module>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) {
        if done.iter().any(|d| d == node) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == node) {
            panic!("import cycle: {} -> {node}", path[at..].join(" -> "));
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.push(node.to_owned());
    }
    let mut done = Vec::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn components_stay_short_enough_to_read_at_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut files = Vec::new();
    sources(&dir, &mut files);
    for file in files {
        let lines = fs::read_to_string(&file).expect("readable").lines().count();
        assert!(lines <= 150, "{} has {lines} lines", file.display());
    }
}
