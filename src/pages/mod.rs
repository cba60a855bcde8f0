//! One module per route.

pub mod catalogs;
pub mod customize;
pub mod embed;
pub mod gallery;
pub mod item;
pub mod me;
pub mod pattern;
