//! JSON request bodies through axum's own [`Json`] extractor, its rejections mapped into the
//! API's error: 415 without a JSON content type, 413 over the body limit, 400 for anything
//! that does not parse into the expected type (unknown fields and too-deep nesting included),
//! and for a body that is not a JSON object: serde would otherwise read a struct from an array
//! by position, so `[null, null]` passed as an empty edit.

use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::Json;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::extract::BodyLimit;

/// How much of an oversized body is read (and dropped) before answering 413: a client still
/// sending a moderately oversized body then receives the 413, instead of a connection reset
/// that loses it.
pub const DRAIN_BYTES: usize = 1024 * 1024;

/// A JSON body: `axum::Json`, within the configured limit, failing with [`ApiError`].
pub struct AppJson<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            other => ApiError::BadRequest(other.body_text()),
        }
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let limit = req
            .extensions()
            .get::<BodyLimit>()
            .map_or(64 * 1024, |l| l.0);
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, limit.max(DRAIN_BYTES))
            .await
            .map_err(|e| {
                if e.into_inner().is::<http_body_util::LengthLimitError>() {
                    ApiError::PayloadTooLarge(limit)
                } else {
                    ApiError::BadRequest("cannot read the request body".into())
                }
            })?;
        if bytes.len() > limit {
            return Err(ApiError::PayloadTooLarge(limit));
        }
        // axum's `Json` checks the content type and parses.
        let Json(value) =
            Json::<T>::from_request(Request::from_parts(parts, Body::from(bytes.clone())), state)
                .await?;
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::BadRequest(
                "the request body must be a JSON object".into(),
            ));
        }
        Ok(AppJson(value))
    }
}
