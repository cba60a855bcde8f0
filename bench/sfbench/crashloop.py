"""Crash loop: clients publish, fork and like continuously while the server is killed with
SIGKILL at random moments and restarted; after every kill the SQLite file must pass
`sqlite_checks`, and after every restart each acknowledged pattern must read back unchanged.

    python3 -m sfbench.crashloop --bin "$CARGO_TARGET_DIR/server/stitchfork" --cycles 200 [--dir DIR]

Exit status 0 only when every check of every cycle passed. Request loops are bounded by the
cycle count and each cycle's random run time, and only address 127.0.0.1.
"""
import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time

from . import procs
from .api import ApiError, Client
from .configs import Catalog, mutate, random_config
from .ledger import Ledger, sqlite_checks

# Texts that must survive byte-for-byte: accents, Cyrillic, CJK, emoji, quotes, markup.
TITLES = ["Höstfodral", "Чехол «Ёлочка»", "Sleeve \"quoted\" & <b>bold</b>", "雨の日のケース", "Ink 🖋 sleeve",
          "Plain sleeve", "Åsa's d\u00e9j\u00e0-vu", "two  spaces inside"]


class Clients:
    """Threads that publish (60%), fork an acknowledged pattern (30%) and like (10%) until told
    to stop or until the server goes away."""

    def __init__(self, url, ledger, cat, rng_seed, n):
        self.url, self.ledger, self.cat = url, ledger, cat
        self.stop = threading.Event()
        self.sent = 0
        # Writes sent and not answered yet, per client: read at the moment of a kill.
        self.in_flight = [0] * n
        self.threads = [threading.Thread(target=self.run, args=(random.Random(rng_seed + k), k), daemon=True)
                        for k in range(n)]

    def start(self):
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(30)

    def writes_in_flight(self):
        return sum(self.in_flight)

    def run(self, rng, k):
        client = Client(self.url, timeout=10)
        while not self.stop.is_set():
            ids = self.ledger.ids()
            what = rng.random()
            try:
                if what < 0.1 and ids:
                    self.in_flight[k] = 1
                    client.request("POST", f"/api/v1/patterns/{rng.choice(ids)}/like",
                                   headers={"X-Visitor-Id": f"crashloop-visitor-{rng.randrange(50):03d}"})
                    self.in_flight[k] = 0
                    continue
                body = {"title": f"{rng.choice(TITLES)} {rng.randrange(10**6)}",
                        "description": rng.choice(["", "Line one\nline two", ("Ünïcödé ✓ " * 5).strip()]),
                        "tags": sorted(set(rng.sample(["work", "travel", "gift", "red", "wool"], rng.randint(0, 3)))),
                        "author_name": rng.choice(["Anna", "Дмитрий", "José", "李"]),
                        "config": random_config(self.cat, rng)}
                if what < 0.4 and ids:
                    parent = rng.choice(ids)
                    body["parent_id"] = parent
                    body["config"] = mutate(self.cat, rng, self.ledger.acked[parent][0]["config"])
                self.sent += 1
                self.in_flight[k] = 1
                status, resp = client.json("POST", "/api/v1/patterns", body)
                self.in_flight[k] = 0
            except ApiError:
                return  # the server is gone: this request's outcome is unknown, so not counted
            if status == 201:
                self.ledger.ack(body, resp)
            elif status >= 500 or status in (400, 422):
                print(f"  unexpected {status} for a valid publish: {str(resp)[:300]}", file=sys.stderr)
                self.ledger.unexpected = getattr(self.ledger, "unexpected", 0) + 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--max-run", type=float, default=1.5, help="longest time before a kill, seconds")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--dir", help="work folder (default: a new temporary one, removed on success)")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    work = a.dir or tempfile.mkdtemp(prefix="stitchfork-crashloop-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "crashloop.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    log = os.path.join(work, "server.log")
    cat, ledger = Catalog(), Ledger()
    failures = []
    kills_in_flight = 0  # kills that landed while at least one write was sent and unanswered
    procs.log(f"crash loop: {a.cycles} cycles, {a.clients} clients, seed {a.seed}, database {db}")
    started = time.monotonic()
    try:
        for cycle in range(1, a.cycles + 1):
            server = procs.start_stitchfork(a.bin, f"sqlite://{db}", log, core=None)
            checker = Client(server.url)
            problems = ledger.verify(checker, sample_old=20, rng=rng)
            checker.close()
            clients = Clients(server.url, ledger, cat, rng.randrange(1 << 30), a.clients)
            clients.start()
            time.sleep(rng.uniform(0, a.max_run))
            in_flight = clients.writes_in_flight()
            server.stop(sig=signal.SIGKILL)
            kills_in_flight += in_flight > 0
            clients.join()
            problems += sqlite_checks(db)
            print(f"  cycle {cycle:>3}: killed after {clients.sent} publishes sent, {in_flight} writes in flight; "
                  f"{len(ledger.acked)} acknowledged in all; {'ok' if not problems else 'FAILED'}",
                  file=sys.stderr, flush=True)
            for p in problems:
                failures.append(f"cycle {cycle}: {p}")
                print(f"    {p}", file=sys.stderr)
        server = procs.start_stitchfork(a.bin, f"sqlite://{db}", log, core=None)
        checker = Client(server.url)
        final = ledger.verify(checker, everything=True)
        checker.close()
        server.stop()
        failures += [f"final check: {p}" for p in final]
        failures += [f"final: {p}" for p in sqlite_checks(db)]
    finally:
        procs.stop_all()
    unexpected = getattr(ledger, "unexpected", 0)
    if unexpected:
        failures.append(f"{unexpected} valid publishes answered 400/422/5xx")
    if kills_in_flight == 0:
        failures.append("no kill landed while a write was in flight: the loop tested nothing")
    procs.log(f"crash loop: {a.cycles} cycles in {time.monotonic() - started:.0f}s, "
              f"{kills_in_flight} of {a.cycles} kills landed while writes were in flight, "
              f"{len(ledger.acked)} acknowledged writes, {ledger.checked_total} GET checks "
              f"(every acknowledged pattern at least twice: after its cycle and at the end), "
              f"{len(failures)} failures")
    for f in failures[:20]:
        print(f"FAIL {f}", file=sys.stderr)
    if failures:
        print(f"work folder kept for inspection: {work}", file=sys.stderr)
        return 1
    if not a.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
