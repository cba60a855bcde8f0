"""Disk full: the SQLite database on a tiny tmpfs that really runs out of space.

1. mount a 2 MiB tmpfs, start the server with its database there, publish a few patterns;
2. fill the rest of the filesystem with a filler file until the kernel says ENOSPC;
3. publish until a publish is refused: it must be an error response (never a 201 for a write
   that was not stored) and the server must keep answering reads;
4. delete the filler: publishing must work again at once;
5. kill -9 and restart: every acknowledged pattern reads back unchanged, integrity_check ok.

Needs root (mount): without it, or when the mount fails, it fails and says why; it never reports
a pass for a check it did not run.
`python3 -m sfbench.diskfull --bin "$CARGO_TARGET_DIR/server/stitchfork"`
"""
import argparse
import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

from . import procs
from .api import ApiError, Client
from .configs import Catalog, random_config
from .ledger import Ledger, sqlite_checks

SIZE = "2m"
ATTEMPTS = 400


def fill(path):
    """Writes `path` until the filesystem is full; returns the bytes written."""
    written = 0
    with open(path, "wb", buffering=0) as f:
        for chunk in (65536, 4096, 512, 1):
            block = b"\0" * chunk
            while True:
                try:
                    written += f.write(block)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    break
    return written


def publish(client, cat, rng, ledger, n):
    body = {"title": f"Disk full test {n}", "description": "x" * rng.randrange(200, 1500),
            "tags": ["diskfull"], "author_name": "Harness", "config": random_config(cat, rng)}
    status, resp = client.json("POST", "/api/v1/patterns", body)
    if status == 201:
        ledger.ack(body, resp)
    return status, resp


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    a = ap.parse_args(argv)
    if os.geteuid() != 0:
        print("disk full: FAILED, cannot run: mounting a tmpfs needs root", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="stitchfork-diskfull-")
    mnt = os.path.join(work, "mnt")
    os.makedirs(mnt)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", mnt],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        print(f"disk full: FAILED, cannot run: mount said {mounted.stderr.strip()!r}", file=sys.stderr)
        return 1
    db, filler, log = os.path.join(mnt, "full.db"), os.path.join(mnt, "filler"), os.path.join(work, "server.log")
    failures = []
    rng, cat, ledger = random.Random(1), Catalog(), Ledger()
    try:
        procs.log(f"disk full: {SIZE} tmpfs at {mnt}")
        server = procs.start_stitchfork(a.bin, f"sqlite://{db}", log, core=None)
        c = Client(server.url, timeout=30)
        for n in range(3):
            status, resp = publish(c, cat, rng, ledger, n)
            if status != 201:
                failures.append(f"publish with free space -> {status} {resp}")
        filled = fill(filler)
        procs.log(f"  filesystem full (filler {filled:,} bytes); publishing until refused")
        refused = None
        for n in range(ATTEMPTS):
            status, resp = publish(c, cat, rng, ledger, 100 + n)
            if status != 201:
                refused = (n, status, resp)
                break
        if refused is None:
            failures.append(f"{ATTEMPTS} publishes on a full filesystem were all acknowledged")
        else:
            n, status, resp = refused
            procs.log(f"  refused after {n} more acknowledged publishes: {status} {resp}")
            if status < 500 or not isinstance(resp, dict) or "error" not in resp:
                failures.append(f"refusal is not a JSON 5xx error: {status} {resp}")
            # A few more attempts must be refused as well, without crashing the server.
            for k in range(5):
                status, resp = publish(c, cat, rng, ledger, 1000 + k)
                if status == 201:
                    procs.log("  (one more publish fitted in space freed by SQLite itself)")
        status, _ = c.request("GET", "/api/v1/patterns?limit=1")
        if status != 200:
            failures.append(f"reads fail while the disk is full: GET list -> {status}")
        problems = ledger.verify(c)
        failures += [f"while full: {p}" for p in problems]
        os.remove(filler)
        status, resp = publish(c, cat, rng, ledger, 2000)
        if status != 201:
            failures.append(f"first publish after space returned -> {status} {resp}")
            for k in range(10):  # does it recover at all?
                time.sleep(0.5)
                status, resp = publish(c, cat, rng, ledger, 2001 + k)
                if status == 201:
                    failures.append(f"... publishing recovered only after {k + 2} attempts")
                    break
            else:
                failures.append(f"... and publishing never recovered (11 attempts over 5 s; last: {status} {resp});"
                                " a restart is needed")
        else:
            procs.log("  space returned: publishing works again")
        c.close()
        server.stop(sig=signal.SIGKILL)
        failures += [f"after kill: {p}" for p in sqlite_checks(db)]
        server = procs.start_stitchfork(a.bin, f"sqlite://{db}", log, core=None)
        c = Client(server.url)
        failures += [f"after restart: {p}" for p in ledger.verify(c, everything=True)]
        c.close()
        server.stop()
    except (ApiError, RuntimeError) as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        procs.stop_all()
        subprocess.run(["umount", mnt], check=False)
    procs.log(f"disk full: {len(ledger.acked)} acknowledged writes checked, {len(failures)} failures")
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    if failures:
        print(f"server log: {log}", file=sys.stderr)
        return 1
    subprocess.run(["rm", "-rf", work], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
