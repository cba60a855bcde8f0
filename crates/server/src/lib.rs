//! Stitchfork's server: the REST API of DESIGN.md ("REST API", "Storage and scale"), the
//! static web app, and the `stitchfork` command line. The binary (`main.rs`) only parses
//! arguments; everything else is here so integration tests can run the router in-process.
//!
//! Map: `app` (router and layers), `api/*` (one module per resource), `db/*` (storage,
//! SQLite or PostgreSQL), `extract` (request extractors), `error` (the JSON error),
//! `keys` (ids and secrets), `ratelimit`, `settings` (env), `static_files`, `csp` (page
//! security headers, who may frame `/embed`), `server`
//! (serve with graceful shutdown), `seed` (demo data).

pub mod api;
pub mod app;
pub mod cli;
pub mod csp;
pub mod db;
pub mod error;
pub mod extract;
pub mod keys;
pub mod ratelimit;
pub mod read_cache;
pub mod seed;
pub mod server;
pub mod settings;
pub mod static_files;
