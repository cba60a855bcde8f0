//! Stitchfork's domain, written once and compiled both natively (server) and to wasm32 (browser).
