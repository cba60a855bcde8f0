//! The Content-Security-Policy of the pages we serve, and who may frame them.
//!
//! Scripts: our own files, the inline scripts of the built HTML (Trunk's wasm bootstrap) by their
//! sha256 (the demo shop keeps its script in `shop.js` for this reason), and `'wasm-unsafe-eval'` so the browser may compile the wasm;
//! nothing else runs. Framing: `/embed` by the origins in `STITCHFORK_FRAME_ANCESTORS`
//! (space-separated; any site when unset), every other page only by ourselves, so nobody can
//! overlay the site's like or unpublish buttons.

use std::path::Path;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policies, computed once at start from the built HTML.
#[derive(Debug, Clone)]
pub struct Policy {
    embed: HeaderValue,
    site: HeaderValue,
}

impl Policy {
    /// Reads every `*.html` in `dist` for its inline scripts; `frame_ancestors` is the allow list
    /// for `/embed` (empty = any site).
    pub fn new(dist: &Path, frame_ancestors: &[String]) -> Policy {
        let mut hashes: Vec<String> = std::fs::read_dir(dist)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "html"))
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .flat_map(|html| {
                inline_scripts(&html)
                    .into_iter()
                    .map(script_hash)
                    .collect::<Vec<_>>()
            })
            .collect();
        hashes.sort();
        hashes.dedup();
        let ancestors = if frame_ancestors.is_empty() {
            "*".to_string()
        } else {
            frame_ancestors.join(" ")
        };
        Policy {
            embed: header_value(&policy(&hashes, &ancestors)),
            site: header_value(&policy(&hashes, "'self'")),
        }
    }

    fn for_path(&self, path: &str) -> &HeaderValue {
        if path == "/embed" || path.starts_with("/embed/") {
            &self.embed
        } else {
            &self.site
        }
    }
}

fn policy(script_hashes: &[String], frame_ancestors: &str) -> String {
    let scripts: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    // Styles: Leptos sets style attributes; inline styles cannot run code.
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

fn header_value(policy: &str) -> HeaderValue {
    // Built from our own ASCII text and origins validated at start.
    HeaderValue::from_str(policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The bodies of `<script>` elements without a `src` attribute. A body runs to the first
/// `</script` (as in HTML), so a script whose text mentions `<script` is still one script.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let tag = &rest[at + "<script".len()..];
        // `<scripts>` or `<script-x>` is another element.
        if !tag.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            rest = tag;
            continue;
        }
        let Some((attrs, after)) = tag.split_once('>') else {
            break;
        };
        let Some(end) = after.find("</script") else {
            break;
        };
        let body = &after[..end];
        if !attrs.contains("src=") && !body.trim().is_empty() {
            found.push(body);
        }
        rest = &after[end..];
    }
    found
}

fn script_hash(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Parses `STITCHFORK_FRAME_ANCESTORS`, refusing anything that is not a plain origin or `'self'`,
/// so a typo cannot widen or break the policy.
pub fn parse_frame_ancestors(value: &str) -> Result<Vec<String>, String> {
    value
        .split_whitespace()
        .map(|origin| {
            let ok = origin == "'self'"
                || ((origin.starts_with("https://") || origin.starts_with("http://"))
                    && origin
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:/*".contains(c)));
            if ok {
                Ok(origin.trim_end_matches('/').to_string())
            } else {
                Err(origin.to_string())
            }
        })
        .collect()
}

/// Middleware adding the policy to HTML responses.
pub async fn layer(policy: Arc<Policy>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if is_html {
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            policy.for_path(&path).clone(),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script><p>x</p><script>
go()</script>"#;
        assert_eq!(inline_scripts(html), vec!["init()", "\ngo()"]);
    }

    #[test]
    fn a_script_that_mentions_script_is_one_script() {
        let html = r#"<scripts>no</scripts><script>const t = '<script>'; go(t)</script><script>b()</script>"#;
        assert_eq!(
            inline_scripts(html),
            vec!["const t = '<script>'; go(t)", "b()"]
        );
    }

    #[test]
    fn hashes_like_browsers_do() {
        // echo -n "alert(1)" | openssl sha256 -binary | base64
        assert_eq!(
            script_hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn embed_and_site_frame_differently() {
        let dir = std::env::temp_dir();
        let open = Policy::new(&dir.join("no-such-dist"), &[]);
        let embed = open.for_path("/embed").to_str().unwrap_or_default();
        assert!(embed.ends_with("frame-ancestors *"));
        assert!(embed.contains("'wasm-unsafe-eval'"));
        let site = open.for_path("/p/abc").to_str().unwrap_or_default();
        assert!(site.ends_with("frame-ancestors 'self'"));

        let strict = Policy::new(&dir.join("no-such-dist"), &["https://shop.example".into()]);
        let embed = strict.for_path("/embed").to_str().unwrap_or_default();
        assert!(embed.ends_with("frame-ancestors https://shop.example"));
    }

    #[test]
    fn frame_ancestors_are_checked() {
        assert_eq!(
            parse_frame_ancestors("https://a.example http://b.example:8080/ 'self'"),
            Ok(vec![
                "https://a.example".to_string(),
                "http://b.example:8080".to_string(),
                "'self'".to_string()
            ])
        );
        assert_eq!(
            parse_frame_ancestors("https://a.example; script-src *"),
            Err("https://a.example;".to_string())
        );
    }
}
