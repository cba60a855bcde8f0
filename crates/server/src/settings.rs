//! Runtime settings of the API that are not CLI flags: limits and secrets from the environment.
//!
//! | variable | default | meaning |
//! | --- | --- | --- |
//! | `STITCHFORK_ADMIN_KEY` | unset (no admin) | bearer key that may hide/restore/edit any pattern |
//! | `STITCHFORK_PUBLISH_PER_MINUTE` | 20 | publishes per client address per minute (0 = unlimited) |
//! | `STITCHFORK_LIKE_PER_MINUTE` | 120 | like/unlike calls per client address per minute (0 = unlimited) |
//! | `STITCHFORK_FRAME_ANCESTORS` | unset (any site) | space-separated origins that may frame `/embed` |
//! | `STITCHFORK_READ_CACHE_MS` | 10000 | longest reuse of a gallery page or pattern read; a commit ends reuse at once (this process's, and on PostgreSQL every server's), so this only bounds what a second process on one SQLite file, or a lost notification, could leave stale (0 = no read cache) |
//! | `STITCHFORK_RETAILER_KEYS` | unset | space-separated `name=key` pairs: retailers who may register made items (the admin key may too) |
//! | `STITCHFORK_PUBLIC_URL` | unset (`http://` + the request's `Host`) | the site's address as the world sees it (`https://stitchfork.example`), for the absolute links of social cards |
//! | `STITCHFORK_TRUST_PROXY` | unset (off) | `1`: the client address is the rightmost `X-Forwarded-For` entry (only behind a proxy that sets it) |

/// Limits and secrets used by the handlers.
#[derive(Debug, Clone)]
pub struct Settings {
    pub admin_key: Option<String>,
    pub publish_per_minute: u32,
    pub like_per_minute: u32,
    /// Largest accepted request body in bytes.
    pub body_limit: usize,
    /// Origins allowed to frame `/embed`; empty means any site.
    pub frame_ancestors: Vec<String>,
    /// Take the client address from the rightmost `X-Forwarded-For` entry (what our own
    /// proxy appended) instead of the TCP peer, which behind a proxy is always the proxy.
    pub trust_proxy: bool,
    /// Longest reuse of a cached gallery page or pattern, in milliseconds (0 turns the cache off).
    pub read_cache_ms: u32,
    /// The site's public origin, without a trailing slash, for absolute URLs in social cards.
    pub public_url: Option<String>,
    /// Retailers who may register made items: (name, key).
    pub retailer_keys: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            admin_key: None,
            publish_per_minute: 20,
            like_per_minute: 120,
            body_limit: 64 * 1024,
            frame_ancestors: Vec::new(),
            trust_proxy: false,
            read_cache_ms: 10_000,
            public_url: None,
            retailer_keys: Vec::new(),
        }
    }
}

impl Settings {
    /// Defaults overridden by the environment (unparsable numbers keep the default, with a warning).
    pub fn from_env() -> Settings {
        let mut s = Settings::default();
        s.admin_key = std::env::var("STITCHFORK_ADMIN_KEY")
            .ok()
            .filter(|k| !k.trim().is_empty());
        s.publish_per_minute = env_u32("STITCHFORK_PUBLISH_PER_MINUTE", s.publish_per_minute);
        s.like_per_minute = env_u32("STITCHFORK_LIKE_PER_MINUTE", s.like_per_minute);
        if let Ok(v) = std::env::var("STITCHFORK_FRAME_ANCESTORS") {
            s.frame_ancestors = crate::csp::parse_frame_ancestors(&v).unwrap_or_else(|bad| {
                // Fail closed: a typo must not let every site frame the embed.
                tracing::error!("STITCHFORK_FRAME_ANCESTORS: {bad:?} is not an origin; only this site may frame /embed");
                vec!["'self'".to_string()]
            });
        }
        s.read_cache_ms = env_u32("STITCHFORK_READ_CACHE_MS", s.read_cache_ms);
        if let Ok(v) = std::env::var("STITCHFORK_RETAILER_KEYS") {
            s.retailer_keys = parse_retailer_keys(&v);
        }
        if let Ok(v) = std::env::var("STITCHFORK_PUBLIC_URL") {
            s.public_url = parse_public_url(&v);
            if s.public_url.is_none() && !v.trim().is_empty() {
                tracing::error!("STITCHFORK_PUBLIC_URL={v:?} is not an http(s) origin; ignored");
            }
        }
        s.trust_proxy = std::env::var("STITCHFORK_TRUST_PROXY")
            .is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"));
        s
    }
}

/// An `http(s)://host[:port][/path]` address without a trailing slash; anything else is none.
pub fn parse_public_url(value: &str) -> Option<String> {
    let url = value.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]/_~".contains(&b));
    ok.then(|| url.to_string())
}

/// `name=key` pairs separated by whitespace; a pair without a name or with a short key (under 16
/// characters) is left out with an error in the log.
pub fn parse_retailer_keys(value: &str) -> Vec<(String, String)> {
    value
        .split_whitespace()
        .filter_map(|pair| match pair.split_once('=') {
            Some((name, key)) if !name.is_empty() && key.len() >= 16 => {
                Some((name.to_string(), key.to_string()))
            }
            _ => {
                tracing::error!("STITCHFORK_RETAILER_KEYS: an entry is not name=key (key >= 16 characters); left out");
                None
            }
        })
        .collect()
}

fn env_u32(name: &str, default: u32) -> u32 {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| {
            tracing::warn!("{name}={v:?} is not a number; using {default}");
            default
        }),
        Err(_) => default,
    }
}
