"""Schemathesis against a fresh server: every check, every phase (examples, coverage, fuzzing,
stateful), and a floor on the number of generated cases so a run that silently tests little
fails too.

    python3 -m sfbench.fuzz --bin "$CARGO_TARGET_DIR/server/stitchfork" --schemathesis VENV/bin/schemathesis \
        --max-examples 200 --min-cases 2000
"""
import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile

from . import procs


def count_cases(ndjson_path, output):
    """Generated test cases, from the run's summary line (e.g. 'Test cases: 2345 generated')."""
    m = re.search(r"Test cases:\s*([\d,]+)\s+generated", output)
    if m:
        return int(m.group(1).replace(",", ""))
    total = 0  # fallback: count scenario events of the ndjson report
    if os.path.exists(ndjson_path):
        with open(ndjson_path, encoding="utf-8") as f:
            for line in f:
                if '"ScenarioFinished"' in line:
                    total += len(json.loads(line).get("ScenarioFinished", {}).get("recorder", {}).get("cases", {}))
    return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--schemathesis", required=True)
    ap.add_argument("--max-examples", type=int, default=200)
    ap.add_argument("--min-cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args(argv)
    work = tempfile.mkdtemp(prefix="stitchfork-schemathesis-")
    report_dir = os.path.join(procs.REPO, "bench", "out", "schemathesis")
    os.makedirs(report_dir, exist_ok=True)
    admin = secrets.token_urlsafe(24)
    server = procs.start_stitchfork(a.bin, f"sqlite://{work}/fuzz.db", os.path.join(work, "server.log"), core=None,
                                    env={"STITCHFORK_ADMIN_KEY": admin})
    try:
        config = os.path.join(procs.REPO, "bench", "schemathesis.toml")
        argv = [a.schemathesis, "--config-file", config, "run", f"{server.url}/api/v1/openapi.json", "--checks", "all",
                "--max-examples", str(a.max_examples), "--workers", "2", "--no-color",
                "--generation-database", "none", "--request-timeout", "30",
                "--report", "junit,ndjson", "--report-dir", report_dir]
        if a.seed is not None:
            argv += ["--seed", str(a.seed)]
        env = dict(os.environ, SCHEMATHESIS_HOOKS="sfbench.st_hooks", STITCHFORK_ADMIN_KEY=admin,
                   PYTHONPATH=os.path.join(procs.REPO, "bench"))
        procs.log("schemathesis " + " ".join(argv[1:]))
        r = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(r.stdout)
        alive = server.proc.poll() is None
    finally:
        server.stop()
    cases = count_cases(os.path.join(report_dir, "events.ndjson"), r.stdout)
    problems = []
    if r.returncode != 0:
        problems.append(f"schemathesis reported failures (exit {r.returncode}); server log: {work}/server.log")
    if cases < a.min_cases:
        problems.append(f"only {cases} cases generated; at least {a.min_cases} required")
    if not alive:
        problems.append("the server died during the run")
    procs.log(f"schemathesis: {cases} cases generated, {len(problems)} problems; reports in {report_dir}")
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
