//! The one conditional-request path: strong ETags for representations, `If-None-Match` (304)
//! on reads and `If-Match` (412) on writes, parsed by the `headers` crate.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use headers::{ETag, HeaderMapExt, IfMatch, IfNoneMatch};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// A strong ETag for a representation: quoted, truncated SHA-256 of its bytes.
pub fn etag_of(bytes: &[u8]) -> ETag {
    tag(&hex::encode(Sha256::digest(bytes))[..24])
}

/// A strong ETag from an opaque value (letters, digits and dashes; anything else is
/// dropped, so the tag always parses).
pub fn tag(opaque: &str) -> ETag {
    let clean: String = opaque
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    // A quoted run of those characters is always a valid entity tag.
    format!("\"{clean}\"")
        .parse()
        .unwrap_or_else(|_| unreachable!("a quoted token is an ETag"))
}

/// The request's preconditions. An unreadable `If-None-Match` is ignored (the client gets the
/// full answer); an unreadable `If-Match` holds for no version (412), so a write never goes
/// ahead on a condition the server could not read.
#[derive(Debug, Clone, Default)]
pub struct Conditions {
    if_none_match: Option<IfNoneMatch>,
    if_match: Option<Option<IfMatch>>,
}

impl<S: Send + Sync> FromRequestParts<S> for Conditions {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let h = &parts.headers;
        Ok(Conditions {
            if_none_match: h.typed_get(),
            if_match: h.contains_key(header::IF_MATCH).then(|| h.typed_get()),
        })
    }
}

impl Conditions {
    /// Whether the client's copy (`If-None-Match`, weak comparison) is `etag`: answer 304.
    pub fn client_has(&self, etag: &ETag) -> bool {
        self.if_none_match
            .as_ref()
            .is_some_and(|inm| !inm.precondition_passes(etag))
    }

    /// 412 unless `If-Match` is absent or names `etag` (strong comparison) or `*`.
    pub fn check_write(&self, etag: &ETag) -> ApiResult<()> {
        match &self.if_match {
            None => Ok(()),
            Some(Some(im)) if im.precondition_passes(etag) => Ok(()),
            Some(_) => Err(ApiError::PreconditionFailed),
        }
    }

    /// `body` with its ETag and `Cache-Control`, or an empty 304 when the client has it.
    pub fn respond(
        &self,
        etag: ETag,
        cache_control: &'static str,
        body: impl IntoResponse,
    ) -> Response {
        let mut res = if self.client_has(&etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            body.into_response()
        };
        res.headers_mut().typed_insert(etag);
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn conditions(name: header::HeaderName, value: &str) -> Conditions {
        let mut h = HeaderMap::new();
        h.insert(name.clone(), HeaderValue::from_str(value).expect("value"));
        Conditions {
            if_none_match: h.typed_get(),
            if_match: h.contains_key(header::IF_MATCH).then(|| h.typed_get()),
        }
    }

    #[test]
    fn if_none_match_compares_weakly_and_if_match_strongly() {
        let etag = etag_of(b"x");
        let mut h = HeaderMap::new();
        h.typed_insert(etag.clone());
        let quoted = h[header::ETAG].to_str().expect("ascii").to_string();
        let weak = format!("W/{quoted}");
        assert!(conditions(header::IF_NONE_MATCH, &quoted).client_has(&etag));
        assert!(conditions(header::IF_NONE_MATCH, &weak).client_has(&etag));
        assert!(conditions(header::IF_NONE_MATCH, &format!("\"a\", {quoted}")).client_has(&etag));
        assert!(conditions(header::IF_NONE_MATCH, "*").client_has(&etag));
        assert!(!conditions(header::IF_NONE_MATCH, "\"other\"").client_has(&etag));
        assert!(!conditions(header::IF_NONE_MATCH, "garbage").client_has(&etag));
        assert!(Conditions::default().check_write(&etag).is_ok());
        assert!(conditions(header::IF_MATCH, &quoted)
            .check_write(&etag)
            .is_ok());
        assert!(conditions(header::IF_MATCH, "*").check_write(&etag).is_ok());
        assert!(conditions(header::IF_MATCH, &weak)
            .check_write(&etag)
            .is_err());
        assert!(conditions(header::IF_MATCH, "\"other\"")
            .check_write(&etag)
            .is_err());
        assert!(conditions(header::IF_MATCH, "garbage")
            .check_write(&etag)
            .is_err());
    }
}
