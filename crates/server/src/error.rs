//! The one error type of the API, and how it becomes a JSON response.
//!
//! Every failure a client can see is shaped `{"error": {"code", "message", "fields"?}}`
//! (`stitchfork_api::error`) with the matching HTTP status, so the web app and embedders
//! handle errors in one place. Server errors are logged with their details; the client gets
//! a generic message.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
pub use stitchfork_api::error::{ErrorBody, ErrorCode, ErrorDetail, FieldProblem};

/// Everything an API handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("this needs an `Authorization: Bearer <key>` header")]
    Unauthorized,
    #[error("this key does not allow that")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("{0}")]
    Conflict(String),
    /// A fork that changes nothing: the parent's id, so the client can link to it.
    #[error("this fork is identical to its parent pattern; change something before publishing it")]
    SameAsParent(String),
    #[error("the resource changed since you read it (If-Match does not match)")]
    PreconditionFailed,
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("expected `Content-Type: application/json`")]
    UnsupportedMediaType,
    #[error("the request is not valid")]
    Invalid(Vec<FieldProblem>),
    #[error("too many requests, retry in {0} s")]
    RateLimited(u64),
    /// The database's disk is full: nothing was stored, retrying later can succeed.
    #[error("the server is out of storage space; nothing was stored, try again later")]
    StorageFull(#[source] sqlx::Error),
    #[error("storage error")]
    Database(#[source] sqlx::Error),
    /// Details for the log only; the client is told that something went wrong, not what.
    #[error("internal error: {0}")]
    Internal(String),
}

/// What a client is told of an internal error.
const INTERNAL_MESSAGE: &str = "an internal error stopped this request";

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) | ApiError::SameAsParent(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest(_) => ErrorCode::BadRequest,
            ApiError::Unauthorized => ErrorCode::Unauthorized,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            ApiError::Conflict(_) => ErrorCode::Conflict,
            ApiError::SameAsParent(_) => ErrorCode::SameAsParent,
            ApiError::PreconditionFailed => ErrorCode::PreconditionFailed,
            ApiError::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::Invalid(_) => ErrorCode::Invalid,
            ApiError::RateLimited(_) => ErrorCode::RateLimited,
            ApiError::StorageFull(_) => ErrorCode::StorageFull,
            ApiError::Database(_) | ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The message the client gets: internal details stay in the log.
    fn public_message(&self) -> String {
        match self {
            ApiError::Internal(_) => INTERNAL_MESSAGE.to_string(),
            other => other.to_string(),
        }
    }

    /// Shorthand for a 422 with a single field problem.
    pub fn invalid(path: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![FieldProblem::new(path, code, message)])
    }
}

/// `Retry-After` of a `storage_full` answer.
pub const STORAGE_FULL_RETRY_SECS: u64 = 60;

impl From<sqlx::Error> for ApiError {
    /// A full disk is the operator's problem and temporary, so it gets its own answer (507
    /// `storage_full`); every other storage failure is a 500.
    fn from(e: sqlx::Error) -> Self {
        if is_storage_full(&e) {
            ApiError::StorageFull(e)
        } else {
            ApiError::Database(e)
        }
    }
}

/// Whether the database refused a write because its disk is full: SQLite's `SQLITE_FULL`
/// (primary result code 13, the low byte of the extended code sqlx reports) or
/// PostgreSQL's `disk_full` (SQLSTATE 53100). The `Any` driver passes the native errors
/// through, so they can be told apart by type.
pub fn is_storage_full(e: &sqlx::Error) -> bool {
    use sqlx::error::DatabaseError;
    const SQLITE_FULL: i32 = 13;
    let Some(db) = e.as_database_error() else {
        return false;
    };
    if let Some(sqlite) = db.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
        return sqlite
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| c & 0xff == SQLITE_FULL);
    }
    if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        return pg.code() == "53100";
    }
    false
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            // Details stay in the log; the client gets a generic message.
            tracing::error!(error = ?self, "request failed");
        }
        let fields = match &self {
            ApiError::Invalid(problems) => problems.clone(),
            _ => Vec::new(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.public_message(),
                fields,
                pattern_id: match &self {
                    ApiError::SameAsParent(id) => Some(id.clone()),
                    _ => None,
                },
            },
        };
        let mut response = (status, axum::Json(body)).into_response();
        let retry_after = match self {
            ApiError::RateLimited(secs) => Some(secs.max(1)),
            // Space comes back when an operator frees it; a minute is a polite first retry.
            ApiError::StorageFull(_) => Some(STORAGE_FULL_RETRY_SECS),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
