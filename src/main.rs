//! The Stitchfork web app: a Leptos client-side app mounted on <body>.
fn main() {}
