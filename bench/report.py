"""The Markdown report of bench/run.py: the machine and engines, then three tables: medians
with dlc's speed against each peer and the targets, the fusion-off comparison, and the rates
each engine achieved. Rates use dlc-run's cost model of the dhlo program (the same math for
every engine): GFLOP/s for compute-bound workloads, GB/s of arguments and results for
memory-bound ones."""

import platform

import workloads

PEER_NAMES = {"numpy": "numpy", "torch": "PyTorch", "ort": "ORT"}


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def rate(w, cost, ms):
    """(value, unit) of one call's work done in `ms`, or None when unknown."""
    if not cost or ms is None:
        return None
    if w.memory_bound or cost["flop"] is None:
        return cost["bytes"] / ms * 1e-6, "GB/s"
    return cost["flop"] / ms * 1e-6, "GFLOP/s"


def ms_cell(record, engine):
    if engine in record["errors"]:
        return "failed"
    if engine not in record.get("median_ms", {}):
        return "—"
    agrees = record["agrees"].get(engine)
    wrong = " (wrong result)" if agrees and not agrees["ok"] else ""
    return f"{record['median_ms'][engine]:.3f}{wrong}"


def speed(record, peer):
    """peer time / dlc time: above 1, dlc is faster."""
    m = record.get("median_ms", {})
    return m[peer] / m["dlc"] if "dlc" in m and peer in m else None


def target_cell(w, record, stream_gbs):
    if not w.target:
        return "—", "—"
    dlc_agrees = record["agrees"].get("dlc", {}).get("ok")
    if (record["check"] or {}).get("passed") is False or not dlc_agrees:
        return w.target.text(), "not met (dlc's result failed a check)"
    if w.target.peer == "stream":
        r = rate(w, record.get("cost"), record.get("median_ms", {}).get("dlc"))
        if not r:
            return w.target.text(), "not measured"
        share = r[0] / stream_gbs
        return w.target.text(), f"{'met' if share >= w.target.ratio else 'not met'} ({share:.0%})"
    s = speed(record, w.target.peer)
    if s is None:
        return w.target.text(), "not measured"
    return w.target.text(), f"{'met' if s >= w.target.ratio else 'not met'} ({s:.2f}x)"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(info, results):
    peers = [p for p in PEER_NAMES if p in info["peers"]]
    out = [f"## dlc benchmark: {cpu_name()}, {info['threads']} threads, median of "
           f"{info['repeat']} rounds", ""]
    dlc_threads = (f"dlc-lower-to-cpu{{threads={info['dlc_threads']}}}" if info["dlc_threads"]
                   else "this build's dlc-lower-to-cpu has no threads option: dlc runs as it is built")
    out += [f"- dlc: `{info['pipelines']['dlc']}` ({dlc_threads})",
            f"- dlc fusion-off: `{info['pipelines']['dlc_nofusion']}`"]
    out += [f"- {PEER_NAMES[p]}: {info['peers'][p]}" for p in peers]
    missing = [PEER_NAMES[p] for p in PEER_NAMES if p not in info["peers"]]
    if missing:
        out.append(f"- not installed (bench/setup.sh): {', '.join(missing)}")
    rounds = ", ".join(f"{g:.1f}" for g in info["stream_gbs_rounds"])
    out += [f"- STREAM triad (bench/stream.c, {info['threads']} threads): median "
            f"{info['stream_gbs']:.1f} GB/s (rounds: {rounds})",
            f"- load average (1 min) before/after: {info['load_average'][0]:.2f} / "
            f"{info['load_average'][1]:.2f}", ""]

    rows, fusion, rates = [], [], []
    for name, record in results.items():
        w = workloads.find(name)
        check = ("not run" if not record["check"] else "FAIL: " + record["check"]["line"]
                 if record["check"]["passed"] is False else "pass" if record["check"]["passed"]
                 else record["check"]["line"])
        dlc_rate = rate(w, record.get("cost"), record.get("median_ms", {}).get("dlc"))
        target, met = target_cell(w, record, info["stream_gbs"])
        speeds = [f"{s:.2f}x" if (s := speed(record, p)) is not None else "—" for p in peers]
        rows.append([name, check, ms_cell(record, "dlc")] + [ms_cell(record, p) for p in peers] +
                    [f"{dlc_rate[0]:.1f} {dlc_rate[1]}" if dlc_rate else "—"] + speeds +
                    [target, met])
        s = speed(record, "dlc_nofusion")
        fused = ("nothing fused: same program" if record["fusions"] == 0 else "—" if s is None
                 else "yes" if s > 1 else "no")
        fusion.append([name, record["fusions"], ms_cell(record, "dlc"),
                       ms_cell(record, "dlc_nofusion"), f"{s:.2f}x" if s is not None else "—", fused])
        engine_rates = [rate(w, record.get("cost"), record.get("median_ms", {}).get(e))
                        for e in ["dlc", "dlc_nofusion"] + peers]
        unit = next((r[1] for r in engine_rates if r), "—")
        rates.append([name, unit] + [f"{r[0]:.1f}" if r else "—" for r in engine_rates])

    out += ["### Medians (ms) and dlc's speed against each peer", "",
            table(["workload", "dlc check", "dlc ms"] + [f"{PEER_NAMES[p]} ms" for p in peers] +
                  ["dlc rate"] + [f"speed vs {PEER_NAMES[p]}" for p in peers] +
                  ["target", "met"], rows), "",
            "speed vs X = X's median time / dlc's median time (above 1: dlc is faster). "
            "'dlc check': `dlc-run --check` against the reference evaluator (a target is met only "
            "if dlc's result also agrees with numpy's float64 evaluation); '(wrong result)': "
            "the engine's result is outside the workload's tolerance of numpy's float64 "
            "evaluation.", "",
            "### Fusion: dlc against the same pipelines with every fusing step removed", "",
            table(["workload", "dhlo.fusion ops", "dlc ms", "fusion-off ms",
                   "speed-up from fusion", "fused faster"], fusion), "",
            "### Achieved rates (dlc-run's cost model of the dhlo program)", "",
            table(["workload", "unit", "dlc", "dlc fusion-off"] +
                  [PEER_NAMES[p] for p in peers], rates)]
    return "\n".join(out)
