//! Stitchfork's domain, written once and compiled both natively (server) and to wasm32 (browser).
//!
//! The price the browser shows, the validation the server enforces and the SVG the gallery serves
//! all come from the functions here.

pub mod catalog;
pub mod config;
pub mod diff;
pub mod geometry;
mod hash;
mod lang;
mod messages;
pub mod pricing;
mod problem;
pub mod render;
pub mod rules;
pub mod validate;

pub use catalog::Catalog;
pub use config::Configuration;
pub use diff::Change;
pub use lang::Lang;
pub use pricing::{LineItem, Quote};
pub use problem::Problem;
pub use rules::Availability;
