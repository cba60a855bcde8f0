//! The server's integration tests, one binary (the server links once), one module per
//! resource or concern. Suites that need a database run against a real SQLite file and, with
//! `STITCHFORK_TEST_POSTGRES_URL`, a real PostgreSQL database (`both!`, see `common`).
//!
//! | module | what |
//! | --- | --- |
//! | `catalog`, `patterns`, `gallery`, `likes`, `lineage`, `moderation`, `render` | the REST resources |
//! | `catalogs` | retailer catalogs: keys, versions, 422 paths, patterns pinned to their version, upgrades, the built-in catalog at start, previews |
//! | `licence` | licences chosen at publish, kept by forks, on every member of a family |
//! | `items` | made items: register, the label's QR read back, claim, notes, what a pattern's copies say |
//! | `publish_once` | a publish with an `Idempotency-Key` (the app's offline queue) is stored once |
//! | `read_cache` | shared answers reused until a write, across servers too |
//! | `contract` | the API agrees with its OpenAPI document, and with the shared limits |
//! | `proxy` | rate limits keyed by the client behind a trusted proxy |
//! | `binary` | the real `stitchfork` binary: static files, seeding, SIGTERM |
//! | `crash` | `kill -9` never loses an acknowledged publish |
//! | `diskfull` | a full disk is a 507, and publishing recovers (root, tmpfs) |
//! | `social` | `/p/{id}` carries the pattern's social card (escaped), and its PNG image |
//! | `search_plan` | SQLite's plan for newest-first searches |
//! | `writers` | waiting SQLite writers leave connections for readers; group commit |

#[macro_use]
mod common;

mod binary;
mod catalog;
mod catalogs;
mod contract;
mod crash;
mod diskfull;
mod gallery;
mod items;
mod licence;
mod likes;
mod lineage;
mod moderation;
mod patterns;
mod proxy;
mod publish_once;
mod read_cache;
mod render;
mod search_plan;
mod social;
mod writers;
