//! The crate's modules depend on each other one way: no import circles.
//!
//! Why a test: a circle (`a` uses `b`, `b` uses `a`) means neither file can be read, changed or
//! moved on its own, and nothing else stops one from forming. This reads every `.rs` file under
//! `src/` (the `src/bin/` tools are separate crates that only see the library's public API), finds
//! every path into the crate (`use crate::..`, `use super::..`, `crate::x::f()`, a parent's
//! `child::f()`, the crate root's re-exports), and builds two graphs:
//!
//! - between top-level modules (`engine`, `model`, `signals`, `error`, `wasm`, ...);
//! - inside each top-level module, between its files (`engine::score`, `engine::lead::text`, ...).
//!
//! Any cycle in either fails the test, named with the lines that make it. (A cycle among files in
//! several top-level modules always shows as a cycle between top-level modules, so the two graphs
//! cover every cycle between files.) Comments, strings and character literals are blanked first, so
//! `b'{'` or a path in a doc comment does not count.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path from the crate root, e.g. `["engine", "lead", "text"]`; the root is `[]`.
type ModPath = Vec<String>;

/// Where an import was found: file, line and the path as written.
#[derive(Clone, Debug)]
struct Evidence {
    file: String,
    line: usize,
    path: String,
}

/// `from -> to` with the first place that makes the edge.
type Graph = BTreeMap<String, BTreeMap<String, Evidence>>;

#[test]
fn modules_depend_on_each_other_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    let edges = edges(&files);
    // The reader must see the crate's real structure, or an empty graph would pass.
    for (from, to) in [("engine::score", "engine::lead"), ("engine::compile", "model"), ("engine::score", "signals")] {
        assert!(
            edges.iter().any(|(f, t, _)| f.join("::") == from && t.join("::").starts_with(to)),
            "the import reader missed {from} -> {to}; edges found: {}",
            edges.len()
        );
    }
    let cycles = cycles_in(&edges);
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// The checker itself finds a two-file circle, through `super::`, and ignores a test module's
/// `use super::*`, paths in comments and strings, and braces in character literals.
#[test]
fn the_checker_names_a_cycle() {
    let files = vec![
        (vec!["m".to_string()], "src/m/mod.rs".to_string(), "mod a;\nmod b;\npub use a::A;".to_string()),
        (
            vec!["m".into(), "a".into()],
            "src/m/a.rs".into(),
            "// use super::b;\nconst S: &str = \"super::b::X\";\nfn f() -> u8 { b'{' }\n\
             pub struct A;\nmod tests { use super::*; }"
                .into(),
        ),
        (vec!["m".into(), "b".into()], "src/m/b.rs".into(), "use super::a::A;".into()),
    ];
    assert!(cycles_in(&edges(&files)).is_empty(), "{:?}", cycles_in(&edges(&files)));
    let mut files = files;
    files[1].2.push_str("\nuse super::b::B;");
    let cycles = cycles_in(&edges(&files));
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(cycles[0].contains("m::a -> m::b -> m::a"), "{}", cycles[0]);
    assert!(cycles[0].contains("src/m/a.rs:6: super::b::B"), "{}", cycles[0]);
}

/// Every `.rs` file under `src/` but `src/bin/`, as (module path, display name, text).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(ModPath, String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let rel = path.strip_prefix(root).unwrap();
        if path.is_dir() {
            if rel != Path::new("bin") {
                collect(root, &path, out);
            }
            continue;
        }
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let mut module: ModPath = rel.with_extension("").iter().map(|s| s.to_string_lossy().into_owned()).collect();
        if module.last().is_some_and(|m| m == "mod") || module == ["lib"] {
            module.pop();
        }
        let name = format!("src/{}", rel.display());
        out.push((module, name, std::fs::read_to_string(&path).unwrap()));
    }
}

/// The cycles in both graphs, each as `a -> b -> a` followed by the lines that make it.
fn cycles_in(edges: &[(ModPath, ModPath, Evidence)]) -> Vec<String> {
    let mut top = Graph::new();
    let mut inner: BTreeMap<String, Graph> = BTreeMap::new();
    for (from, to, evidence) in edges {
        let (Some(f0), Some(t0)) = (from.first(), to.first()) else { continue };
        if f0 != t0 {
            top.entry(f0.clone()).or_default().entry(t0.clone()).or_insert_with(|| evidence.clone());
        } else if from != to {
            let graph = inner.entry(f0.clone()).or_default();
            graph.entry(from.join("::")).or_default().entry(to.join("::")).or_insert_with(|| evidence.clone());
        }
    }
    let mut out = Vec::new();
    for graph in std::iter::once(&top).chain(inner.values()) {
        for (cycle, group) in cycles(graph) {
            let mut text = cycle.join(" -> ");
            if group.len() + 1 > cycle.len() {
                let all: Vec<&str> = group.iter().map(String::as_str).collect();
                text.push_str(&format!(" (one circle among {})", all.join(", ")));
            }
            for pair in cycle.windows(2) {
                let e = &graph[&pair[0]][&pair[1]];
                text.push_str(&format!("\n    {} -> {}: {}:{}: {}", pair[0], pair[1], e.file, e.line, e.path));
            }
            out.push(text);
        }
    }
    out
}

/// One cycle (first node repeated at the end) for every strongly connected group of two or more
/// nodes, with the whole group.
fn cycles(graph: &Graph) -> Vec<(Vec<String>, BTreeSet<String>)> {
    let nodes: BTreeSet<&String> = graph.keys().chain(graph.values().flat_map(BTreeMap::keys)).collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for next in graph.get(&n).into_iter().flat_map(BTreeMap::keys) {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for &start in &nodes {
        if done.contains(start) || !reachable[start].contains(start) {
            continue;
        }
        let group: BTreeSet<String> = nodes
            .iter()
            .filter(|n| reachable[start].contains(**n) && reachable[**n].contains(start))
            .map(|n| (*n).clone())
            .collect();
        done.extend(group.iter().cloned());
        // Shortest way back to `start` inside the group (breadth first).
        let mut parent: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        'search: while let Some(n) = queue.pop_front() {
            for next in graph.get(&n).into_iter().flat_map(BTreeMap::keys).filter(|x| group.contains(*x)) {
                if next == start {
                    let mut cycle = vec![n.clone()];
                    while let Some(p) = parent.get(cycle.last().unwrap()) {
                        cycle.push(p.clone());
                    }
                    cycle.reverse();
                    cycle.push(start.clone());
                    out.push((cycle, group.clone()));
                    break 'search;
                }
                if next != start && !parent.contains_key(next) {
                    parent.insert(next.clone(), n.clone());
                    queue.push_back(next.clone());
                }
            }
        }
    }
    out
}

/// Every (importing module, imported module, where) in the files. An imported path is resolved to
/// the deepest file module it names; the crate root's re-exports are followed to where they point.
fn edges(files: &[(ModPath, String, String)]) -> Vec<(ModPath, ModPath, Evidence)> {
    let modules: BTreeSet<ModPath> = files.iter().map(|(m, _, _)| m.clone()).collect();
    let mut raw = Vec::new();
    for (module, name, text) in files {
        for (path, line) in paths(module, &modules, &blank_non_code(text)) {
            raw.push((module.clone(), path, Evidence { file: name.clone(), line: line.0, path: line.1 }));
        }
    }
    // `crate::Scorer` means what the root's `pub use engine::{.., Scorer}` says it means.
    let root_exports: BTreeMap<String, ModPath> = raw
        .iter()
        .filter(|(from, to, _)| from.is_empty() && to.len() >= 2)
        .map(|(_, to, _)| (to.last().unwrap().clone(), to.clone()))
        .collect();
    let mut out = Vec::new();
    for (from, mut to, evidence) in raw {
        if let Some(target) = to.first().filter(|_| !modules.contains(&to[..1])).and_then(|n| root_exports.get(n)) {
            to.splice(..1, target.iter().cloned());
        }
        let target = (0..=to.len()).rev().map(|n| to[..n].to_vec()).find(|p| modules.contains(p)).unwrap_or_default();
        if target != from {
            out.push((from, target, evidence));
        }
    }
    out
}

/// The crate paths a file names, absolute from the root, with (line, path as written). `module` is
/// the file's own module; `mod name { .. }` blocks inside it (tests) are followed for `super`.
fn paths(module: &ModPath, modules: &BTreeSet<ModPath>, code: &str) -> Vec<(ModPath, (usize, String))> {
    let tokens = tokenize(code);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules: name and the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let here = || {
            let mut m = module.clone();
            m.extend(inline.iter().map(|(n, _)| n.clone()));
            m
        };
        let (line, tok) = (&tokens[i].0, tokens[i].1.as_str());
        match tok {
            "{" => depth += 1,
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t.1 == "{") => {
                inline.push((tokens[i + 1].1.clone(), depth + 1));
            }
            "use" => {
                let end = tokens[i..].iter().position(|t| t.1 == ";").map_or(tokens.len(), |p| i + p);
                let statement: Vec<&str> = tokens[i + 1..end].iter().map(|t| t.1.as_str()).collect();
                let mut trees = Vec::new();
                use_tree(&statement, &mut 0, Vec::new(), &mut trees);
                for tree in trees {
                    if let Some(abs) = absolute(&here(), modules, &tree) {
                        out.push((abs, (*line, tree.join("::"))));
                    }
                }
                i = end;
                continue;
            }
            _ if is_ident(tok) && tokens.get(i + 1).is_some_and(|t| t.1 == "::") => {
                // A path in code: `crate::x::f()`, `super::x::f()`, or a child module's `x::f()`.
                let starts_path = i == 0 || tokens[i - 1].1 != "::";
                let mut segments = vec![tok.to_string()];
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|t| t.1 == "::") && tokens.get(j + 1).is_some_and(|t| is_ident(&t.1)) {
                    segments.push(tokens[j + 1].1.clone());
                    j += 2;
                }
                if starts_path {
                    if let Some(abs) = absolute(&here(), modules, &segments) {
                        out.push((abs, (*line, segments.join("::"))));
                    }
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Expands a `use` tree (tokens after `use`, before `;`) into full paths: `a::{b, c::{d, self}}`
/// gives `a::b`, `a::c::d`, `a::c`.
fn use_tree(tokens: &[&str], at: &mut usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    while let Some(&tok) = tokens.get(*at) {
        match tok {
            "{" => {
                *at += 1;
                loop {
                    use_tree(tokens, at, prefix.clone(), out);
                    match tokens.get(*at) {
                        Some(&",") => *at += 1,
                        Some(&"}") => {
                            *at += 1;
                            break;
                        }
                        _ => break,
                    }
                    if tokens.get(*at) == Some(&"}") {
                        *at += 1;
                        break;
                    }
                }
                return;
            }
            "::" => *at += 1,
            "*" => {
                *at += 1;
                out.push(prefix);
                return;
            }
            "as" => *at += 2,
            "," | "}" => break,
            "self" if !prefix.is_empty() => *at += 1,
            _ => {
                prefix.push(tok.to_string());
                *at += 1;
            }
        }
    }
    if !prefix.is_empty() {
        out.push(prefix);
    }
}

/// A path as written in `here`, made absolute; `None` for paths outside the crate (`std::`,
/// `serde::`, a type's `Value::Null`).
fn absolute(here: &ModPath, modules: &BTreeSet<ModPath>, segments: &[String]) -> Option<ModPath> {
    let first = segments.first()?;
    let (mut base, rest) = match first.as_str() {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (here.clone(), &segments[1..]),
        "super" => {
            let mut base = here.clone();
            let mut rest = segments;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        _ => {
            let mut child = here.clone();
            child.push(first.clone());
            // A bare name is a path only when it is a child module (with a file, or an inline one).
            if !modules.iter().any(|m| m.starts_with(&child)) {
                return None;
            }
            (here.clone(), segments)
        }
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

fn is_ident(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::` and single punctuation characters, each with its line.
fn tokenize(code: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((line, chars[start..i].iter().collect()));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((line, "::".into()));
            i += 2;
        } else {
            out.push((line, c.to_string()));
            i += 1;
        }
    }
    out
}

/// The text with comments, string literals and character literals replaced by spaces (line breaks
/// kept, so line numbers stay right).
fn blank_non_code(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, text: &[char]| {
        out.extend(text.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let prev_is_ident = i > 0 && ident(c[i - 1]);
        let start = i;
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut nesting = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    nesting += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    nesting -= 1;
                    i += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(len) = raw_string_open(&c[i..]).filter(|_| !prev_is_ident) {
            // r"..", r#".."#, br".." : ends at a quote followed by as many `#`.
            let hashes = len - 1 - usize::from(c[i] == 'b') - 1;
            i += len;
            while i < c.len()
                && !(c[i] == '"' && c[i + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes)
            {
                i += 1;
            }
            i = (i + 1 + hashes).min(c.len());
        } else if c[i] == '"' || (c[i] == 'b' && c.get(i + 1) == Some(&'"') && !prev_is_ident) {
            i += if c[i] == 'b' { 2 } else { 1 };
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(c.len());
        } else if c[i] == '\'' || (c[i] == 'b' && c.get(i + 1) == Some(&'\'') && !prev_is_ident) {
            let open = i + if c[i] == 'b' { 1 } else { 0 };
            // A character literal ('x', '\n', '\u{1F600}'); otherwise a lifetime ('a), kept.
            if c.get(open + 1) == Some(&'\\') {
                i = open + 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i = (i + 1).min(c.len());
            } else if c.get(open + 2) == Some(&'\'') {
                i = open + 3;
            } else {
                out.push(c[i]);
                i += 1;
                continue;
            }
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        }
        blank(&mut out, &c[start..i.min(c.len())]);
    }
    out
}

/// The length of a raw string's opening (`r"`, `r##"`, `br#"`) at the start of `c`, if it is one.
fn raw_string_open(c: &[char]) -> Option<usize> {
    let after_b = usize::from(c.first() == Some(&'b'));
    if c.get(after_b) != Some(&'r') {
        return None;
    }
    let hashes = c[after_b + 1..].iter().take_while(|&&h| h == '#').count();
    (c.get(after_b + 1 + hashes) == Some(&'"')).then_some(after_b + 2 + hashes)
}
