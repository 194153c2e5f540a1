#!/usr/bin/env python3
"""Records benchmark runs and prints the Markdown table (standard library only).

    report.py record TOOL TASK GRAPH RUN RC TIMEFILE OUTFILE ERRFILE TIMEOUT   # one JSON line
    report.py table RESULTS.jsonl PEERS.json RUNS                              # Markdown
    report.py layout LAYOUT.txt RUNS                    # Markdown of fa2_bench's outputs
"""

import json
import re
import statistics
import sys

TOOLS = ["caremap", "networkit", "igraph", "rustworkx", "networkx", "graphology"]
TASKS = ["load", "components", "pagerank", "louvain", "leiden", "betweenness_exact",
         "betweenness_sampled"]
GRAPHS = ["sbm-10k", "ba-10k", "sbm-100k", "ba-100k"]


def record(tool, task, graph, run, rc, time_file, out_file, err_file, timeout):
    rec = {"tool": tool, "task": task, "graph": graph, "run": int(run)}
    try:
        with open(time_file) as f:
            last = f.read().strip().splitlines()[-1].split()
        rec["wall_seconds"] = float(last[0])
        rec["peak_kb"] = int(last[1])
    except (OSError, IndexError, ValueError):
        pass
    rc = int(rc)
    if tool == "caremap-cli":
        if rc == 0:
            rec["seconds"] = rec.get("wall_seconds")
            try:
                with open(out_file) as f:
                    doc = json.load(f)
                s = doc.get("structure", {})
                rec["result"] = {"modularity": s.get("modularity"), "betweenness": s.get("betweenness")}
            except (OSError, ValueError) as e:
                rec["error"] = f"output is not JSON: {e}"
    elif rc == 0:
        try:
            with open(out_file) as f:
                line = f.read().strip().splitlines()[-1]
            out = json.loads(line)
            for k in ("seconds", "result", "skipped", "threads"):
                if k in out:
                    rec[k] = out[k]
        except (OSError, IndexError, ValueError) as e:
            rec["error"] = f"no JSON line: {e}"
    if rc != 0:
        if rc == 124:
            rec["error"] = f"timed out after {timeout} s"
        else:
            try:
                with open(err_file) as f:
                    lines = [x for x in f.read().strip().splitlines() if x.strip()]
                tail = lines[-1][:200] if lines else ""
            except OSError:
                tail = ""
            rec["error"] = f"exit {rc}: {tail}"
    print(json.dumps(rec))


def fmt_s(x):
    if x is None:
        return "n/a"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    if x >= 0.01:
        return f"{x:.3f}"
    return f"{x:.4f}"


def table(results_path, status_path, runs):
    recs = [json.loads(line) for line in open(results_path) if line.strip()]
    status = json.load(open(status_path))
    groups = {}
    for r in recs:
        groups.setdefault((r["tool"], r["task"], r["graph"]), []).append(r)

    def cell(tool, task, graph):
        rs = groups.get((tool, task, graph), [])
        ok = [r for r in rs if r.get("seconds") is not None]
        if ok:
            return {
                "median": statistics.median(r["seconds"] for r in ok),
                "peak_mb": statistics.median(r["peak_kb"] for r in ok if "peak_kb" in r) / 1024
                if any("peak_kb" in r for r in ok) else None,
                "result": ok[0].get("result", {}),
                "runs": len(ok),
            }
        if rs:
            why = rs[0].get("skipped") or rs[0].get("error") or "no result"
            return {"na": why}
        return None

    out = []
    p = out.append
    p(f"Medians of {runs} run(s). Cells: seconds for the task alone (loading excluded except in `load`),")
    p("then the ratio caremap/peer in brackets (below 1: caremap faster). Peak memory is that of the")
    p("whole process (interpreter, loading and task), in MB.")
    p("")
    missing = {k: v for k, v in status.items() if v}
    for tool, why in missing.items():
        p(f"- {tool}: n/a ({why})")
    if missing:
        p("")
    notes = {}
    for graph in GRAPHS:
        if not any(k[2] == graph for k in groups):
            continue
        p(f"### {graph}")
        p("")
        p("| task | " + " | ".join(TOOLS) + " |")
        p("| --- |" + " --- |" * len(TOOLS))
        for task in TASKS:
            row = []
            base = cell("caremap", task if task != "leiden" else "louvain", graph)
            any_cell = False
            for tool in TOOLS:
                c = cell(tool, task, graph)
                if c is None:
                    row.append("")
                    continue
                any_cell = True
                if "na" in c:
                    row.append("n/a")
                    notes.setdefault(f"{tool} {task}", c["na"])
                    continue
                text = fmt_s(c["median"])
                if tool != "caremap" and base and "median" in base and c["median"] > 0:
                    text += f" [{base['median'] / c['median']:.2f}]"
                row.append(text)
            if any_cell:
                label = task + (" (ratio: caremap's Louvain)" if task == "leiden" else "")
                p(f"| {label} | " + " | ".join(row) + " |")
        p("")
        p("Peak memory (MB):")
        p("")
        p("| task | " + " | ".join(TOOLS) + " |")
        p("| --- |" + " --- |" * len(TOOLS))
        for task in TASKS:
            row = []
            any_cell = False
            for tool in TOOLS:
                c = cell(tool, task, graph)
                if c and c.get("peak_mb") is not None:
                    any_cell = True
                    row.append(f"{c['peak_mb']:.0f}")
                else:
                    row.append("")
            if any_cell:
                p(f"| {task} | " + " | ".join(row) + " |")
        p("")
        p("Results (to check the tools did the same work):")
        p("")
        for task in ["components", "pagerank", "louvain", "leiden", "betweenness_exact", "betweenness_sampled"]:
            parts = []
            for tool in TOOLS:
                c = cell(tool, task, graph)
                if not c or "result" not in c:
                    continue
                r = c["result"]
                if task == "components":
                    parts.append(f"{tool} {r.get('count')}")
                elif task in ("louvain", "leiden"):
                    parts.append(f"{tool} Q={r.get('modularity', float('nan')):.4f} ({r.get('communities')})")
                elif task == "pagerank":
                    e = r.get("max_abs_error")
                    parts.append(f"{tool} " + (f"max |Δ| vs caremap {e:.1e}" if e is not None and tool != "caremap" else "reference"))
                elif task == "betweenness_exact":
                    e = r.get("max_abs_error")
                    parts.append(f"{tool} " + (f"max |Δ| vs caremap {e:.1e}" if e is not None and tool != "caremap" else f"max {r.get('max', 0):.5f}"))
                else:
                    e = r.get("max_abs_error")
                    n_src = r.get("sources", r.get("samples"))
                    bound = r.get("error_bound")
                    s = f"{tool} {n_src} samples, bound {bound:.3f} at {r.get('confidence')}"
                    s += f", observed max error {e:.4f}" if e is not None else ", observed error not measured (no exact reference)"
                    parts.append(s)
            if parts:
                p(f"- {task}: " + "; ".join(parts))
        p("")
    # The whole analysis.
    p("### Whole analysis: `caremap analyse FILE.json --format json`")
    p("")
    p("| graph | seconds | peak MB | betweenness |")
    p("| --- | --- | --- | --- |")
    for graph in GRAPHS:
        c = cell("caremap-cli", "analyse", graph)
        if c is None:
            continue
        if "na" in c:
            p(f"| {graph} | n/a ({c['na']}) | | |")
            continue
        b = (c["result"] or {}).get("betweenness") or {}
        p(f"| {graph} | {fmt_s(c['median'])} | {c['peak_mb']:.0f} | {b.get('method', '')} |")
    p("")
    if notes:
        p("n/a cells:")
        p("")
        for k, v in sorted(notes.items()):
            p(f"- {k}: {v}")
        p("")
    p("### Targets")
    p("")
    p("| target | graph | caremap | peer | ratio | met |")
    p("| --- | --- | --- | --- | --- | --- |")

    def target(name, graph, cm, peer_label, peer, limit=1.0, extra_ok=True, extra=""):
        if not cm or "median" not in cm or peer is None:
            p(f"| {name} | {graph} | n/a | {peer_label} | | not measured |")
            return
        ratio = cm["median"] / peer
        met = ratio <= limit and extra_ok
        p(f"| {name} | {graph} | {fmt_s(cm['median'])} s | {peer_label} {fmt_s(peer)} s | {ratio:.2f} | {'met' if met else 'missed'}{extra} |")

    def med(tool, task, graph):
        c = cell(tool, task, graph)
        return c["median"] if c and "median" in c else None

    for graph in ["sbm-100k", "ba-100k"]:
        if not any(k[2] == graph for k in groups):
            continue
        peers = [(t, med(t, "load", graph)) for t in ("networkit", "igraph", "rustworkx")]
        peers = [x for x in peers if x[1] is not None]
        best = min(peers, key=lambda x: x[1]) if peers else (None, None)
        target("load ≤ fastest of networkit/igraph/rustworkx", graph, cell("caremap", "load", graph), best[0] or "", best[1])
        for task in ("components", "pagerank"):
            target(f"{task} ≤ networkit", graph, cell("caremap", task, graph), "networkit", med("networkit", task, graph))
        cm = cell("caremap", "louvain", graph)
        nk = cell("networkit", "louvain", graph)
        if cm and nk and "result" in cm and "result" in nk:
            dq = cm["result"]["modularity"] - nk["result"]["modularity"]
            target("Louvain ≤ networkit PLM, modularity within 0.01", graph, cm, "networkit", nk["median"],
                   extra_ok=dq >= -0.01, extra=f" (ΔQ {dq:+.3f})")
        else:
            target("Louvain ≤ networkit PLM, modularity within 0.01", graph, cm, "networkit", None)
        cm = cell("caremap", "betweenness_sampled", graph)
        nk = cell("networkit", "betweenness_sampled", graph)
        ok = bool(cm and nk and "result" in cm and "result" in nk
                  and cm["result"].get("error_bound", 1) <= nk["result"].get("error_bound", 0) + 1e-3)
        target("sampled betweenness ≤ networkit ApproxBetweenness, bound ≤ its bound", graph, cm, "networkit",
               nk["median"] if nk and "median" in nk else None, extra_ok=ok)
    for graph in ["sbm-10k", "ba-10k"]:
        if any(k[2] == graph for k in groups):
            target("exact betweenness ≤ 0.5 × igraph", graph, cell("caremap", "betweenness_exact", graph),
                   "igraph", med("igraph", "betweenness_exact", graph), limit=0.5)
    for graph, secs, mb in [("sbm-10k", 10, 500), ("ba-10k", 10, 500), ("sbm-100k", 30, 2048), ("ba-100k", 30, 2048)]:
        c = cell("caremap-cli", "analyse", graph)
        if c is None:
            continue
        if "median" not in c:
            p(f"| analyse < {secs} s, peak < {mb} MB | {graph} | n/a | | | not measured |")
            continue
        met = c["median"] < secs and c["peak_mb"] < mb
        p(f"| analyse < {secs} s, peak < {mb} MB | {graph} | {fmt_s(c['median'])} s, {c['peak_mb']:.0f} MB | limit {secs} s, {mb} MB | {c['median'] / secs:.2f} of the time limit | {'met' if met else 'missed'} |")
    p("")
    print("\n".join(out))


MEASURES = re.compile(
    r"^(?P<who>caremap|graphology|random start)[^:]*?(?:, (?P<secs>[\d.]+) s)?: same/different distance (?P<same>[\d.NaN]+), "
    r"10-NN purity (?P<purity>[\d.NaN]+), edge/random length (?P<edge>[\d.NaN]+)$"
)


def layout(path, runs):
    """The ForceAtlas2 section: medians over the runs of fa2_bench's output, per network."""
    sizes = {}
    entry = None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("=== "):
                n, m, c, _, _run = line[4:].split()
                entry = {}
                sizes.setdefault((int(n), int(m), int(c)), []).append(entry)
            elif entry is None:
                continue
            elif line.startswith("failed:"):
                entry["failed"] = line
            else:
                match = MEASURES.match(line)
                # Only the 100-iteration layouts (fa2_bench --curve adds others).
                if match and (match["who"] == "random start" or "100 iterations" in line):
                    entry[match["who"]] = match.groupdict()
    out = ["## ForceAtlas2 layout (100 iterations, Barnes-Hut, theta 1.2)", ""]
    out.append(f"Medians of {runs} run(s). Times: the layout alone, in seconds. Quality (see docs/benchmarks.md): "
               "same/diff (lower is better), 10-NN purity (higher is better), edge/random (lower is better).")
    out.append("")
    out.append("| network | caremap s | graphology s | caremap/graphology | ratios of the runs | same/diff ours / theirs | purity ours / theirs | edge/random ours / theirs | target 0.1 |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (n, m, c), entries in sizes.items():
        done = [e for e in entries if "caremap" in e and "graphology" in e and e["caremap"]["secs"] and e["graphology"]["secs"]]
        if not done:
            why = next((e.get("failed") for e in entries if e.get("failed")), "no complete run")
            out.append(f"| {n:,} / {m:,} | n/a | n/a | n/a | {why} | | | | |")
            continue
        ours = statistics.median(float(e["caremap"]["secs"]) for e in done)
        theirs = statistics.median(float(e["graphology"]["secs"]) for e in done)
        ratios = [float(e["caremap"]["secs"]) / float(e["graphology"]["secs"]) for e in done]
        ratio = statistics.median(ratios)
        q = lambda who, k: statistics.median(float(e[who][k]) for e in done)
        out.append(
            f"| {n:,} / {m:,} ({c} communities) | {ours:.2f} | {theirs:.2f} | {ratio:.3f} | "
            f"{', '.join(f'{r:.3f}' for r in ratios)} | {q('caremap', 'same'):.3f} / {q('graphology', 'same'):.3f} | "
            f"{q('caremap', 'purity'):.3f} / {q('graphology', 'purity'):.3f} | {q('caremap', 'edge'):.3f} / {q('graphology', 'edge'):.3f} | "
            f"{'met' if ratio <= 0.1 else 'missed'} |"
        )
    out.append("")
    print("\n".join(out))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "record" and len(sys.argv) == 11:
        record(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "layout":
        layout(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
