"""The parts of the benchmark that ask what users ask (see `workload`): the mixed closed-loop run
with writes, open-loop latency at fixed arrival rates (oha), and the check that every system
returns the same ids for the same question.

Open loop: oha sends requests at a fixed rate whatever the server does (`-q`), and with
`--latency-correction` each latency is counted from the moment the request was due, so a stall
shows in the tail instead of slowing the sender (coordinated omission). The rate steps up by
1.5x from `--open-start` until a step misses p99 <= 10 ms, has errors, or cannot be sent at
95% of its rate; one step halfway back then refines the answer. A step that misses is tried
once more before it counts as missed: on a shared machine one stall of another process is
enough to move the p99 of a few hundred requests (both tries are kept in the results).
"""
import json
import os
import random
import re
import subprocess
import time
from urllib.parse import quote

from . import procs, stats, targets
from .configs import Catalog
from .procs import log
from .workload import SORTS, Workload, Zipf, list_queries, search_terms, walk_cursors

P99_GOAL_MS = 10.0
STATS_LINE = re.compile(r"stitchfork_stats.*read_cache_hits=(\d+) read_cache_misses=(\d+) writes=(\d+) "
                        r"commits=(\d+) fallbacks=(\d+)")


def loaded_rows(loaded_file):
    """The loaded patterns in plan order, with their edit keys and configurations."""
    rows = []
    with open(loaded_file, encoding="utf-8") as f:
        f.readline()
        for line in f:
            rows.append(json.loads(line)["pattern"])
    return rows


def server_counters(log_path):
    """The last counters line a Stitchfork server logged at shutdown (see server.rs)."""
    found = None
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = STATS_LINE.search(line)
            if m:
                found = [int(x) for x in m.groups()]
    if not found:
        return None
    hits, misses, writes, commits, fallbacks = found
    return {"read_cache_hits": hits, "read_cache_misses": misses,
            "read_cache_hit_rate": round(hits / (hits + misses), 3) if hits + misses else None,
            "writes": writes, "commits": commits, "writes_per_commit": round(writes / commits, 2) if commits else None,
            "fallbacks": fallbacks}


class Questions:
    """The request lists of one data set (ids of one load), built once per loaded file."""

    def __init__(self, bench, loaded_file, fetch):
        a = bench.a
        self.rows = loaded_rows(loaded_file)
        rng = random.Random(a.seed + 2)
        self.terms = search_terms(self.rows, rng)
        product = self.rows[0]["product"]
        queries = list_queries(self.rows, product)
        pages = walk_cursors(fetch, queries, depth=10)
        self.workload = Workload(self.rows, pages, self.terms, Catalog(), a.seed + 3)
        w, n = self.workload, a.open_paths
        # The comparable questions (every system can answer them the same way):
        self.get_ids = [self.rows[w.ids.draw(w.rng)]["id"] for _ in range(n)]
        self.words = [w.terms.draw(w.rng) for _ in range(n)]
        popular = Zipf(pages["sort=popular"])  # pages 1..10 and 50, Zipf over depth
        self.popular_cursors = [cursor_of(popular.draw(w.rng)[1]) for _ in range(n)]

    def paths(self, target, endpoint):
        if endpoint == "get":
            return targets.get_paths(target, self.get_ids)
        if endpoint == "search":
            return targets.search_paths(target, self.words)
        return [popular_path(target, c) for c in self.popular_cursors]

    def mixed_lines(self, count):
        return [self.workload.line() for _ in range(count)]


def cursor_of(path):
    m = re.search(r"cursor=([^&]+)", path)
    return None if not m else m.group(1).replace("%2E", ".")


def popular_path(target, cursor):
    """A page of the most-liked patterns after `cursor` (`<likes>.<seq>`; None: the first)."""
    if target.startswith("stitchfork"):
        return f"/api/v1/patterns?sort=popular&limit={targets.PAGE}" + (f"&cursor={quote(cursor)}" if cursor else "")
    k, s = cursor.split(".") if cursor else (None, None)
    if target == "datasette":
        if cursor is None:
            return f"/{targets.DATASETTE_DB}/list_popular.json?_shape=objects"
        return f"/{targets.DATASETTE_DB}/list_popular_after.json?k={k}&s={s}&_shape=objects"
    if cursor is None:
        return f"/patterns?_sort=like_count,seq&_order=desc,desc&_limit={targets.PAGE}"
    return None  # json-server has no keyset filter on two columns


def oha(a, urls_file, rate, duration, out_file):
    argv = procs.pinned(1, [a.oha, "--no-tui", "--output-format", "json", "-o", out_file, "-z", f"{duration}s",
                            "-q", str(rate), "--latency-correction", "-c", str(a.open_connections),
                            "--urls-from-file", urls_file])
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out_file, encoding="utf-8") as f:
        r = json.load(f)
    lat = r.get("latencyPercentiles", {})
    codes = {int(k): v for k, v in r.get("statusCodeDistribution", {}).items()}
    errors = {k: v for k, v in r.get("errorDistribution", {}).items() if "deadline" not in k}
    ok = sum(v for c, v in codes.items() if c < 400)
    return {"rate": rate, "sent_rps": round(r["summary"]["requestsPerSec"], 1),
            "p50_ms": round(1000 * (lat.get("p50") or 0), 3), "p90_ms": round(1000 * (lat.get("p90") or 0), 3),
            "p99_ms": round(1000 * (lat.get("p99") or 0), 3), "max_ms": round(1000 * r["summary"]["slowest"], 3),
            "ok": ok, "bad_status": sum(codes.values()) - ok, "errors": sum(errors.values())}


def open_loop(bench, target, endpoint, base_url, paths):
    """The highest fixed arrival rate at which p99 <= 10 ms, with its percentiles."""
    a = bench.a
    urls = targets_urls = [base_url + p for p in paths if p]
    if not targets_urls:
        return {"skipped": "cannot ask this question"}
    urls_file = bench.path(f"oha-urls-{target}-{endpoint}.txt")
    with open(urls_file, "w", encoding="utf-8") as f:
        f.write("\n".join(urls) + "\n")
    steps = []

    def step(rate):
        """One rate, tried twice if the first try misses; the try that held, or the last."""
        for _ in range(2):
            procs.wait_idle(bench.server)
            r = oha(a, urls_file, rate, a.open_duration, bench.path("oha.json"))
            r["held"] = r["p99_ms"] <= P99_GOAL_MS and r["bad_status"] == 0 and r["errors"] == 0 \
                and r["sent_rps"] >= 0.95 * rate
            steps.append(r)
            if r["held"]:
                break
        return r

    best, rate, failed = None, float(a.open_start), None
    while rate <= a.open_max:
        r = step(int(rate))
        if not r["held"]:
            failed = rate
            break
        best, rate = r, rate * 1.5
    if best and failed:
        r = step(int((best["rate"] + failed) / 2))
        if r["held"]:
            best = r
    out = {"steps": steps}
    if best is None:
        out["skipped"] = f"p99 > {P99_GOAL_MS:g} ms already at {int(a.open_start)} req/s"
        out["below"] = int(a.open_start)
        out.update({k: steps[-1][k] for k in ("p50_ms", "p99_ms")})
    else:
        out.update({k: best[k] for k in ("rate", "p50_ms", "p90_ms", "p99_ms", "max_ms")})
    log(f"  open loop {target:<20} {endpoint:<7} " + (f"{out['rate']:>8} req/s at p99 {out['p99_ms']:.2f} ms"
                                                       if best else out["skipped"]))
    return out


def open_suite(bench, target, url, questions, endpoints=("get", "list", "search")):
    for endpoint in endpoints:
        try:
            bench.open[endpoint][target] = open_loop(bench, target, endpoint, url, questions.paths(target, endpoint))
        except (subprocess.CalledProcessError, OSError, ValueError, KeyError) as e:
            log(f"  open loop {target} {endpoint}: failed: {e}")
            bench.open[endpoint][target] = {"skipped": f"failed: {e}"}


def _wrk_mixed(bench, url, lines_file, out_file, connections, duration, delay_ms=None):
    """A wrk process replaying `lines_file` (mixed.lua) against `url`, started, not waited for;
    each connection pausing `delay_ms` between requests when given."""
    env = dict(os.environ, BENCH_REQUESTS=lines_file, BENCH_OUT=out_file)
    if delay_ms:
        env["BENCH_DELAY_MS"] = str(delay_ms)
    return subprocess.Popen(procs.pinned(1, ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s",
                                             "--timeout", "30s", "-s",
                                             os.path.join(bench.bench_dir, "wrk", "mixed.lua"), url]),
                            env=env, stdout=subprocess.DEVNULL)


def _wait(p):
    """Waits for a wrk process; its failure is the run's."""
    if p.wait() != 0:
        raise subprocess.CalledProcessError(p.returncode, p.args)


def mixed_run(bench, target, server, questions):
    """wrk over the mixed workload (closed loop), on a server started for it alone, so its
    counters at shutdown (read cache hits, writes per commit) are this run's."""
    a = bench.a
    lines_file = bench.path(f"mixed-{target}.tsv")
    with open(lines_file, "w", encoding="utf-8") as f:
        f.write("\n".join(questions.mixed_lines(a.mixed_requests)) + "\n")
    runs = []
    for k in range(a.runs + (1 if a.warmup else 0)):
        procs.wait_idle(server)
        out = bench.path(f"wrk-mixed-{target}-{k}.json")
        _wait(_wrk_mixed(bench, server.url, lines_file, out, a.connections,
                         a.warmup if (a.warmup and k == 0) else a.duration))
        if a.warmup and k == 0:
            continue
        with open(out, encoding="utf-8") as f:
            r = json.load(f)
        r["loadavg_1m"] = round(os.getloadavg()[0], 2)
        runs.append(r)
    s = stats.summarize(runs)
    log(f"  mixed {target:<20} {s['rps']:>10.1f} req/s  p50 {s['p50_ms']:.2f} ms  p99 {s['p99_ms']:.2f} ms  "
        f"errors {s['errors']}")
    return s


def answers(bench, target, url, questions):
    """Ids each comparable question returns on this system, keyed by the question."""
    out = {}
    rng = random.Random(bench.a.seed + 4)
    sample = {"get": rng.sample(questions.get_ids, min(30, len(questions.get_ids))),
              "search": list(dict.fromkeys(questions.words))[:60] + questions.terms[:20],
              "list": list(dict.fromkeys(questions.popular_cursors))[:11]}
    for endpoint, keys in sample.items():
        for key in keys:
            if endpoint == "get":
                path = targets.get_paths(target, [key])[0]
            elif endpoint == "search":
                if target == "json-server":
                    continue  # substring search: not the same question
                path = targets.search_paths(target, [key])[0]
            else:
                path = popular_path(target, key)
                if path is None:
                    continue
            try:
                _, body, _ = bench.fetch(url + path)
                out[f"{endpoint} {key}"] = targets.ids_in(target, body)[:targets.PAGE]
            except (OSError, ValueError, KeyError) as e:
                out[f"{endpoint} {key}"] = f"error: {e}"
    return out


def compare_answers(by_target):
    """For each other system: how many of the questions it answered gave the same ids, in the
    same order, as Stitchfork SQLite; with a few of the differences. PostgreSQL is loaded through
    the API on its own, so its patterns have other ids: its uncached server is compared with its
    cached one instead."""
    out = {}
    for target, theirs in by_target.items():
        reference = "stitchfork-postgres" if target.startswith("stitchfork-postgres-") else "stitchfork-sqlite"
        mine = by_target.get(reference)
        if target in ("stitchfork-sqlite", "stitchfork-postgres") or not mine:
            continue
        same, differ = 0, []
        for q, ids in theirs.items():
            if q not in mine:
                continue
            if ids == mine[q]:
                same += 1
            else:
                differ.append({"question": q, "stitchfork": mine[q][:5] if isinstance(mine[q], list) else mine[q],
                               target: ids[:5] if isinstance(ids, list) else ids})
        out[target] = {"questions": same + len(differ), "same": same, "differences": differ[:5],
                       "reference": reference}
    return out


READER_CACHE_MS = 600_000


def _written_ids(lines):
    """The ids of the patterns the write lines like or edit (what a stale cache would show wrong)."""
    ids = []
    for line in lines:
        m = re.match(r"(?:POST|PATCH)\t/api/v1/patterns/([^/\t]+)", line)
        if m:
            ids.append(m.group(1))
    return list(dict.fromkeys(ids))


def two_servers(bench, db_url, questions, start_server):
    """Two Stitchfork servers on one PostgreSQL: every write of the mixed workload goes to one,
    every read to the other, at the same time. Then: does the reader, whose read cache only
    hears of the writer's commits through LISTEN/NOTIFY, answer exactly what a server without
    a read cache reads from the database? Asked of the patterns the run liked and edited (each
    read on the reader before the run, so a stale copy would be kept) and of the list and
    search pages the run read."""
    a = bench.a
    lines = questions.mixed_lines(a.mixed_requests)
    reads = [l for l in lines if l.startswith("GET\t")]
    writes = [l for l in lines if not l.startswith("GET\t")]
    files = {}
    for name, part in (("reads", reads), ("writes", writes)):
        files[name] = bench.path(f"two-servers-{name}.tsv")
        with open(files[name], "w", encoding="utf-8") as f:
            f.write("\n".join(part) + "\n")
    writer = start_server("two-servers-writer")
    # The reader keeps answers 10 minutes (not 10 s), so only the writer's notifications can
    # make what it keeps current: expiry cannot hide a missed one.
    reader = start_server("two-servers-reader", {"STITCHFORK_READ_CACHE_MS": str(READER_CACHE_MS)})
    # The writes are paced (4 connections, each pausing 40 ms: under 100 writes/s): sent as
    # fast as they go, they were a third of the traffic instead of a gallery's ~5%.
    write_conns, write_pause_ms = 4, 40
    read_conns = a.connections - write_conns
    rng = random.Random(a.seed + 5)
    written = _written_ids(writes)
    watched = [f"/api/v1/patterns/{i}" for i in rng.sample(written, min(150, len(written)))]
    pages = list(dict.fromkeys(l.split("\t")[1] for l in reads if "/api/v1/patterns?" in l))[:150]
    result = {"writer": None, "reader": None, "write_connections": write_conns, "write_pause_ms": write_pause_ms,
              "reader_cache_ms": READER_CACHE_MS}
    try:
        for path in watched:
            bench.fetch(reader.url + path)
        runs = {"writer": [], "reader": []}
        for k in range(a.runs + (1 if a.warmup else 0)):
            procs.wait_idle(reader)
            duration = a.warmup if (a.warmup and k == 0) else a.duration
            outs = {"writer": bench.path(f"wrk-two-writer-{k}.json"), "reader": bench.path(f"wrk-two-reader-{k}.json")}
            pw = _wrk_mixed(bench, writer.url, files["writes"], outs["writer"], write_conns, duration,
                            write_pause_ms)
            pr = _wrk_mixed(bench, reader.url, files["reads"], outs["reader"], read_conns, duration)
            _wait(pw)
            _wait(pr)
            if a.warmup and k == 0:
                continue
            for role in runs:
                with open(outs[role], encoding="utf-8") as f:
                    runs[role].append(json.load(f))
        for role in runs:
            result[role] = stats.summarize(runs[role])
        log(f"  two servers: reader {result['reader']['rps']:.1f} req/s p99 {result['reader']['p99_ms']:.2f} ms, "
            f"writer {result['writer']['rps']:.1f} req/s p99 {result['writer']['p99_ms']:.2f} ms")
    finally:
        writer.stop()
    # Nothing writes any more: the reader's answers must now be what the database holds.
    fresh = start_server("two-servers-fresh", {"STITCHFORK_READ_CACHE_MS": "0"})
    same, differ = 0, []
    try:
        time.sleep(1)  # the last notifications on their way (the reader hears them asynchronously)
        for path in watched + pages:
            _, theirs, _ = bench.fetch(reader.url + path)
            _, truth, _ = bench.fetch(fresh.url + path)
            if theirs == truth:
                same += 1
            elif len(differ) < 5:
                differ.append(path)
    finally:
        fresh.stop()
        reader.stop()
    result["reader_counters"] = server_counters(reader.log_path)
    result["writer_counters"] = server_counters(writer.log_path)
    result["agreement"] = {"questions": len(watched) + len(pages), "same": same, "differences": differ,
                           "watched_patterns": len(watched), "pages": len(pages)}
    log(f"  two servers: the reader agrees with an uncached server on {same} of {len(watched) + len(pages)} answers")
    return result
