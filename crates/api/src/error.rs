//! The error envelope every failure is answered with: `{"error": {"code", "message",
//! "fields"?}}`, so the app and embedders handle errors in one place.

use serde::{Deserialize, Serialize};

/// One field-level problem, e.g. from the domain's validation
/// (`path` = "config.parts.outer_front.colour").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    pub path: String,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    Internal,
    /// A code this client does not know yet (never sent by this server version).
    #[serde(other)]
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// Human-readable English message.
    pub message: String,
    /// Per-field problems (422 only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_are_read_as_other() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"teapot","message":"x"}}"#).expect("read");
        assert_eq!(body.error.code, ErrorCode::Other);
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"rate_limited","message":"x"}}"#)
                .expect("read");
        assert_eq!(body.error.code, ErrorCode::RateLimited);
    }
}
