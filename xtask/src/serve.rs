//! `cargo xtask serve`: a small static file server for the repo root on 127.0.0.1, with the MIME
//! types browsers insist on for modules and wasm (`instantiateStreaming` needs application/wasm).
//! One thread per connection; it is a development server, not a production one.

use crate::{repo_root, wasm, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn run(port: u16) -> Result {
    wasm::build()?;
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("port {port} is not available ({e}); using a free port");
            TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?
        }
    };
    let port = listener.local_addr().map_err(|e| format!("{e}"))?.port();
    let root = repo_root();
    println!(
        "serving {} at http://127.0.0.1:{port}/  (Ctrl-C to stop)",
        root.display()
    );
    serve_on(listener, root);
    Ok(())
}

/// Accepts connections forever, answering each on its own thread.
pub fn serve_on(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            if let Err(e) = answer(stream, &root) {
                eprintln!("connection error: {e}");
            }
        });
    }
}

pub fn mime_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[derive(Debug, PartialEq)]
pub enum Resolved {
    File(PathBuf),
    /// 400: malformed, or an attempt to leave the root or read a dotfile (.git, .cargo).
    Bad,
    NotFound,
}

/// Maps a request target (`/www/main.js?x=1`) to a file under `root`.
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = percent_decode(path) else {
        return Resolved::Bad;
    };
    let Some(rel) = path.strip_prefix('/') else {
        return Resolved::Bad;
    };
    let mut file = root.to_path_buf();
    for seg in rel.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') || seg.contains('\\') || seg.contains('\0') {
            return Resolved::Bad;
        }
        file.push(seg);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    // Symlinks must not lead outside the root either.
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) && real.is_file() => {
            Resolved::File(file)
        }
        (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => Resolved::Bad,
        _ => Resolved::NotFound,
    }
}

fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (status, content_type, body) = match (method, resolve(root, target)) {
        ("GET" | "HEAD", Resolved::File(path)) => match std::fs::read(&path) {
            Ok(bytes) => ("200 OK", mime_type(&path), bytes),
            Err(_) => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
        },
        ("GET" | "HEAD", Resolved::NotFound) => {
            ("404 Not Found", "text/plain", b"not found\n".to_vec())
        }
        ("GET" | "HEAD", Resolved::Bad) => {
            ("400 Bad Request", "text/plain", b"bad request\n".to_vec())
        }
        _ => (
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n".to_vec(),
        ),
    };
    eprintln!("{} {} -> {}", method, target, &status[..3]);
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        out.write_all(&body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn scratch_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/www/pkg")).unwrap();
        std::fs::create_dir_all(dir.join("site/.git")).unwrap();
        std::fs::write(dir.join("site/index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("site/www/pkg/a.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("site/.git/config"), "secret").unwrap();
        std::fs::write(dir.join("outside.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn resolves_paths_inside_the_root_only() {
        let dir = scratch_root("resolve");
        let root = dir.join("site");
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/index.html?preset=us_push#x"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/www/pkg/a%2Ewasm"),
            Resolved::File(root.join("www/pkg/a.wasm"))
        );
        assert_eq!(resolve(&root, "/../outside.txt"), Resolved::Bad);
        assert_eq!(
            resolve(&root, "/www/%2E%2E/%2E%2E/outside.txt"),
            Resolved::Bad
        );
        assert_eq!(resolve(&root, "/.git/config"), Resolved::Bad);
        assert_eq!(resolve(&root, "/www/..%5C..%5Coutside.txt"), Resolved::Bad);
        assert_eq!(resolve(&root, "/missing.js"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/%zz"), Resolved::Bad);
        assert_eq!(resolve(&root, "index.html"), Resolved::Bad);
    }

    #[test]
    fn names_the_types_browsers_check() {
        assert_eq!(mime_type(Path::new("a/x.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("main.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("m.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("s.CSS")), "text/css; charset=utf-8");
        assert_eq!(mime_type(Path::new("i.svg")), "image/svg+xml");
        assert_eq!(mime_type(Path::new("d.json")), "application/json");
        assert_eq!(
            mime_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }

    fn get(port: u16, request: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn answers_over_http() {
        let dir = scratch_root("http");
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || serve_on(listener, dir.join("site")));
        let ok = get(port, "GET /www/pkg/a.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("Content-Type: application/wasm\r\n"));
        assert!(ok.ends_with("\r\n\r\n\0asm"));
        let head = get(port, "HEAD / HTTP/1.1\r\n\r\n");
        assert!(
            head.contains("Content-Length: 15\r\n") && head.ends_with("\r\n\r\n"),
            "{head}"
        );
        assert!(get(port, "GET /nope HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(get(port, "GET /../outside.txt HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400"));
        assert!(get(port, "POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
    }
}
