//! The single-file inliner: turns index.html, its stylesheets, the ES modules in www/ and the
//! wasm-bindgen glue and wasm into ONE html file that works from file:// with no server and no
//! bundler. It relies on conventions the page keeps, and checks every one of them: a page that
//! breaks one makes `cargo xtask dist` fail with the file, the line and the rule.
//!
//! CONVENTIONS
//!
//! HTML (index.html at the repo root)
//!   H1. Local stylesheets are `<link rel="stylesheet" href="www/NAME.css">`; each becomes a
//!       `<style>` with the file's text. The CSS has no `@import`, no relative `url(...)` and no
//!       `</style`.
//!   H2. The page's only local script is `<script type="module" src="www/main.js"></script>`.
//!       Inline scripts without `import` are kept; `<link rel="modulepreload">` is dropped.
//!   H3. No other local file is referenced by `src`, `srcset` or `<link href>` (links to other
//!       pages with `<a href>` are left alone). A local icon `<link rel="icon" href="...">` is
//!       embedded as a data URL; without any icon, `<link rel="icon" href="data:,">` is added
//!       before `</head>`.
//! JS modules
//!   J1. Page modules are files directly in www/, named NAME.js (letters, digits, `_`, `-`); the
//!       entry is www/main.js. Only modules reachable from main.js by imports are included.
//!   J2. Every import is one line starting at column 0 and ending in `;`:
//!       `import { a, b as c } from './NAME.js';` or `... from './pkg/rare_earth_wasm.js';`.
//!       No default, namespace or side-effect imports, no `import(...)`, no `import.meta`,
//!       except:
//!   J3. www/main.js, and only it, has exactly one line
//!       `import init, * as wasm from './pkg/rare_earth_wasm.js';` (any two names) and calls
//!       `await init(...)` exactly once.
//!   J4. Every export starts at column 0 and is one of `export function NAME`,
//!       `export async function NAME`, `export const NAME` (one name), `export class NAME`.
//!       No `export default`, `export { ... }`, `export let`, re-exports or indented exports.
//!       Every imported name must be exported by the module it is imported from.
//!   J5. No import cycles. Modules run once each, dependencies first, as a browser runs them.
//!   J6. Page sources do not contain `<!--` or the reserved prefix `__re_`; `</script` is
//!       escaped as `<\/script`.
//!
//! OUTPUT: one `<script type="module">` where main.js was, holding, in order:
//!   const __re_wasm_bytes = Uint8Array.from(atob("<base64 wasm>"), (c) => c.charCodeAt(0));
//!   const __re_glue = (() => { <glue, `export` removed> return Object.freeze({ ...exports }); })();
//!   const __re_mod_NAME = await (async () => {
//!     const { a, b: c } = __re_mod_OTHER;   // each import, hoisted as imports are
//!     <module text, import lines blanked, `export ` removed>
//!     return { exported names };
//!   })();                                    // one per module, dependencies first
//!   await (async () => {                     // main.js
//!     const wasm = __re_glue;
//!     const init = async () => __re_glue.initSync({ module: __re_wasm_bytes });
//!     ...
//!   })();
//! so `await init()` instantiates the embedded bytes synchronously and the glue's
//! `import.meta.url` default path never runs.

use crate::{bail, base64, Context, Error, Result};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const GLUE_SPEC: &str = "./pkg/rare_earth_wasm.js";
const ENTRY: &str = "main";
const RESERVED: &str = "__re_";
const RULES: &str = "see the conventions at the top of xtask/src/inline.rs";

fn broke(file: &str, line: usize, what: impl std::fmt::Display) -> Error {
    Error(format!("{file}:{line}: {what} ({RULES})"))
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The identifier at the start of `s`.
fn leading_ident(s: &str) -> &str {
    let end = s.find(|c: char| !is_ident_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// True if `word` occurs in `line` as a whole identifier followed by `next`.
fn has_word_then(line: &str, word: &str, next: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let before_ok = !line[..i].ends_with(is_ident_char) && !line[..i].ends_with('.');
        before_ok && line[i + word.len()..].starts_with(next)
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Source {
    Page(String),
    Glue,
}

#[derive(Debug)]
struct Import {
    line: usize,
    from: Source,
    /// (exported name, local name)
    names: Vec<(String, String)>,
}

#[derive(Debug)]
struct Module {
    file: String,
    /// The text with import lines blanked and `export ` removed.
    body: String,
    imports: Vec<Import>,
    exports: Vec<String>,
    /// For main.js: the local names of the glue's default export (`init`) and namespace (`wasm`).
    entry_names: Option<(String, String)>,
}

/// Parses `{ a, b as c }` into (exported, local) pairs.
fn parse_braces(list: &str) -> Option<Vec<(String, String)>> {
    let inner = list.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut names = Vec::new();
    for item in inner.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let parts: Vec<&str> = item.split_whitespace().collect();
        let pair = match parts.as_slice() {
            [name] => (name.to_string(), name.to_string()),
            [name, "as", local] => (name.to_string(), local.to_string()),
            _ => return None,
        };
        if !is_ident(&pair.0) || !is_ident(&pair.1) {
            return None;
        }
        names.push(pair);
    }
    Some(names)
}

/// Parses the module specifier of `from './x.js';`.
fn parse_source(spec: &str) -> Option<Source> {
    let spec = spec.trim();
    let quote = spec.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let spec = spec.strip_prefix(quote)?.strip_suffix(quote)?;
    if spec == GLUE_SPEC {
        return Some(Source::Glue);
    }
    let name = spec.strip_prefix("./")?.strip_suffix(".js")?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| Source::Page(name.to_string()))
}

enum ImportLine {
    Named(Source, Vec<(String, String)>),
    Entry { init: String, ns: String },
}

fn parse_import(line: &str) -> Option<ImportLine> {
    let rest = line.strip_prefix("import")?.trim_end().strip_suffix(';')?;
    let (what, spec) = rest.rsplit_once(" from ")?;
    let source = parse_source(spec)?;
    let what = what.trim();
    if what.starts_with('{') {
        return Some(ImportLine::Named(source, parse_braces(what)?));
    }
    // `init, * as wasm`
    let (init, ns) = what.split_once(',')?;
    let ns = ns
        .trim()
        .strip_prefix('*')?
        .trim_start()
        .strip_prefix("as")?;
    let (init, ns) = (init.trim(), ns.trim());
    (source == Source::Glue && is_ident(init) && is_ident(ns)).then(|| ImportLine::Entry {
        init: init.to_string(),
        ns: ns.to_string(),
    })
}

/// Strips the `export ` of an allowed export line and returns (name, rest of line).
fn parse_export(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix("export ")?;
    let after_kw = ["async function ", "function ", "const ", "class "]
        .iter()
        .find_map(|kw| rest.strip_prefix(kw))?;
    let after_kw = after_kw.trim_start().trim_start_matches('*').trim_start();
    let name = leading_ident(after_kw);
    is_ident(name).then(|| (name.to_string(), rest))
}

fn is_comment(trimmed: &str) -> bool {
    trimmed.starts_with("//") || trimmed.starts_with('*') || trimmed.starts_with("/*")
}

fn parse_module(file: &str, text: &str, is_entry: bool) -> Result<Module> {
    let mut body = String::with_capacity(text.len());
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut entry_names = None;
    if text.contains(RESERVED) {
        return Err(broke(
            file,
            1,
            format!("`{RESERVED}` is reserved for the inliner"),
        ));
    }
    if text.contains("<!--") {
        return Err(broke(file, 1, "`<!--` cannot be inlined in a <script>"));
    }
    for (idx, line) in text.lines().enumerate() {
        let n = idx + 1;
        let trimmed = line.trim_start();
        let indented = trimmed.len() != line.len();
        let starts_import = trimmed.starts_with("import")
            && trimmed[6..].starts_with([' ', '\t', '{', '*', '\'', '"']);
        let starts_export =
            trimmed.starts_with("export") && trimmed[6..].starts_with([' ', '\t', '{', '*']);
        if !is_comment(trimmed)
            && (has_word_then(line, "import", "(") || line.contains("import.meta"))
        {
            return Err(broke(
                file,
                n,
                "dynamic `import(...)` and `import.meta` cannot be inlined",
            ));
        }
        if starts_import {
            if indented {
                return Err(broke(file, n, "imports must start at column 0"));
            }
            match parse_import(line) {
                Some(ImportLine::Named(from, names)) => imports.push(Import {
                    line: n,
                    from,
                    names,
                }),
                Some(ImportLine::Entry { init, ns }) if is_entry && entry_names.is_none() => {
                    entry_names = Some((init, ns));
                }
                Some(ImportLine::Entry { .. }) => {
                    return Err(broke(
                        file,
                        n,
                        "only www/main.js may import the glue's init and namespace, once",
                    ))
                }
                None => {
                    return Err(broke(
                        file,
                        n,
                        format!(
                            "imports must be one line `import {{ a, b as c }} from './NAME.js';` \
                             or from '{GLUE_SPEC}'"
                        ),
                    ))
                }
            }
            body.push('\n');
            continue;
        }
        if starts_export {
            if indented {
                return Err(broke(file, n, "exports must start at column 0"));
            }
            let Some((name, rest)) = parse_export(line) else {
                return Err(broke(
                    file,
                    n,
                    "exports must be `export function NAME`, `export async function NAME`, \
                     `export const NAME` or `export class NAME`",
                ));
            };
            exports.push(name);
            body.push_str(rest);
            body.push('\n');
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    if is_entry {
        let Some((init, _)) = &entry_names else {
            return Err(broke(
                file,
                1,
                format!("the entry must have `import init, * as wasm from '{GLUE_SPEC}';`"),
            ));
        };
        let calls: Vec<usize> = body
            .lines()
            .enumerate()
            .filter(|(_, l)| !is_comment(l.trim_start()) && has_word_then(l, init, "("))
            .map(|(i, _)| i + 1)
            .collect();
        if calls.len() != 1 {
            return Err(broke(
                file,
                calls.first().copied().unwrap_or(1),
                format!(
                    "the entry must call `await {init}(...)` exactly once, found {} calls",
                    calls.len()
                ),
            ));
        }
        let call_line = body.lines().nth(calls[0] - 1).unwrap_or("");
        if !has_word_then(call_line, "await", &format!(" {init}(")) {
            return Err(broke(
                file,
                calls[0],
                format!("`{init}(...)` must be awaited: `await {init}()`"),
            ));
        }
    }
    Ok(Module {
        file: file.to_string(),
        body,
        imports,
        exports,
        entry_names,
    })
}

/// The glue with its `export` keywords removed, and its exports as (exported, local) pairs.
fn parse_glue(text: &str) -> Result<(String, Vec<(String, String)>)> {
    let file = "www/pkg/rare_earth_wasm.js";
    let mut body = String::with_capacity(text.len());
    let mut exports = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        let n = idx + 1;
        if line.starts_with("import ") || line.starts_with("import{") {
            return Err(broke(
                file,
                n,
                "the glue imports another file (snippets are not supported)",
            ));
        }
        if let Some(list) = line.strip_prefix("export ").filter(|l| l.starts_with('{')) {
            let list = list.trim_end().trim_end_matches(';');
            let Some(names) = parse_braces(list) else {
                return Err(broke(file, n, "unexpected export list in the glue"));
            };
            // parse_braces gives (local, exported) for `export { local as exported }`.
            exports.extend(names.into_iter().map(|(local, exported)| (exported, local)));
            body.push('\n');
            continue;
        }
        if line.starts_with("export ") {
            let Some((name, rest)) = parse_export(line) else {
                return Err(broke(file, n, "unexpected export form in the glue"));
            };
            exports.push((name.clone(), name));
            body.push_str(rest);
            body.push('\n');
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    if !exports.iter().any(|(e, _)| e == "initSync") {
        bail!("{file}: the glue exports no `initSync`; was it built with `--target web`?");
    }
    Ok((body, exports))
}

/// Reads www/NAME.js and, recursively, what it imports; returns the modules dependencies first.
fn load_modules(root: &Path) -> Result<Vec<Module>> {
    let mut done: BTreeMap<String, Module> = BTreeMap::new();
    let mut order = Vec::new();
    let mut stack = Vec::new();
    visit(root, ENTRY, &mut stack, &mut done, &mut order)?;
    Ok(order
        .into_iter()
        .map(|name| done.remove(&name).expect("visited"))
        .collect())
}

fn visit(
    root: &Path,
    name: &str,
    stack: &mut Vec<String>,
    done: &mut BTreeMap<String, Module>,
    order: &mut Vec<String>,
) -> Result {
    if done.contains_key(name) {
        return Ok(());
    }
    if let Some(pos) = stack.iter().position(|n| n == name) {
        let cycle: Vec<&str> = stack[pos..]
            .iter()
            .map(String::as_str)
            .chain([name])
            .collect();
        bail!("import cycle: {} ({RULES})", cycle.join(".js -> ") + ".js");
    }
    let file = format!("www/{name}.js");
    let path = root.join(&file);
    let text = fs::read_to_string(&path).ctx(|| format!("reading {file}"))?;
    let module = parse_module(&file, &text, name == ENTRY)?;
    stack.push(name.to_string());
    for import in &module.imports {
        if let Source::Page(dep) = &import.from {
            if !root.join(format!("www/{dep}.js")).is_file() {
                return Err(broke(
                    &file,
                    import.line,
                    format!("imports ./{dep}.js, which is not in www/"),
                ));
            }
            visit(root, dep, stack, done, order)?;
        }
    }
    stack.pop();
    order.push(name.to_string());
    done.insert(name.to_string(), module);
    Ok(())
}

/// The JS variable holding the exports of www/NAME.js.
fn mod_var(file: &str) -> String {
    let name = file.trim_start_matches("www/").trim_end_matches(".js");
    format!("{RESERVED}mod_{}", name.replace('-', "_"))
}

/// The inline module script: wasm bytes, glue, then every module in dependency order.
fn build_script(root: &Path, glue: &str, wasm: &[u8]) -> Result<String> {
    let (glue_body, glue_exports) = parse_glue(glue)?;
    let modules = load_modules(root)?;
    let exports_of: BTreeMap<&str, &[String]> = modules
        .iter()
        .map(|m| (m.file.as_str(), m.exports.as_slice()))
        .collect();
    let mut vars: BTreeMap<String, &str> = BTreeMap::new();
    for m in &modules {
        if let Some(other) = vars.insert(mod_var(&m.file), &m.file) {
            bail!(
                "{} and {other} map to the same name; rename one ({RULES})",
                m.file
            );
        }
    }

    let mut s = String::with_capacity(wasm.len() * 4 / 3 + glue.len() + 64 * 1024);
    s.push_str(&format!(
        "const {RESERVED}wasm_bytes = Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0));\n",
        base64::encode(wasm)
    ));
    s.push_str(&format!(
        "// www/pkg/rare_earth_wasm.js (wasm-bindgen glue)\nconst {RESERVED}glue = (() => {{\n"
    ));
    s.push_str(&glue_body);
    let pairs: Vec<String> = glue_exports
        .iter()
        .map(|(exported, local)| format!("{exported}: {local}"))
        .collect();
    s.push_str(&format!(
        "return Object.freeze({{ {} }});\n}})();\n",
        pairs.join(", ")
    ));

    for m in &modules {
        let name = m.file.trim_start_matches("www/").trim_end_matches(".js");
        let is_entry = name == ENTRY;
        s.push_str(&format!("// {}\n", m.file));
        if is_entry {
            s.push_str("await (async () => {\n");
        } else {
            s.push_str(&format!(
                "const {} = await (async () => {{\n",
                mod_var(&m.file)
            ));
        }
        if let Some((init, ns)) = &m.entry_names {
            s.push_str(&format!("const {ns} = {RESERVED}glue;\n"));
            s.push_str(&format!(
                "const {init} = async () => {RESERVED}glue.initSync({{ module: {RESERVED}wasm_bytes }});\n"
            ));
        }
        for import in &m.imports {
            let (var, available): (String, Vec<&str>) = match &import.from {
                Source::Glue => (
                    format!("{RESERVED}glue"),
                    glue_exports.iter().map(|(e, _)| e.as_str()).collect(),
                ),
                Source::Page(dep) => {
                    let dep_file = format!("www/{dep}.js");
                    let exports = exports_of.get(dep_file.as_str()).copied().unwrap_or(&[]);
                    (
                        mod_var(&dep_file),
                        exports.iter().map(String::as_str).collect(),
                    )
                }
            };
            let mut fields = Vec::new();
            for (exported, local) in &import.names {
                if !available.contains(&exported.as_str()) {
                    return Err(broke(
                        &m.file,
                        import.line,
                        format!("imports `{exported}`, which that module does not export"),
                    ));
                }
                fields.push(if exported == local {
                    exported.clone()
                } else {
                    format!("{exported}: {local}")
                });
            }
            if !fields.is_empty() {
                s.push_str(&format!("const {{ {} }} = {var};\n", fields.join(", ")));
            }
        }
        s.push_str(&m.body);
        if is_entry {
            s.push_str("})();\n");
        } else {
            s.push_str(&format!("return {{ {} }};\n}})();\n", m.exports.join(", ")));
        }
    }
    Ok(escape_script_end(&s))
}

/// `</script` inside the inlined JS would end the <script> element early; `<\/script` means the
/// same in a string, template or regular expression.
fn escape_script_end(js: &str) -> String {
    let lower = js.to_ascii_lowercase();
    let mut out = String::with_capacity(js.len());
    let mut last = 0;
    for (i, _) in lower.match_indices("</script") {
        out.push_str(&js[last..i]);
        out.push_str("<\\/");
        last = i + 2;
    }
    out.push_str(&js[last..]);
    out
}

// ---- HTML ----

/// One start tag found in the HTML, with its byte span and attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    start: usize,
    /// Just past the `>` of the start tag, or past the end tag for <script>, <style>.
    end: usize,
    attrs: Vec<(String, String)>,
    /// The text of a <script> or <style> element.
    content: String,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn rel_has(&self, word: &str) -> bool {
        self.attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)))
    }
}

fn line_of(html: &str, byte: usize) -> usize {
    html[..byte].matches('\n').count() + 1
}

/// Finds the start tags of an HTML document (skipping comments and the bodies of script and
/// style elements). Not a full HTML parser: enough for a hand-written page.
fn scan_tags(html: &str) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        if html[start..].starts_with("<!--") {
            let Some(end) = html[start + 4..].find("-->") else {
                return Err(broke(
                    "index.html",
                    line_of(html, start),
                    "unterminated comment",
                ));
            };
            i = start + 4 + end + 3;
            continue;
        }
        let name_len = html[start + 1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(html.len() - start - 1);
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[start + 1..start + 1 + name_len].to_ascii_lowercase();
        let mut j = start + 1 + name_len;
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                None => {
                    return Err(broke(
                        "index.html",
                        line_of(html, start),
                        "unterminated tag",
                    ))
                }
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b'/') => {
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let name_end = html[j..]
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |k| j + k);
            let attr = html[j..name_end].to_ascii_lowercase();
            j = name_end;
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(close) = html[j + 1..].find(q as char) else {
                            return Err(broke(
                                "index.html",
                                line_of(html, start),
                                "unterminated attribute",
                            ));
                        };
                        value = html[j + 1..j + 1 + close].to_string();
                        j += close + 2;
                    }
                    _ => {
                        let end = html[j..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(html.len(), |k| j + k);
                        value = html[j..end].to_string();
                        j = end;
                    }
                }
            }
            attrs.push((attr, value.replace("&amp;", "&")));
        }
        let mut content = String::new();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let Some(k) = html[j..].to_ascii_lowercase().find(&close) else {
                return Err(broke(
                    "index.html",
                    line_of(html, start),
                    format!("no {close}>"),
                ));
            };
            content = html[j..j + k].to_string();
            let Some(gt) = html[j + k..].find('>') else {
                return Err(broke(
                    "index.html",
                    line_of(html, start),
                    format!("no {close}>"),
                ));
            };
            j = j + k + gt + 1;
        }
        tags.push(Tag {
            name,
            start,
            end: j,
            attrs,
            content,
        });
        i = j;
    }
    Ok(tags)
}

/// True for a URL that names a file next to the page (which a single file cannot reach).
fn is_local(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    !(u.is_empty()
        || u.starts_with('#')
        || u.starts_with("//")
        || [
            "http:",
            "https:",
            "data:",
            "blob:",
            "mailto:",
            "javascript:",
        ]
        .iter()
        .any(|scheme| u.starts_with(scheme)))
}

/// Reads a file named by a relative URL in index.html, refusing paths outside the repo.
fn read_local(root: &Path, url: &str, line: usize) -> Result<Vec<u8>> {
    let path = url.trim().trim_start_matches("./");
    let path = path.split(['?', '#']).next().unwrap_or("");
    if path.starts_with('/') || path.split('/').any(|seg| seg == "..") {
        return Err(broke(
            "index.html",
            line,
            format!("`{url}` must be a relative path inside the repo"),
        ));
    }
    fs::read(root.join(path))
        .map_err(|e| broke("index.html", line, format!("cannot read `{url}`: {e}")))
}

fn mime_of(url: &str) -> &'static str {
    match url
        .rsplit('.')
        .next()
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn check_css(file: &str, css: &str) -> Result {
    for (idx, line) in css.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        if lower.contains("@import") {
            return Err(broke(file, idx + 1, "`@import` cannot be inlined"));
        }
        if lower.contains("</style") {
            return Err(broke(
                file,
                idx + 1,
                "`</style` would end the inlined <style>",
            ));
        }
        for (i, _) in lower.match_indices("url(") {
            let arg = lower[i + 4..].trim_start().trim_start_matches(['"', '\'']);
            if is_local(arg) {
                return Err(broke(
                    file,
                    idx + 1,
                    "relative `url(...)` cannot be inlined; use a data: URL",
                ));
            }
        }
    }
    Ok(())
}

const ICON: &str = "<link rel=\"icon\" href=\"data:,\">";

/// Inserts `<link rel="icon" href="data:,">` before `</head>` when the page has no icon (else
/// the browser asks for /favicon.ico and logs a 404).
pub fn with_icon(html: &str) -> Result<String> {
    if scan_tags(html)?
        .iter()
        .any(|t| t.name == "link" && t.rel_has("icon"))
    {
        return Ok(html.to_string());
    }
    let Some(head_end) = html.to_ascii_lowercase().find("</head>") else {
        bail!("no </head> to put the icon link before ({RULES})");
    };
    Ok(format!(
        "{}{ICON}\n{}",
        &html[..head_end],
        &html[head_end..]
    ))
}

/// Builds the single self-contained page from the repo at `root`, the glue text and wasm bytes.
pub fn single_file(root: &Path, glue: &str, wasm: &[u8]) -> Result<String> {
    let html = fs::read_to_string(root.join("index.html")).ctx(|| "reading index.html".into())?;
    let html = with_icon(&html)?;
    let mut out = String::with_capacity(html.len() + wasm.len() * 2);
    let mut last = 0;
    let mut entry_found = false;
    for tag in scan_tags(&html)? {
        let line = line_of(&html, tag.start);
        let replacement: Option<String> = match tag.name.as_str() {
            "script" => match tag.attr("src") {
                Some(src) if !is_local(src) => None,
                Some(src) => {
                    let src = src.trim().trim_start_matches("./");
                    if src != "www/main.js" || tag.attr("type") != Some("module") || entry_found {
                        return Err(broke(
                            "index.html",
                            line,
                            "the only local script must be <script type=\"module\" src=\"www/main.js\">",
                        ));
                    }
                    entry_found = true;
                    Some(format!(
                        "<script type=\"module\">\n{}</script>",
                        build_script(root, glue, wasm)?
                    ))
                }
                None if has_word_then(&tag.content, "import", " ")
                    || has_word_then(&tag.content, "import", "{")
                    || has_word_then(&tag.content, "import", "(") =>
                {
                    return Err(broke(
                        "index.html",
                        line,
                        "inline scripts must not import modules",
                    ));
                }
                None => None,
            },
            "link" => {
                let href = tag.attr("href").unwrap_or("");
                if !is_local(href) {
                    None
                } else if tag.rel_has("stylesheet") {
                    let bytes = read_local(root, href, line)?;
                    let css = String::from_utf8(bytes)
                        .map_err(|_| broke("index.html", line, format!("`{href}` is not UTF-8")))?;
                    check_css(href, &css)?;
                    Some(format!("<style>\n{css}</style>"))
                } else if tag.rel_has("icon") {
                    let bytes = read_local(root, href, line)?;
                    Some(format!(
                        "<link rel=\"icon\" href=\"data:{};base64,{}\">",
                        mime_of(href),
                        base64::encode(&bytes)
                    ))
                } else if tag.rel_has("modulepreload") || tag.rel_has("preload") {
                    Some(String::new())
                } else {
                    return Err(broke(
                        "index.html",
                        line,
                        format!("<link href=\"{href}\"> names a local file"),
                    ));
                }
            }
            _ => {
                for attr in ["src", "srcset"] {
                    if let Some(v) = tag.attr(attr).filter(|v| is_local(v)) {
                        return Err(broke(
                            "index.html",
                            line,
                            format!(
                                "<{} {attr}=\"{v}\"> names a local file; use a data: URL",
                                tag.name
                            ),
                        ));
                    }
                }
                None
            }
        };
        if let Some(r) = replacement {
            out.push_str(&html[last..tag.start]);
            out.push_str(&r);
            last = tag.end;
        }
    }
    out.push_str(&html[last..]);
    if !entry_found {
        bail!("index.html has no <script type=\"module\" src=\"www/main.js\"> ({RULES})");
    }
    Ok(out)
}

/// The text of the first inline `<script type="module">` of a page (for a syntax check).
pub fn module_script_of(html: &str) -> Option<String> {
    scan_tags(html)
        .ok()?
        .into_iter()
        .find(|t| t.name == "script" && t.attr("type") == Some("module") && t.attr("src").is_none())
        .map(|t| t.content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const GLUE: &str = "/* @ts-self-types=\"./rare_earth_wasm.d.ts\" */\n\
        export function project(s) { return wasm.project(s); }\n\
        export function version() { return '1'; }\n\
        let wasm;\n\
        function initSync(module) { return wasm; }\n\
        async function __wbg_init(p) { p = new URL('x.wasm', import.meta.url); }\n\
        export { initSync, __wbg_init as default };\n";

    /// A scratch page directory with index.html and www/ files.
    fn page(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-inline-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        dir
    }

    const INDEX: &str = "<!doctype html>\n<html><head>\n<!-- <script src=\"x.js\"></script> -->\n\
        <link rel=\"stylesheet\" href=\"www/style.css\">\n</head>\n<body>\n\
        <script type=\"module\" src=\"www/main.js\"></script>\n</body></html>\n";

    fn good_page(name: &str) -> PathBuf {
        page(
            name,
            &[
                ("index.html", INDEX),
                ("www/style.css", "body { color: #222; }\n"),
                (
                    "www/main.js",
                    "// entry\nimport init, * as wasm from './pkg/rare_earth_wasm.js';\n\
                     import { render, LABEL as label } from './view.js';\n\
                     await init();\nrender(wasm.project(undefined), label);\n",
                ),
                (
                    "www/view.js",
                    "import { format } from './format.js';\nimport { version } from './pkg/rare_earth_wasm.js';\n\
                     export const LABEL = 'v' + version();\nexport function render(p, l) { \
                     document.body.textContent = format(p) + l + '</script>'; }\n",
                ),
                ("www/format.js", "export function format(p) { return String(p); }\n"),
                ("www/unused.js", "this file is not imported and not valid JS\n"),
            ],
        )
    }

    #[test]
    fn inlines_a_page_that_keeps_the_conventions() {
        let root = good_page("good");
        let html = single_file(&root, GLUE, b"\0asm\x01\0\0\0").unwrap();
        assert!(html.contains("<style>\nbody { color: #222; }\n</style>"));
        assert!(html.contains(ICON));
        assert!(!html.contains("src=\"www/main.js\""));
        assert!(!html.contains("stylesheet"));
        assert!(html.contains("<!-- <script src=\"x.js\"></script> -->"));
        let script = module_script_of(&html).unwrap();
        assert!(script.contains("atob(\"AGFzbQEAAAA=\")"));
        assert!(script.contains("return Object.freeze({ project: project, version: version, initSync: initSync, default: __wbg_init });"));
        // Dependencies first, each once; the unimported file is left out.
        let f = script.find("const __re_mod_format").unwrap();
        let v = script.find("const __re_mod_view").unwrap();
        let m = script.find("// www/main.js").unwrap();
        assert!(f < v && v < m);
        assert!(!script.contains("not valid JS"));
        assert!(script.contains("const { format } = __re_mod_format;"));
        assert!(script.contains("const { version } = __re_glue;"));
        assert!(script.contains("const { render, LABEL: label } = __re_mod_view;"));
        assert!(script.contains("const wasm = __re_glue;"));
        assert!(script
            .contains("const init = async () => __re_glue.initSync({ module: __re_wasm_bytes });"));
        assert!(script.contains("return { LABEL, render };"));
        assert!(script.contains("'<\\/script>'"));
        assert!(!script.contains("\nexport "));
        assert!(!script.contains("\nimport "));
    }

    const MAIN_HEAD: &str =
        "import init, * as wasm from './pkg/rare_earth_wasm.js';\nawait init();\n";
    const IMPORT_A: &str = "import { a } from './a.js';\n";

    /// Inlines a page with this main.js and other www/ files; the error must contain `want`.
    #[track_caller]
    fn check_error(main: &str, others: &[(&str, &str)], want: &str) {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut files = vec![
            ("index.html", INDEX),
            ("www/style.css", ""),
            ("www/main.js", main),
        ];
        files.extend_from_slice(others);
        let root = page(&format!("bad{n}"), &files);
        let got = single_file(&root, GLUE, b"").unwrap_err().0;
        assert!(got.contains(want), "want `{want}` in: {got}");
        assert!(
            got.contains("xtask/src/inline.rs"),
            "the error must point at the rules: {got}"
        );
    }

    /// Like `check_error`, with main.js = MAIN_HEAD + `main_rest`.
    #[track_caller]
    fn check_main_error(main_rest: &str, others: &[(&str, &str)], want: &str) {
        check_error(&format!("{MAIN_HEAD}{main_rest}"), others, want);
    }

    #[test]
    fn rejects_imports_that_break_the_conventions() {
        let one_line = "www/main.js:3: imports must be one line";
        check_main_error("import {\n  a } from './a.js';\n", &[], one_line);
        check_main_error("import a from './a.js';\n", &[], one_line);
        check_main_error("import './a.js';\n", &[], one_line);
        check_main_error("import { a } from './lib/a.js';\n", &[], one_line);
        check_main_error("import { a } from 'https://x.org/a.js';\n", &[], one_line);
        check_main_error(
            "  import { a } from './a.js';\n",
            &[],
            "www/main.js:3: imports must start",
        );
        check_main_error(
            "const m = await import('./a.js');\n",
            &[],
            "www/main.js:3: dynamic",
        );
        check_main_error(
            "const u = import.meta.url;\n",
            &[],
            "www/main.js:3: dynamic",
        );
        check_main_error(
            IMPORT_A,
            &[],
            "www/main.js:3: imports ./a.js, which is not in www/",
        );
        let a = ("www/a.js", "export const a = 1;\n");
        check_main_error(
            "import { b } from './a.js';\n",
            &[a],
            "imports `b`, which that module",
        );
        check_main_error(
            "import { nope } from './pkg/rare_earth_wasm.js';\n",
            &[],
            "`nope`",
        );
        let a = (
            "www/a.js",
            "import { b } from './b.js';\nexport const a = 1;\n",
        );
        let b = (
            "www/b.js",
            "import { a } from './a.js';\nexport const b = 1;\n",
        );
        check_main_error(IMPORT_A, &[a, b], "import cycle: a.js -> b.js -> a.js");
    }

    #[test]
    fn rejects_exports_that_break_the_conventions() {
        let must_be = "www/a.js:1: exports must be";
        check_main_error(IMPORT_A, &[("www/a.js", "export let a = 1;\n")], must_be);
        check_main_error(IMPORT_A, &[("www/a.js", "export default 1;\n")], must_be);
        check_main_error(IMPORT_A, &[("www/a.js", "export { a };\n")], must_be);
        check_main_error(
            IMPORT_A,
            &[("www/a.js", "export * from './b.js';\n")],
            must_be,
        );
        check_main_error(
            IMPORT_A,
            &[("www/a.js", "export const { a } = o;\n")],
            must_be,
        );
        let indented = ("www/a.js", "  export const a = 1;\n");
        check_main_error(
            IMPORT_A,
            &[indented],
            "www/a.js:1: exports must start at column 0",
        );
    }

    #[test]
    fn rejects_entries_that_break_the_conventions() {
        let named_only = "import { project } from './pkg/rare_earth_wasm.js';\n";
        check_error(named_only, &[], "the entry must have `import init");
        check_main_error("await init();\n", &[], "exactly once, found 2");
        let not_awaited = "import go, * as w from './pkg/rare_earth_wasm.js';\ngo().then(f);\n";
        check_error(not_awaited, &[], "www/main.js:2: `go(...)` must be awaited");
        let a = (
            "www/a.js",
            "import x, * as w from './pkg/rare_earth_wasm.js';\nexport const a = 1;\n",
        );
        check_main_error(IMPORT_A, &[a], "only www/main.js may import");
        check_main_error("const __re_glue = 1;\n", &[], "reserved");
        check_main_error("const s = '<!--';\n", &[], "`<!--`");
    }

    #[test]
    fn rejects_html_and_css_that_reference_local_files() {
        let main = ("www/main.js", MAIN_HEAD);
        let root = page("img", &[("index.html", "<html><head></head><body><img src=\"www/logo.png\"><script type=module src=www/main.js></script></body></html>"), main]);
        assert!(single_file(&root, GLUE, b"")
            .unwrap_err()
            .0
            .contains("<img src=\"www/logo.png\"> names a local file"));
        let root = page(
            "script",
            &[
                (
                    "index.html",
                    "<html><head><script src=\"www/other.js\"></script></head></html>",
                ),
                main,
            ],
        );
        assert!(single_file(&root, GLUE, b"")
            .unwrap_err()
            .0
            .contains("the only local script"));
        let root = page(
            "noentry",
            &[("index.html", "<html><head></head></html>"), main],
        );
        assert!(single_file(&root, GLUE, b"")
            .unwrap_err()
            .0
            .contains("has no <script"));
        let root = page(
            "css",
            &[
                ("index.html", INDEX),
                ("www/style.css", "a { background: url(bg.png) }"),
                main,
            ],
        );
        assert!(single_file(&root, GLUE, b"")
            .unwrap_err()
            .0
            .contains("www/style.css:1: relative `url(...)`"));
        let root = page(
            "escape",
            &[
                (
                    "index.html",
                    "<html><head><link rel=stylesheet href=\"../secret.css\"></head></html>",
                ),
                main,
            ],
        );
        assert!(single_file(&root, GLUE, b"")
            .unwrap_err()
            .0
            .contains("must be a relative path inside the repo"));
    }

    #[test]
    fn embeds_a_local_icon_and_keeps_external_links() {
        let root = page(
            "icon",
            &[
                ("index.html", "<html><head><link rel='icon' href='www/i.svg'><link rel=\"stylesheet\" href=\"https://example.org/x.css\"></head><body><a href=\"docs/x.md\">x</a><script type=\"module\" src=\"./www/main.js\"></script></body></html>"),
                ("www/i.svg", "<svg/>"),
                ("www/main.js", MAIN_HEAD),
            ],
        );
        let html = single_file(&root, GLUE, b"").unwrap();
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,PHN2Zy8+\">"));
        assert!(html.contains("href=\"https://example.org/x.css\""));
        assert!(html.contains("<a href=\"docs/x.md\">"));
        assert!(!html.contains(ICON));
    }

    #[test]
    fn adds_an_icon_only_when_missing() {
        let with = with_icon("<html><HEAD><title>x</title></HEAD></html>").unwrap();
        assert_eq!(
            with,
            format!("<html><HEAD><title>x</title>{ICON}\n</HEAD></html>")
        );
        assert_eq!(with_icon(&with).unwrap(), with);
        assert!(with_icon("<p>no head</p>").is_err());
    }

    #[test]
    fn parses_glue_exports() {
        let (body, exports) = parse_glue(GLUE).unwrap();
        assert!(body.contains("\nfunction project(s)"));
        assert!(!body.contains("export"));
        assert_eq!(
            exports.last().unwrap(),
            &("default".to_string(), "__wbg_init".to_string())
        );
        assert!(parse_glue("import * as x from './snippets/a.js';\n").is_err());
        assert!(parse_glue("export function f() {}\n")
            .unwrap_err()
            .0
            .contains("initSync"));
    }
}
