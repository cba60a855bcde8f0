//! The error envelope every failure is answered with: `{"error": {"code", "message",
//! "fields"?}}`, so the app and embedders handle errors in one place.

use serde::{Deserialize, Serialize};

/// One field-level problem, e.g. from the domain's validation
/// (`path` = "config.parts.outer_front.colour").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    pub path: String,
    /// Not decoded by this crate (the app shows `message` at `path`); see `types`.
    #[serde(skip_deserializing)]
    pub code: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(path: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// Stable machine-readable error codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Invalid,
    RateLimited,
    StorageFull,
    /// A fork with exactly its parent's configuration (409): `pattern_id` names the parent.
    SameAsParent,
    Internal,
    /// A code this client does not know yet (never sent by this server version).
    #[default]
    Other,
}

impl ErrorCode {
    const ALL: [ErrorCode; 15] = [
        ErrorCode::BadRequest,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::PreconditionFailed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::Invalid,
        ErrorCode::RateLimited,
        ErrorCode::StorageFull,
        ErrorCode::SameAsParent,
        ErrorCode::Internal,
        ErrorCode::Other,
    ];

    /// The code's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PreconditionFailed => "precondition_failed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::Invalid => "invalid",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::StorageFull => "storage_full",
            ErrorCode::SameAsParent => "same_as_parent",
            ErrorCode::Internal => "internal",
            ErrorCode::Other => "other",
        }
    }
}

/// Read through a string and the name table: a derived enum decoder is a larger piece of the
/// app's wasm, and any unknown code becomes [`ErrorCode::Other`] instead of an error.
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Ok(ErrorCode::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
            .unwrap_or(ErrorCode::Other))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Not decoded by this crate (the app advises by status; see `types`); read it with
    /// [`ErrorCode`]'s own decoder where it matters.
    #[serde(skip_deserializing)]
    pub code: ErrorCode,
    /// Human-readable English message.
    pub message: String,
    /// Per-field problems (422 only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
    /// The pattern the error is about, when it names another one (`same_as_parent`: the
    /// parent). Not decoded by this crate: the app knows which parent it forked.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub pattern_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).expect("write");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).ok(), Some(code));
        }
    }

    #[test]
    fn unknown_codes_are_read_as_other() {
        let code: ErrorCode = serde_json::from_str(r#""teapot""#).expect("read");
        assert_eq!(code, ErrorCode::Other);
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":{"code":"rate_limited","message":"x","fields":[{"path":"a","code":"c","message":"m"}]}}"#,
        )
        .expect("read");
        assert_eq!(body.error.message, "x");
        assert_eq!(body.error.fields[0].path, "a");
    }
}
