"""Lineage latency of the 10,000-descendant family, with more samples than the runner's short
wrk runs (whose p99 is one or two slow requests): for each binary, a fresh copy of the loaded
SQLite data set, the server on core 0, 50 warm-up requests, then N sequential requests from this
process on core 1. Waits (up to 10 minutes) for a 1-minute load below 1.0 before each binary.

    PYTHONPATH=bench python3 -m sfbench.lineage_latency --out bench/out --key 12000-s7-m2396ac17 \\
        BIN [BIN...]

The key names the data set `bench/run.sh` loaded (bench/out/stitchfork-KEY.db).
"""
import argparse
import json
import os
import shutil
import time
import urllib.request

from . import procs


def quiet():
    for _ in range(120):
        if os.getloadavg()[0] < 1.0:
            break
        time.sleep(5)
    return os.getloadavg()[0]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="the bench output folder (bench/out)")
    ap.add_argument("--key", required=True, help="the data set's key, e.g. 12000-s7-m2396ac17")
    ap.add_argument("-n", type=int, default=1000, help="measured requests per binary")
    ap.add_argument("bins", nargs="+")
    a = ap.parse_args(argv)
    golden = os.path.join(a.out, f"stitchfork-{a.key}.db")
    with open(os.path.join(a.out, f"loaded-sqlite-{a.key}.jsonl"), encoding="utf-8") as f:
        root = json.loads(f.readline())["ids"]["big_family_root"]
    os.sched_setaffinity(0, {1} if (os.cpu_count() or 1) > 1 else {0})
    for k, binary in enumerate(a.bins):
        work = os.path.join(a.out, f"lineage-latency-{k}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(work + suffix):
                os.remove(work + suffix)
            if os.path.exists(golden + suffix):
                shutil.copyfile(golden + suffix, work + suffix)
        load = quiet()
        s = procs.start_stitchfork(binary, f"sqlite://{work}", os.path.join(a.out, f"lineage-latency-{k}.log"))
        url = f"{s.url}/api/v1/patterns/{root}/lineage"
        try:
            for _ in range(50):
                urllib.request.urlopen(url).read()
            times = []
            for _ in range(a.n):
                t = time.perf_counter()
                body = urllib.request.urlopen(url).read()
                times.append((time.perf_counter() - t) * 1000)
        finally:
            s.stop()
        times.sort()
        pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
        print(f"{binary}: load {load:.2f} at start, {os.getloadavg()[0]:.2f} at end; {a.n} requests of "
              f"{len(body):,} bytes: p50 {pct(50):.2f} ms, p90 {pct(90):.2f}, p99 {pct(99):.2f}, "
              f"max {times[-1]:.2f}", flush=True)


if __name__ == "__main__":
    main()
