//! Request extractors whose failures are JSON errors in our shape: the caller's address (the TCP peer, or with `STITCHFORK_TRUST_PROXY` the
//! rightmost `X-Forwarded-For` entry), visitor identity, bearer key and preferred language.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use stitchfork_model::Lang;

use crate::app::SharedState;
use crate::error::ApiError;
use crate::keys::hash_secret;

/// The configured body limit, put in request extensions by the router (read by
/// [`crate::api::json::AppJson`]).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The client's address, which rate limits are keyed by: the TCP peer (unspecified when
/// served without connect info), or, when the settings trust a proxy, the address that
/// proxy appended to `X-Forwarded-For`.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<SharedState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let forwarded = state
            .settings
            .trust_proxy
            .then(|| rightmost_forwarded_for(&parts.headers))
            .flatten();
        Ok(ClientIp(forwarded.unwrap_or(peer)))
    }
}

/// The last address of the last `X-Forwarded-For` header. Only the rightmost entry is
/// trustworthy: it is the one our proxy appended; anything left of it the client may have
/// sent itself. Entries may carry a port (`1.2.3.4:5678`, `[::1]:80`). None when absent or
/// unreadable (the caller then falls back to the peer).
pub fn rightmost_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = last.to_str().ok()?.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .and_then(|e| e.parse().ok())
        })
}

/// Who is liking: the `X-Visitor-Id` header the app keeps in localStorage (8..=64 chars of
/// `[A-Za-z0-9_-]`), else the client address. Stored only hashed.
#[derive(Debug, Clone)]
pub struct Visitor(pub String);

impl FromRequestParts<SharedState> for Visitor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let header_id = parts
            .headers
            .get("x-visitor-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| {
                (8..=64).contains(&v.len())
                    && v.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        let raw = match header_id {
            Some(id) => format!("v:{id}"),
            None => format!("ip:{}", ClientIp::from_request_parts(parts, state).await?.0),
        };
        Ok(Visitor(hash_secret(&raw)))
    }
}

/// The `Authorization: Bearer <key>` value, if any.
#[derive(Debug, Clone)]
pub struct Bearer(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(Bearer(
            parts
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    let (scheme, key) = v.trim().split_once(' ')?;
                    scheme
                        .eq_ignore_ascii_case("bearer")
                        .then(|| key.trim().to_string())
                })
                .filter(|k| !k.is_empty()),
        ))
    }
}

/// Language for human messages: `?lang=` wins, then `Accept-Language`, then English.
#[derive(Debug, Clone, Copy)]
pub struct PreferredLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PreferredLang {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let from_query = parts.uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.strip_prefix("lang="))
                .find_map(Lang::from_tag)
        });
        let from_header = || {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.split(',')
                        .filter_map(|t| t.split(';').next())
                        .find_map(Lang::from_tag)
                })
        };
        Ok(PreferredLang(
            from_query.or_else(from_header).unwrap_or(Lang::En),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().expect("header value"));
        }
        h
    }

    #[test]
    fn forwarded_for_takes_the_rightmost_entry() {
        let ip = |s: &str| s.parse::<IpAddr>().ok();
        assert_eq!(rightmost_forwarded_for(&headers(&[])), None);
        assert_eq!(
            rightmost_forwarded_for(&headers(&["1.2.3.4"])),
            ip("1.2.3.4")
        );
        assert_eq!(
            rightmost_forwarded_for(&headers(&["6.6.6.6, 10.0.0.1 "])),
            ip("10.0.0.1")
        );
        assert_eq!(
            rightmost_forwarded_for(&headers(&["6.6.6.6", "5.5.5.5, 2001:db8::1"])),
            ip("2001:db8::1")
        );
        assert_eq!(
            rightmost_forwarded_for(&headers(&["1.2.3.4:5678"])),
            ip("1.2.3.4")
        );
        assert_eq!(rightmost_forwarded_for(&headers(&["[::1]:80"])), ip("::1"));
        assert_eq!(rightmost_forwarded_for(&headers(&["[::1]"])), ip("::1"));
        assert_eq!(
            rightmost_forwarded_for(&headers(&["1.2.3.4, unknown"])),
            None
        );
    }
}
