"""Starting and stopping the servers under test, each pinned to a CPU core with taskset.

Every process started here is remembered and ended (SIGTERM, then SIGKILL) by `stop_all`,
which the runner calls on any exit, so a failed run leaves nothing behind.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_started = []


def log(msg):
    print(f"==> [bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pinned(core, argv):
    """`argv` run on one core when the machine has more than one (else unpinned)."""
    if core is None or (os.cpu_count() or 1) < 2 or not shutil.which("taskset"):
        return argv
    return ["taskset", "-c", str(core)] + argv


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _drain(stream, sink):
    for line in iter(stream.readline, b""):
        sink.write(line.decode("utf-8", "replace"))
        sink.flush()


class Server:
    """A started server process and the URL it answers on."""

    def __init__(self, name, proc, url, log_path):
        self.name, self.proc, self.url, self.log_path = name, proc, url, log_path

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in _started:
            _started.remove(self)


def start_stitchfork(binary, database_url, log_path, dist=None, core=0, env=None, name="stitchfork"):
    """`stitchfork serve` on a free port; returns once it printed its URL (first stdout line)."""
    argv = [binary, "serve", "--addr", "127.0.0.1:0", "--database-url", database_url]
    if dist:
        argv += ["--dist", dist]
    e = dict(os.environ, RUST_LOG="warn", STITCHFORK_PUBLISH_PER_MINUTE="0", STITCHFORK_LIKE_PER_MINUTE="0")
    e.update(env or {})
    logf = open(log_path, "a", encoding="utf-8")
    proc = subprocess.Popen(pinned(core, argv), stdout=subprocess.PIPE, stderr=logf, env=e)
    first = proc.stdout.readline().decode("utf-8", "replace").strip()
    url = next((w for w in first.split() if w.startswith("http://")), None)
    if url is None:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"{name} did not start (first line {first!r}); see {log_path}")
    threading.Thread(target=_drain, args=(proc.stdout, logf), daemon=True).start()
    s = Server(name, proc, url.rstrip("/"), log_path)
    _started.append(s)
    return s


def start_command(name, argv, port, log_path, ready_path="/", core=0, cwd=None, timeout=180):
    """Any other server on `port`; returns once `ready_path` answers."""
    logf = open(log_path, "a", encoding="utf-8")
    proc = subprocess.Popen(pinned(core, argv), stdout=logf, stderr=subprocess.STDOUT, cwd=cwd)
    s = Server(name, proc, f"http://127.0.0.1:{port}", log_path)
    _started.append(s)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(s.url + ready_path, timeout=30) as r:
                r.read()
                return s
        except OSError:
            time.sleep(0.5)
    s.stop()
    raise RuntimeError(f"{name} did not answer {ready_path} within {timeout}s; see {log_path}")


def cpu_seconds(pid):
    """CPU time a process (all its threads) has used so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(server, limit=120):
    """Waits until `server` uses under 5% of a core (work queued by the last run is done), so
    one run's backlog never slows the next. Returns the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit and server.proc.poll() is None:
        before = cpu_seconds(server.proc.pid)
        time.sleep(0.5)
        if cpu_seconds(server.proc.pid) - before < 0.025:
            break
    return time.monotonic() - t0


def stop_all():
    for s in list(_started):
        s.stop()
