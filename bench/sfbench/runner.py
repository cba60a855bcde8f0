"""The benchmark: builds the data set once (cached in bench/out), then measures every system
under test with the same wrk settings, and writes bench/results.json and the printed table.

    python3 -m sfbench.runner --bin target/release/stitchfork [--quick] [--no-browser]

Servers run on core 0 and wrk on core 1 (taskset), one system at a time.
"""
import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import urllib.request

from . import export, load, plan, procs, realistic, stats, targets
from .configs import Catalog, random_config
from .procs import REPO, log

BENCH = os.path.join(REPO, "bench")
ENDPOINTS = ["get", "list", "search", "publish"]
# What --endpoints can choose: the closed-loop endpoints, the mixed workload, the open-loop steps.
PARTS = ENDPOINTS + ["mixed", "open"]
STATS_LOG = {"RUST_LOG": "warn,stitchfork_stats=info"}
NO_CACHE = {"STITCHFORK_READ_CACHE_MS": "0"}


def cache_key(a):
    """Data set files depend on size, seed and the server's schema (a migration rebuilds them)."""
    h = hashlib.sha256()
    mig = os.path.join(REPO, "crates", "server", "migrations")
    for root, _, files in sorted(os.walk(mig)):
        for f in sorted(files):
            with open(os.path.join(root, f), "rb") as fh:
                h.update(f.encode() + fh.read())
    return f"{a.patterns}-s{a.seed}-m{h.hexdigest()[:8]}"


def wrk(url, paths_file, out_file, a, bodies_file=None, duration=None, connections=None):
    env = dict(os.environ, BENCH_PATHS=paths_file, BENCH_OUT=out_file, BENCH_BODIES=bodies_file or "")
    c = connections or a.connections
    argv = procs.pinned(1, ["wrk", f"-t{min(2, c)}", f"-c{c}", f"-d{duration or a.duration}s",
                            "--timeout", "30s", "-s", os.path.join(BENCH, "wrk", "bench.lua"), url])
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    with open(out_file, encoding="utf-8") as f:
        return json.load(f)


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def fetch_json(url, data=None):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
        return r.status, json.loads(raw), len(raw)


class Bench:
    def __init__(self, a):
        self.a = a
        self.out = a.out_dir
        os.makedirs(self.out, exist_ok=True)
        self.key = cache_key(a)
        self.api = {e: {} for e in ENDPOINTS}
        self.lineage = []
        self.open = {e: {} for e in ("get", "list", "search")}
        self.mixed = {}
        self.two_servers = {}
        self.answers = {}
        self.questions = {}
        self.bench_dir = BENCH
        self.fetch = fetch_json
        self.parts = set(a.endpoints.split(","))

    def path(self, name):
        return os.path.join(self.out, name)

    # ---- data ----
    def data(self):
        a = self.a
        self.plan_file = self.path(f"plan-{a.patterns}-s{a.seed}.jsonl")
        if not os.path.exists(self.plan_file):
            log(f"generating the data set: {a.patterns:,} patterns (seed {a.seed})")
            plan.main(["--count", str(a.patterns), "--seed", str(a.seed), "--out", self.plan_file + ".tmp"])
            os.replace(self.plan_file + ".tmp", self.plan_file)
        self.golden = self.path(f"stitchfork-{self.key}.db")
        self.loaded = self.path(f"loaded-sqlite-{self.key}.jsonl")
        if not (os.path.exists(self.golden) and os.path.exists(self.loaded)):
            self.load_sqlite()
        # v2: rows carry Stitchfork's seq, the Datasette file's rowid is it (same questions).
        self.ds_db = self.path(f"datasette-v2-{self.key}/{targets.DATASETTE_DB}.db")
        self.db_json = self.path(f"json-server-v2-{self.key}.json")
        if not (os.path.exists(self.ds_db) and os.path.exists(self.db_json)):
            log("exporting the same patterns for Datasette (SQLite + FTS5) and json-server (db.json)")
            os.makedirs(os.path.dirname(self.ds_db), exist_ok=True)
            export.main(["--loaded", self.loaded, "--seq-from", self.golden, "--sqlite", self.ds_db,
                         "--json", self.db_json])
        with open(self.loaded, encoding="utf-8") as f:
            self.marks = json.loads(f.readline())["meta"]
        # The same patterns (by plan index) are fetched from every system.
        rng = random.Random(self.a.seed)
        self.sample = sorted(rng.sample(range(a.patterns), min(10_000, a.patterns)))
        self.bodies = self.path(f"publish-bodies-s{a.seed}.jsonl")
        if not os.path.exists(self.bodies):
            cat, r = Catalog(), random.Random(a.seed + 1)
            write_lines(self.bodies, [json.dumps({
                "title": f"Benchmark sleeve {k}", "description": "Published by the benchmark.",
                "tags": ["bench"], "author_name": "Bench", "config": random_config(cat, r)},
                separators=(",", ":")) for k in range(1000)])

    def ids_of(self, loaded_file):
        ids = []
        with open(loaded_file, encoding="utf-8") as f:
            head = json.loads(f.readline())
            for line in f:
                ids.append(json.loads(line)["pattern"]["id"])
        return head["ids"], [ids[i] for i in self.sample]

    def load_sqlite(self):
        work = self.path("loading.db")
        remove_db(work)
        log(f"publishing the data set into Stitchfork (SQLite) through its API: {self.golden}")
        s = procs.start_stitchfork(self.a.bin, f"sqlite://{work}", self.path("load-sqlite.log"), core=None)
        try:
            load.main(["--plan", self.plan_file, "--url", s.url, "--out", self.loaded + ".tmp"])
        finally:
            s.stop()
        os.replace(self.loaded + ".tmp", self.loaded)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(work + suffix):
                shutil.copyfile(work + suffix, self.golden + suffix)
        os.replace(work, self.golden)

    def fresh_copy(self, name):
        """A copy of the loaded database (with its WAL) named `name` in the output folder, so
        each run starts from the same data and never changes the cached original."""
        work = self.path(name)
        remove_db(work)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.golden + suffix):
                shutil.copyfile(self.golden + suffix, work + suffix)
        return work

    # ---- measuring ----
    def measure(self, target, endpoint, base_url, paths, bodies=None, check=True):
        """wrk runs of one endpoint; between runs, the server finishes what it had queued."""
        pf = write_lines(self.path(f"paths-{target}-{endpoint}.txt"), paths)
        if check and bodies is None:  # one request by hand: never benchmark an error page
            status, body, _ = fetch_json(base_url + paths[0])
            if endpoint in ("list", "search") and targets.items_of(target, endpoint, body) == 0:
                raise SystemExit(f"{target} {endpoint}: {paths[0]} returned no items")
        if self.a.warmup:
            wrk(base_url, pf, self.path("wrk-warmup.json"), self.a, bodies, duration=self.a.warmup)
        runs = []
        for k in range(self.a.runs):
            waited = procs.wait_idle(self.server)
            if waited > 2:
                log(f"  ({target} needed {waited:.0f} s to finish requests queued by the previous run)")
            r = wrk(base_url, pf, self.path(f"wrk-{target}-{endpoint}-{k}.json"), self.a, bodies)
            r["loadavg_1m"] = round(os.getloadavg()[0], 2)
            runs.append(r)
        s = stats.summarize(runs)
        self.api[endpoint][target] = s
        log(f"  {target:<20} {endpoint:<8} {s['rps']:>10.1f} req/s (±{s['spread_pct']}%)  "
            f"p50 {s['p50_ms']:.2f} ms  p99 {s['p99_ms']:.2f} ms  errors {s['errors']}")

    def api_suite(self, target, url, ids, endpoints=ENDPOINTS):
        pp = targets.publish_path(target)
        suite = [("get", targets.get_paths(target, ids), None), ("list", targets.list_paths(target), None),
                 ("search", targets.search_paths(target), None)]
        if pp is None:
            self.api["publish"][target] = {"skipped": "read-only"}
        else:
            suite.append(("publish", [pp], self.bodies))
        suite = [s for s in suite if s[0] in endpoints and s[0] in self.parts]
        for endpoint, paths, bodies in suite:
            if self.server.proc.poll() is not None:
                self.api[endpoint][target] = {"skipped": f"server exited ({self.server.proc.returncode}); see {self.server.log_path}"}
                continue
            try:
                self.measure(target, endpoint, url, paths, bodies)
            except (subprocess.CalledProcessError, OSError, ValueError) as e:
                # A system that falls over under load is a result too; the other rows still count.
                died = self.server.proc.poll() is not None
                why = f"server died under load (see {os.path.basename(self.server.log_path)})" if died else f"failed: {e}"
                log(f"  {target} {endpoint}: {why}")
                self.api[endpoint][target] = {"skipped": why}

    def lineage_suite(self, backend, url, marks):
        cases = [
            ("family of 10,000 descendants (from the root)", marks["big_family_root"]),
            ("chain 1,000 deep (from the tip: 1,000 ancestors)", marks["chain_tip"]),
            ("chain 1,000 deep (from the root)", marks["chain_root"]),
        ]
        for name, pid in cases:
            path = f"/api/v1/patterns/{pid}/lineage"
            _, body, size = fetch_json(url + path)
            nodes = len(body["ancestors"]) + _count(body["tree"])
            pf = write_lines(self.path("paths-lineage.txt"), [path])
            runs = [wrk(url, pf, self.path(f"wrk-lineage-{k}.json"), self.a, connections=1,
                        duration=max(2, self.a.duration // 2)) for k in range(self.a.runs)]
            s = stats.summarize(runs)
            self.lineage.append({"backend": backend, "case": name, "nodes": nodes, "bytes": size,
                                 "truncated": body.get("truncated"), "rps": s["rps"],
                                 "p50_ms": s["p50_ms"], "p99_ms": s["p99_ms"], "errors": s["errors"]})
            log(f"  lineage {backend}: {name}: p50 {s['p50_ms']:.2f} ms, {nodes} nodes")

    # ---- what users ask (see realistic.py) ----
    def questions_for(self, loaded, url):
        """The request lists of one loaded data set (built once; cursors walked on `url`)."""
        if loaded not in self.questions:
            log("  building the mixed workload and the comparable questions (walking list cursors)")
            self.questions[loaded] = realistic.Questions(self, loaded, lambda p: fetch_json(url + p)[1])
        return self.questions[loaded]

    def realistic_reads(self, target, url, questions):
        """Answers to compare, then open-loop steps: on a server nothing has written to yet."""
        self.answers[target] = realistic.answers(self, target, url, questions)
        if "open" in self.parts:
            realistic.open_suite(self, target, url, questions)

    def mixed_suite(self, target, db_url, questions, env=None):
        """The mixed workload on a server of its own (its shutdown counters are this run's)."""
        if "mixed" not in self.parts:
            return
        log_path = self.path(f"stitchfork-mixed-{target}.log")
        if os.path.exists(log_path):
            os.remove(log_path)
        s = self.server = procs.start_stitchfork(self.a.bin, db_url, log_path, env=dict(STATS_LOG, **(env or {})))
        try:
            result = realistic.mixed_run(self, target, s, questions)
        except (subprocess.CalledProcessError, OSError, ValueError) as e:
            result = {"skipped": f"failed: {e}"}
        finally:
            s.stop()
        result["counters"] = realistic.server_counters(log_path)
        self.mixed[target] = result
        c = result["counters"] or {}
        log(f"  mixed {target}: read cache hit rate {c.get('read_cache_hit_rate')}, "
            f"{c.get('writes_per_commit')} writes per commit")

    # ---- systems ----
    def run_stitchfork_sqlite(self):
        log("Stitchfork (SQLite): fresh copy of the loaded database")
        work = self.fresh_copy("bench-sqlite.db")
        s = self.server = procs.start_stitchfork(self.a.bin, f"sqlite://{work}", self.path("stitchfork-sqlite.log"),
                                                 dist=self.a.dist)
        try:
            marks, ids = self.ids_of(self.loaded)
            questions = self.questions_for(self.loaded, s.url)
            self.realistic_reads("stitchfork-sqlite", s.url, questions)
            self.api_suite("stitchfork-sqlite", s.url, ids)
            self.lineage_suite("SQLite", s.url, marks)
            if not self.a.no_browser:
                self.browser = run_browser(s.url, self.a, self.path("browser.json"))
        finally:
            s.stop()
        work = self.fresh_copy("bench-sqlite-mixed.db")
        self.mixed_suite("stitchfork-sqlite", f"sqlite://{work}", questions)
        remove_db(work)

    def run_stitchfork_sqlite_nocache(self):
        """Get, list and search again with the read cache off: what every answer costs when
        it is read from the database (the cached run mostly reuses answers, since the
        benchmark asks the same questions again and again)."""
        log("Stitchfork (SQLite) with STITCHFORK_READ_CACHE_MS=0: get, list and search")
        work = self.fresh_copy("bench-sqlite-nocache.db")
        s = self.server = procs.start_stitchfork(self.a.bin, f"sqlite://{work}", self.path("stitchfork-sqlite.log"),
                                                 env={"STITCHFORK_READ_CACHE_MS": "0"})
        try:
            _, ids = self.ids_of(self.loaded)
            questions = self.questions_for(self.loaded, s.url)
            self.realistic_reads("stitchfork-sqlite-nocache", s.url, questions)
            self.api_suite("stitchfork-sqlite-nocache", s.url, ids, endpoints=("get", "list", "search"))
        finally:
            s.stop()
        remove_db(work)
        work = self.fresh_copy("bench-sqlite-mixed.db")
        self.mixed_suite("stitchfork-sqlite-nocache", f"sqlite://{work}", questions,
                         env={"STITCHFORK_READ_CACHE_MS": "0"})
        remove_db(work)

    def run_stitchfork_postgres(self):
        pg_dir = self.path("pg")
        subprocess.run([os.path.join(REPO, "scripts", "postgres.sh"), "stop", pg_dir], check=False)
        port = procs.free_port()
        url = subprocess.run([os.path.join(REPO, "scripts", "postgres.sh"), "start", pg_dir, str(port)],
                             check=True, capture_output=True, text=True).stdout.strip()
        log(f"Stitchfork (PostgreSQL): throwaway cluster at {url}")
        dump = self.path(f"postgres-{self.key}.dump")
        loaded = self.path(f"loaded-postgres-{self.key}.jsonl")
        try:
            pin_postgres(pg_dir)
            if os.path.exists(dump) and os.path.exists(loaded):
                log("  restoring the loaded data set (pg_restore)")
                subprocess.run([pg_tool("pg_restore"), "--no-owner", "-d", url, dump], check=True)
            else:
                log("  publishing the data set into Stitchfork (PostgreSQL) through its API")
                s = procs.start_stitchfork(self.a.bin, url, self.path("load-postgres.log"), core=None)
                try:
                    load.main(["--plan", self.plan_file, "--url", s.url, "--out", loaded + ".tmp"])
                finally:
                    s.stop()
                subprocess.run([pg_tool("pg_dump"), "-Fc", "-d", url, "-f", dump + ".tmp"], check=True)
                os.replace(dump + ".tmp", dump)
                os.replace(loaded + ".tmp", loaded)
            subprocess.run([pg_tool("psql"), "-q", "-d", url, "-c", "VACUUM ANALYZE"], check=True)
            s = self.server = procs.start_stitchfork(self.a.bin, url, self.path("stitchfork-postgres.log"))
            try:
                marks, ids = self.ids_of(loaded)
                questions = self.questions_for(loaded, s.url)
                self.realistic_reads("stitchfork-postgres", s.url, questions)
                self.api_suite("stitchfork-postgres", s.url, ids)
                self.lineage_suite("PostgreSQL", s.url, marks)
            finally:
                s.stop()
            log("Stitchfork (PostgreSQL) with STITCHFORK_READ_CACHE_MS=0: get, list and search")
            s = self.server = procs.start_stitchfork(self.a.bin, url, self.path("stitchfork-postgres.log"),
                                                     env=NO_CACHE)
            try:
                self.realistic_reads("stitchfork-postgres-nocache", s.url, questions)
                self.api_suite("stitchfork-postgres-nocache", s.url, ids, endpoints=("get", "list", "search"))
            finally:
                s.stop()
            # The mixed runs write: each on a database restored again, so every run starts alike.
            if "mixed" in self.parts:
                self.restore_postgres(url, dump)
                self.mixed_suite("stitchfork-postgres", url, questions)
                self.restore_postgres(url, dump)
                self.mixed_suite("stitchfork-postgres-nocache", url, questions, env=NO_CACHE)
                self.restore_postgres(url, dump)
                log("Two Stitchfork servers on one PostgreSQL: writes on one, reads on the other")

                def start(name, env=None):
                    return procs.start_stitchfork(self.a.bin, url, self.path(f"stitchfork-{name}.log"),
                                                  env=dict(STATS_LOG, **(env or {})), name=name)
                try:
                    self.two_servers = realistic.two_servers(self, url, questions, start)
                except (subprocess.CalledProcessError, OSError, ValueError, KeyError) as e:
                    log(f"  two servers: failed: {e}")
                    self.two_servers = {"skipped": f"failed: {e}"}
        finally:
            subprocess.run([os.path.join(REPO, "scripts", "postgres.sh"), "stop", pg_dir], check=False)

    def restore_postgres(self, url, dump):
        """The loaded data set as it was before any run wrote to it."""
        subprocess.run([pg_tool("psql"), "-q", "-d", url, "-c",
                        "DROP SCHEMA public CASCADE; CREATE SCHEMA public"], check=True)
        subprocess.run([pg_tool("pg_restore"), "--no-owner", "-d", url, dump], check=True)
        subprocess.run([pg_tool("psql"), "-q", "-d", url, "-c", "VACUUM ANALYZE"], check=True)

    def run_datasette(self):
        port = procs.free_port()
        exe = os.path.join(self.a.venv, "bin", "datasette")
        log(f"Datasette {subprocess.run([exe, '--version'], capture_output=True, text=True).stdout.strip()}"
            " (immutable, suggest_facets off)")
        metadata = self.path("datasette.json")  # the canned queries (targets.DATASETTE_QUERIES)
        with open(metadata, "w", encoding="utf-8") as f:
            json.dump(targets.datasette_metadata(), f, indent=1)
        s = self.server = procs.start_command("datasette", [
            exe, "serve", "-i", self.ds_db, "--host", "127.0.0.1", "--port", str(port), "--metadata", metadata,
            "--setting", "suggest_facets", "off"], port, self.path("datasette.log"), ready_path="/-/versions.json")
        try:
            _, ids = self.ids_of(self.loaded)
            questions = self.questions.get(self.loaded)
            if questions:
                self.realistic_reads("datasette", s.url, questions)
            self.api_suite("datasette", s.url, ids)
        finally:
            s.stop()

    def run_json_server(self):
        work = self.path("json-server-work")
        os.makedirs(work, exist_ok=True)
        shutil.copyfile(self.db_json, os.path.join(work, "db.json"))  # publish rewrites it
        port = procs.free_port()
        exe = os.path.join(BENCH, "node_modules", ".bin", "json-server")
        log("json-server 0.17 over db.json (a fresh copy)")
        _, ids = self.ids_of(self.loaded)
        # Its default heap (~4 GB) runs out rewriting a 100,000-pattern db.json on publish: give it 12 GB.
        os.environ["NODE_OPTIONS"] = "--max-old-space-size=12288"
        s = self.server = procs.start_command("json-server", [exe, "db.json", "--host", "127.0.0.1", "--port", str(port), "--quiet"],
                                port, self.path("json-server.log"), ready_path=f"/patterns/{ids[0]}", cwd=work)
        try:
            questions = self.questions.get(self.loaded)
            if questions:
                self.realistic_reads("json-server", s.url, questions)
            self.api_suite("json-server", s.url, ids)
        finally:
            s.stop()


def remove_db(path):
    """Deletes a SQLite database file and its WAL and shared-memory files, if there."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def _count(node):
    return 1 + sum(_count(c) for c in node.get("children", []))


def pg_tool(name):
    bins = sorted(d for d in os.listdir("/usr/lib/postgresql"))
    return os.path.join("/usr/lib/postgresql", bins[-1], "bin", name)


def pin_postgres(pg_dir):
    """The database server shares core 0 with the API server (as SQLite does, in-process)."""
    with open(os.path.join(pg_dir, "data", "postmaster.pid"), encoding="utf-8") as f:
        pid = f.readline().strip()
    subprocess.run(["taskset", "-a", "-p", "-c", "0", pid], check=False, stdout=subprocess.DEVNULL)


def run_browser(url, a, out_file):
    script = os.path.join(BENCH, "browser.mjs")
    if not (a.dist and os.path.exists(os.path.join(a.dist, "index.html"))):
        return {"skipped": "no built web app (dist/index.html); run scripts/build-web.sh"}
    log("browser: headless Chromium against the customizer")
    r = subprocess.run(procs.pinned(1, ["node", script, "--url", url, "--out", out_file,
                                        "--runs", str(a.runs), "--clicks", str(a.clicks)]), cwd=REPO)
    if r.returncode != 0:
        return {"skipped": f"browser.mjs failed with exit code {r.returncode}"}
    with open(out_file, encoding="utf-8") as f:
        result = json.load(f)
    result["lighthouse"] = run_lighthouse(a, os.path.join(os.path.dirname(out_file), "lighthouse.json"))
    return result


def run_lighthouse(a, out_file):
    """Lighthouse's mobile preset on the gallery, a pattern page, the customizer and the embed
    (bench/lighthouse/run.mjs starts its own server with the demo patterns)."""
    log("lighthouse: mobile preset, Debian's Chromium")
    env = dict(os.environ, STITCHFORK_BIN=a.bin, STITCHFORK_DIST=a.dist)
    r = subprocess.run(procs.pinned(1, ["node", os.path.join(BENCH, "lighthouse", "run.mjs"),
                                        "--runs", str(a.runs), "--out", out_file]), cwd=REPO, env=env)
    if r.returncode != 0:
        return {"skipped": f"lighthouse/run.mjs failed with exit code {r.returncode}"}
    with open(out_file, encoding="utf-8") as f:
        return json.load(f)


def browser_only(b, a):
    """Re-measures the browser figures on the loaded data set and updates `a.results` in place."""
    with open(a.results, encoding="utf-8") as f:
        results = json.load(f)
    try:
        b.data()
        work = b.fresh_copy("bench-sqlite.db")
        s = procs.start_stitchfork(a.bin, f"sqlite://{work}", b.path("stitchfork-browser.log"), dist=a.dist)
        results["browser"] = run_browser(s.url, a, b.path("browser.json"))
    finally:
        procs.stop_all()
    save_results(a.results, results)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="the stitchfork binary (release build)")
    ap.add_argument("--dist", default=os.path.join(REPO, "dist"))
    ap.add_argument("--venv", required=True)
    ap.add_argument("--patterns", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load first")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--clicks", type=int, default=120)
    ap.add_argument("--targets", default="stitchfork-sqlite,stitchfork-sqlite-nocache,stitchfork-postgres,datasette,json-server",
                    help="stitchfork-postgres includes its uncached rows and the two-server run")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--browser-only", action="store_true",
                    help="measure only the browser figures and merge them into an existing --results file")
    ap.add_argument("--out-dir", default=os.path.join(BENCH, "out"))
    ap.add_argument("--results", default=os.path.join(BENCH, "results.json"))
    ap.add_argument("--endpoints", default=",".join(PARTS), help=f"any of {','.join(PARTS)}")
    ap.add_argument("--oha", default=os.path.join(os.environ.get("BENCH_TOOLS", ""), "bin", "oha"),
                    help="the oha binary (open-loop runs; bench/tools.sh installs it)")
    ap.add_argument("--open-start", type=int, default=50, help="first open-loop rate, req/s")
    ap.add_argument("--open-max", type=int, default=200_000, help="highest open-loop rate tried, req/s")
    ap.add_argument("--open-duration", type=int, default=5, help="seconds per open-loop step")
    ap.add_argument("--open-connections", type=int, default=64)
    ap.add_argument("--open-paths", type=int, default=20_000, help="requests drawn per open-loop list")
    ap.add_argument("--mixed-requests", type=int, default=100_000, help="requests drawn for the mixed workload")
    ap.add_argument("--allow-dirty", action="store_true",
                    help="write results although the work tree has uncommitted changes (the table says so)")
    a = ap.parse_args(argv)
    b = Bench(a)
    b.provenance = provenance()
    if b.provenance["dirty"] and not a.allow_dirty:
        raise SystemExit("refusing to benchmark a work tree with uncommitted changes (results must name "
                         "the commit measured): commit first, or pass --allow-dirty. Changed: "
                         + ", ".join(b.provenance["changed_files"][:10]))
    b.browser = {"skipped": "not requested"} if a.no_browser else None
    if a.browser_only:
        return browser_only(b, a)
    started = time.time()
    chosen = a.targets.split(",")
    try:
        b.data()
        for t in chosen:
            getattr(b, "run_" + t.replace("-", "_"))()
    finally:
        procs.stop_all()
        write_results(a, b, chosen, started)


def save_results(path, results):
    """Writes results.json at `path`, its table next to it (.txt), and prints the table."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
        f.write("\n")
    text = stats.table(results)
    with open(os.path.splitext(path)[0] + ".txt", "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(text)


def provenance():
    """The commit measured, and the files that differ from it (tracked changes and untracked
    files outside ignored folders such as bench/out). Results from a tree with changes do
    not say what was measured, so the runner refuses them unless --allow-dirty."""
    git = lambda *args: subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True).stdout
    changed = [line[3:] for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short=12", "HEAD").strip(), "dirty": bool(changed),
            "changed_files": changed[:50]}


def write_results(a, b, chosen, started):
    """results.json and the table, also for a run that stopped part-way (what was measured)."""
    results = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **b.provenance,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
                    "pinning": "servers on core 0, wrk and Chromium on core 1" if (os.cpu_count() or 1) > 1 else "none"},
        "setup": {"patterns": a.patterns, "seed": a.seed, "connections": a.connections, "duration_s": a.duration,
                  "warmup_s": a.warmup, "runs": a.runs, "load_tool": subprocess.run(
                      ["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0].strip(),
                  "families": getattr(b, "marks", {}).get("families"), "targets": chosen,
                  "search_words": targets.SEARCH_WORDS, "page_size": targets.PAGE},
        "api": {e: v for e, v in b.api.items() if v},
        "mixed": b.mixed,
        "two_servers": b.two_servers,
        "open_loop": {e: v for e, v in b.open.items() if v},
        "open_loop_goal": {"p99_ms": realistic.P99_GOAL_MS, "step_s": a.open_duration,
                           "connections": a.open_connections, "tool": "oha --latency-correction"},
        "same_answers": realistic.compare_answers(b.answers),
        "lineage": b.lineage,
        "browser": b.browser,
        "elapsed_s": round(time.time() - started),
    }
    results["ratios"] = stats.ratios(results["api"])
    save_results(a.results, results)
    log(f"results: {a.results} (table: {os.path.splitext(a.results)[0]}.txt), {results['elapsed_s']} s")


if __name__ == "__main__":
    main()
