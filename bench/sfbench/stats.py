"""Medians, spreads and ratios of repeated wrk runs, and the printed table."""
import statistics

TARGET_NAMES = {
    "stitchfork-sqlite": "Stitchfork (SQLite)",
    "stitchfork-sqlite-nocache": "SF SQLite, no read cache",
    "stitchfork-postgres": "Stitchfork (PostgreSQL)",
    "stitchfork-postgres-nocache": "SF PostgreSQL, no cache",
    "datasette": "Datasette",
    "json-server": "json-server",
}
ALTERNATIVES = ("datasette", "json-server")


def summarize(runs):
    """One figure from several runs: medians, and the spread of throughput as min..max."""
    rps = [r["rps"] for r in runs]
    med = statistics.median(rps)
    return {
        "rps": round(med, 1),
        "rps_min": round(min(rps), 1),
        "rps_max": round(max(rps), 1),
        "spread_pct": round(100 * (max(rps) - min(rps)) / med, 1) if med else None,
        "p50_ms": round(statistics.median(r["p50_ms"] for r in runs), 3),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 3),
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(sum(r["errors"].values()) for r in runs),
        "runs": runs,
    }


def ratios(api):
    """For each endpoint and Stitchfork backend: how many times the alternative's throughput,
    and how many times lower the p99 latency."""
    out = {}
    for endpoint, by_target in api.items():
        for sf in ("stitchfork-sqlite", "stitchfork-sqlite-nocache", "stitchfork-postgres"):
            mine = by_target.get(sf)
            if not mine or not mine.get("rps"):
                continue
            for alt in ALTERNATIVES:
                theirs = by_target.get(alt)
                if not theirs or not theirs.get("rps"):
                    continue
                out.setdefault(endpoint, {}).setdefault(sf, {})[alt] = {
                    "throughput_x": round(mine["rps"] / theirs["rps"], 1),
                    "p99_x": round(theirs["p99_ms"] / mine["p99_ms"], 1) if mine["p99_ms"] else None,
                }
    return out


def _x(r):
    return "" if r is None else f"{r['throughput_x']:>7.1f}x {r['p99_x']:>6.1f}x"


def render(path):
    """Re-renders the table of a results.json (e.g. after a run that stopped part-way)."""
    import json
    with open(path, encoding="utf-8") as f:
        return table(json.load(f))


def table(results):
    """The API table, then lineage and browser figures, as printed text."""
    api, rat = results["api"], results["ratios"]
    commit = results.get("commit", "?")
    if results.get("dirty", str(commit).endswith("-dirty")):
        where = f"commit {commit} WITH UNCOMMITTED CHANGES (--allow-dirty): not reproducible from the commit"
    else:
        where = f"commit {commit} (clean tree)"
    lines = [
        f"Measured {results.get('generated_at', '?')} from {where}",
        f"API: {results['setup']['patterns']:,} patterns, {results['setup']['connections']} connections, "
        f"{results['setup']['duration_s']} s x {results['setup']['runs']} runs (median; spread = (max-min)/median of req/s)",
        "",
        f"{'endpoint':<9}{'target':<25}{'req/s':>10}{'spread':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>7}"
        f"   {'vs Datasette (req/s, p99)':>26}   {'vs json-server (req/s, p99)':>28}",
    ]
    for endpoint, by_target in api.items():
        for target, s in by_target.items():
            if s.get("skipped"):
                lines.append(f"{endpoint:<9}{TARGET_NAMES[target]:<25}{'   n/a: ' + s['skipped']}")
                continue
            r = rat.get(endpoint, {}).get(target, {})
            spread = "    n/a" if s["spread_pct"] is None else f"{s['spread_pct']:>6.1f}%"
            if not s["requests"]:
                lines.append(f"{endpoint:<9}{TARGET_NAMES[target]:<25}{0.0:>10.1f}   no request completed within a run")
                continue
            lines.append(
                f"{endpoint:<9}{TARGET_NAMES[target]:<25}{s['rps']:>10.1f} {spread}"
                f"{s['p50_ms']:>9.2f}{s['p99_ms']:>9.2f}{s['errors']:>7}"
                f"   {_x(r.get('datasette')):>26}   {_x(r.get('json-server')):>28}")
        lines.append("")
    lines += realistic_table(results)
    if results.get("lineage"):
        lines.append("Lineage (1 connection; median of runs):")
        for row in results["lineage"]:
            lines.append(f"  {row['backend']:<10} {row['case']:<44} p50 {row['p50_ms']:>8.2f} ms  "
                         f"p99 {row['p99_ms']:>8.2f} ms  {row['rps']:>8.1f} req/s  "
                         f"{row['nodes']} nodes, {row['bytes']:,} bytes")
        lines.append("")
    b = results.get("browser")
    if b and not b.get("skipped"):
        lines.append("Browser (headless Chromium, customizer page; median of runs):")
        lines.append(f"  first load: {b['first_load_bytes']:,} bytes transferred (compressed), "
                     f"navigation to interactive {b['nav_to_interactive_ms']:.0f} ms")
        lines.append(f"  option click to repaint over {b['clicks']} clicks: p50 {b['click_p50_ms']:.2f} ms, "
                     f"p95 {b['click_p95_ms']:.2f} ms, max {b['click_max_ms']:.2f} ms")
        if "click_to_dom_p50_ms" in b:
            lines.append(f"  option click to preview changed in the DOM (before the frame): "
                         f"p50 {b['click_to_dom_p50_ms']:.2f} ms, p95 {b['click_to_dom_p95_ms']:.2f} ms")
        lh = b.get("lighthouse") or {}
        if lh.get("pages"):
            lines.append(f"Lighthouse {lh['lighthouse']} ({lh['preset']}; median of runs):")
            for name, r in lh["pages"].items():
                lines.append(f"  {name:<11} performance {r['performance']:>3}  accessibility {r['accessibility']:>3}  "
                             f"LCP {r['lcp_ms']:>6,} ms  TBT {r['tbt_ms']:>5,} ms  CLS {r['cls']:.3f}  "
                             f"{r['transfer_bytes'] / 1024:,.0f} KB sent")
        elif lh:
            lines.append(f"Lighthouse: skipped ({lh['skipped']})")
    elif b:
        lines.append(f"Browser: skipped ({b['skipped']})")
    return "\n".join(lines)


def _name(target):
    return TARGET_NAMES.get(target, target)


def realistic_table(results):
    """The mixed workload, open-loop rates and the same-answers check (see realistic.py)."""
    lines = []
    mixed = results.get("mixed") or {}
    if mixed:
        lines.append("Mixed workload (closed loop, wrk; Zipf gets, every list sort/filter incl. deep cursors, "
                     "Zipf searches over >= 1,000 terms, ~5% publish/fork/like/edit):")
        for target, s in mixed.items():
            c = s.get("counters") or {}
            if s.get("skipped"):
                lines.append(f"  {_name(target):<25} n/a: {s['skipped']}")
                continue
            hit = c.get("read_cache_hit_rate")
            lines.append(f"  {_name(target):<25}{s['rps']:>10.1f} req/s  p50 {s['p50_ms']:>7.2f} ms  "
                         f"p99 {s['p99_ms']:>7.2f} ms  errors {s['errors']:>4}  read cache hit rate "
                         f"{'n/a' if hit is None else f'{100 * hit:.1f}%'}  writes per commit "
                         f"{c.get('writes_per_commit') or 'n/a'}")
        lines.append("")
    open_loop = results.get("open_loop") or {}
    if open_loop:
        goal = results.get("open_loop_goal", {})
        lines.append(f"Open loop (oha at fixed rates, latency from when each request was due): the highest rate "
                     f"holding p99 <= {goal.get('p99_ms', 10):g} ms ({goal.get('step_s')} s steps x1.5), "
                     f"and the closed-loop req/s beside it")
        lines.append(f"{'endpoint':<9}{'target':<25}{'rate':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
                     f"{'closed':>10}   vs Datasette   vs json-server")
        for endpoint, by_target in open_loop.items():
            for target, o in by_target.items():
                closed = results.get("api", {}).get(endpoint, {}).get(target, {}).get("rps")
                closed_s = f"{closed:>10.1f}" if closed else f"{'':>10}"
                if "rate" not in o:
                    extra = f" (p99 {o['p99_ms']:.2f} ms there)" if "p99_ms" in o else ""
                    lines.append(f"{endpoint:<9}{_name(target):<25}{'n/a: ' + o.get('skipped', '?')}{extra}")
                    continue
                vs = []
                for alt in ALTERNATIVES:
                    theirs = by_target.get(alt, {})
                    if target.startswith("stitchfork") and theirs.get("rate"):
                        vs.append(f"{o['rate'] / theirs['rate']:>10.1f}x")
                    elif target.startswith("stitchfork") and theirs.get("below"):
                        vs.append(f"{'>= ' + format(o['rate'] / theirs['below'], '.1f') + 'x':>11}")
                    else:
                        vs.append(f"{'':>11}")
                lines.append(f"{endpoint:<9}{_name(target):<25}{o['rate']:>9}{o['p50_ms']:>9.2f}{o['p90_ms']:>9.2f}"
                             f"{o['p99_ms']:>9.2f}{closed_s}   {'   '.join(vs)}")
            lines.append("")
    two = results.get("two_servers") or {}
    if two.get("skipped"):
        lines += ["Two servers on one PostgreSQL: n/a: " + two["skipped"], ""]
    elif two:
        lines.append("Two servers on one PostgreSQL (the mixed workload split: every write to one server, paced, "
                     f"{two.get('write_connections')} connections each pausing {two.get('write_pause_ms')} ms; every "
                     "read to the other, closed loop; both servers and PostgreSQL on core 0):")
        for role, what in (("reader", "reads"), ("writer", "writes")):
            r = two[role]
            c = two.get(f"{role}_counters") or {}
            hit = c.get("read_cache_hit_rate")
            lines.append(f"  {role} ({what}){'':<6}{r['rps']:>10.1f} req/s  p50 {r['p50_ms']:>7.2f} ms  "
                         f"p99 {r['p99_ms']:>7.2f} ms  errors {r['errors']:>4}"
                         + (f"  read cache hit rate {100 * hit:.1f}%" if hit is not None else ""))
        ag = two["agreement"]
        lines.append(f"  afterwards the reader (answers kept {two.get('reader_cache_ms', 0) // 60000} min, so only "
                     f"notifications refresh them) answers exactly as a server without read cache: {ag['same']} of "
                     f"{ag['questions']}")
        lines.append(f"  ({ag['watched_patterns']} patterns the run liked or edited, each read on the reader before it; "
                     f"{ag['pages']} list and search pages it read)")
        for d in ag["differences"][:3]:
            lines.append(f"      differs: {d}")
        lines.append("")
    same = results.get("same_answers") or {}
    if same:
        lines.append("Same question, same answer (ids in order, vs Stitchfork SQLite, on a sample of gets, "
                     "popular pages incl. cursors, and searches; json-server: no search, first page only;")
        lines.append("PostgreSQL, loaded with other ids, vs Stitchfork PostgreSQL):")
        for target, s in same.items():
            vs = f" (vs {_name(s['reference'])})" if s.get("reference", "stitchfork-sqlite") != "stitchfork-sqlite" else ""
            lines.append(f"  {_name(target):<25} {s['same']} of {s['questions']} answers identical{vs}")
            for d in s["differences"][:3]:
                lines.append(f"      differs: {d}")
        lines.append("")
    return lines
