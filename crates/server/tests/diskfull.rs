//! Disk full (SQLite): on a tiny tmpfs that really runs out of space, publishing is refused
//! with a clear `507 storage_full`, and once space returns the very next publish is stored,
//! without a restart. Mounting needs root, so the test is ignored unless asked for
//! (`scripts/test.sh` runs it as root); asked for without root, it fails and says why.

mod common;

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{publish_body, test_settings, TestApp};
use reqwest::{header, StatusCode};

/// A tmpfs mounted for the test, unmounted (lazily, in case a file is still open) on drop.
struct Tmpfs {
    _dir: tempfile::TempDir,
    mnt: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. "2m"), or says why it could not.
    fn mount(size: &str) -> Result<Tmpfs, String> {
        // SAFETY: geteuid(2) has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return Err("not running as root".into());
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let mnt = dir.path().join("mnt");
        std::fs::create_dir(&mnt).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&mnt)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs { _dir: dir, mnt })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mnt).status();
    }
}

/// Writes `path` until the filesystem says ENOSPC, in ever smaller blocks so the last
/// bytes are taken too.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).expect("create filler");
    for chunk in [65536, 4096, 512, 1] {
        let block = vec![0u8; chunk];
        loop {
            match f.write(&block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs root to mount a tmpfs; scripts/test.sh runs it"]
async fn publishing_recovers_after_the_disk_was_full() {
    let fs =
        Tmpfs::mount("2m").unwrap_or_else(|why| panic!("the disk-full test cannot run: {why}"));
    let url = format!("sqlite://{}/full.db", fs.mnt.display());
    let app = TestApp::start_at(&url, test_settings()).await;
    for n in 0..3 {
        app.publish_ok(&format!("Before the disk fills {n}"), None)
            .await;
    }

    let filler = fs.mnt.join("filler");
    fill(&filler);
    // SQLite may still fit a write or two into pages it already owns; then it must refuse.
    let mut refusal = None;
    for n in 0..200 {
        let mut body = publish_body(&format!("Disk full {n}"));
        body["description"] = "x".repeat(1500).into();
        let res = app
            .req(reqwest::Method::POST, "/api/v1/patterns")
            .json(&body)
            .send()
            .await
            .expect("request");
        if res.status() != StatusCode::CREATED {
            let status = res.status();
            let retry = res.headers().get(header::RETRY_AFTER).cloned();
            let body: serde_json::Value = res.json().await.expect("JSON error body");
            refusal = Some((status, retry, body));
            break;
        }
    }
    let (status, retry, body) = refusal.expect("a full disk must refuse a publish");
    assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{body}");
    assert_eq!(body["error"]["code"], "storage_full", "{body}");
    assert!(retry.is_some(), "a storage_full answer says when to retry");
    // Refusing again (more connections touch the full disk) must not break anything either.
    for n in 0..5 {
        let (s, v) = app.publish(&publish_body(&format!("Still full {n}"))).await;
        assert_ne!(s, StatusCode::INTERNAL_SERVER_ERROR, "{v}");
    }
    let (s, _) = app.get_json("/api/v1/patterns?limit=1").await;
    assert_eq!(
        s,
        StatusCode::OK,
        "reads keep working while the disk is full"
    );

    std::fs::remove_file(&filler).expect("free the space");
    // No retry loop: the first publish after space returned must be stored.
    for n in 0..3 {
        app.publish_ok(&format!("Space is back {n}"), None).await;
    }
    app.finish().await;
}
