//! Running the real `stitchfork` binary in tests: start it, read the announced address
//! from its first stdout line, signal it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Running {
    pub child: Child,
    pub base: String,
}

/// Starts `stitchfork serve` on a free port with the given database and dist folder.
pub async fn serve(database_url: &str, dist: &Path, extra_env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stitchfork"));
    cmd.args([
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--database-url",
        database_url,
    ])
    .arg("--dist")
    .arg(dist)
    .env("STITCHFORK_PUBLISH_PER_MINUTE", "0")
    .env("STITCHFORK_LIKE_PER_MINUTE", "0")
    .env("RUST_LOG", "warn")
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit())
    .kill_on_drop(true);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn stitchfork");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .await
        .expect("first line");
    let base = line
        .trim()
        .strip_prefix("Stitchfork is running at ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Running { child, base }
}

/// Sends a signal to the process (e.g. `libc::SIGTERM`, `libc::SIGKILL`).
pub fn signal(child: &Child, sig: i32) {
    let pid = child.id().expect("running") as i32;
    // SAFETY: plain kill(2) on a child we spawned and still own.
    let rc = unsafe { libc::kill(pid, sig) };
    assert_eq!(rc, 0, "kill failed");
}
