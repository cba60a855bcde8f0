//! Stitchfork's server: the REST API, storage on SQLite or PostgreSQL, the static web app,
//! and the `stitchfork` command line. The binary (`main.rs`) only parses arguments;
//! everything else is here so integration tests can run the router in-process.
//!
//! Map:
//!
//! | module | what |
//! | --- | --- |
//! | `app` | shared state, the router and its cross-cutting layers (compression, CORS, panics, traces) |
//! | `api` | `/api/v1`: one module per resource, each with its own `router()`; access extractors, conditional requests, JSON bodies (its own map) |
//! | `db` | storage: patterns, catalogs and their versions, likes, lineage, full-text search; SQLite or PostgreSQL through one `AnyPool` |
//! | `read_cache` | gallery pages and patterns reused until a write changes what they show |
//! | `encoded` | a cached answer's JSON with its brotli and gzip copies, each made once |
//! | `catalog_cache` | parsed catalog versions (immutable), and each catalog's latest version (kept 1 s) |
//! | `error` | the one API error type and its JSON envelope |
//! | `extract` | request extractors: client address, visitor, bearer key, language |
//! | `label` | a made item's sew-in label (real size) and cut sheet with its QR code |
//! | `keys` | pattern ids, edit keys, hashing and constant-time comparison |
//! | `ratelimit` | per-client publish and like limits |
//! | `settings` | configuration from the environment |
//! | `pages` | the app's page for `/p/{id}` with the pattern's social card (Open Graph, Twitter) in its head |
//! | `raster` | SVG to PNG (resvg): the 1200 x 630 social card |
//! | `static_files`, `csp` | the built web app with SPA fallback; page security headers and who may frame `/embed` |
//! | `server`, `cli` | serving with graceful shutdown; the command line |
//! | `seed` | demo and bulk data |
//!
//! The API's request and response types, list vocabulary, field limits and paths live in the
//! `stitchfork-api` crate, shared with the web app; the domain in `stitchfork-model`.

pub mod api;
pub mod app;
pub mod catalog_cache;
pub mod cli;
pub mod csp;
pub mod db;
pub mod encoded;
pub mod error;
pub mod extract;
pub mod keys;
pub mod label;
pub mod pages;
pub mod raster;
pub mod ratelimit;
pub mod read_cache;
pub mod seed;
pub mod server;
pub mod settings;
pub mod static_files;
