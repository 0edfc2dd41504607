#!/usr/bin/env python3
"""A/B of two guards against one smtp-sink, both up at once (docs/benchmarks.md, the A/B tables).

    python3 bench/ab.py A.jar B.jar ROW...      rows: 1x1s 1x10s 1x10r 1x50r 1x50s 1x10x10s 100k10s 100k50s 1m10s 1m50s

Both guards are started as bench/bench.py starts the guard (jvm.options, the 100,000-contact directory, every rule
on); each is warmed up with passes of every row for WARM seconds; then the rows run REPS times, A/B and B/A in turn,
and the single-message latency is probed PROBES times each. Prints medians of messages/s, the guard's CPU ms and
KB written per message, with each run's messages/s in brackets. Environment: REPS (3), WARM (90), PROBES (60),
EXTRA_A / EXTRA_B (extra application arguments of one side, e.g. EXTRA_B=--guard.delivery.workers=4), JVM_A / JVM_B
(extra JVM flags of one side). Needs what bench/run needs (smtp-sink; root); the same jar twice compares settings.
"""
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

ROWS = {"1x1s": (1024, 1, 1, False, 300), "1x10s": (1024, 1, 10, False, 1500), "1x10r": (1024, 1, 10, True, 1500), "1x50r": (1024, 1, 50, True, 1500),
        "1x50s": (1024, 1, 50, False, 1500), "1x10x10s": (1024, 10, 10, False, 1000),
        "100k10s": (102400, 1, 10, False, 600), "100k50s": (102400, 1, 50, False, 600),
        "1m10s": (1048576, 1, 10, False, 150), "1m50s": (1048576, 1, 50, False, 150)}


def cell(runs):
    runs = [r for r in runs if r]
    if not runs:
        return "incomplete"
    return (f"{statistics.median(r['msgs_per_s'] for r in runs):.0f}/s, "
            f"{statistics.median(r['cpu_ms_per_msg'] for r in runs):.2f} ms, "
            f"{statistics.median(r['kb_written_per_msg'] for r in runs):.0f} KB "
            "[" + " ".join("%.0f" % r["msgs_per_s"] for r in runs) + "]")


def main():
    if len(sys.argv) < 4 or any(r not in ROWS for r in sys.argv[3:]):
        sys.exit(__doc__)
    jar_a, jar_b = (os.path.abspath(j) for j in sys.argv[1:3])
    rows = [ROWS[r] for r in sys.argv[3:]]
    reps, warm = int(os.environ.get("REPS", 3)), float(os.environ.get("WARM", 90))
    probes = int(os.environ.get("PROBES", 60))
    jvm = bench.DEFAULT_GUARD_JVM
    work = tempfile.mkdtemp(prefix="guard-ab-")
    files, directory = bench.prepare(work, {r[0] for r in rows} | {1024}, 100_000)
    started = []
    try:
        sink = bench.Sink(work)
        started.append(sink)
        a = bench.Guard(work, sink.port, jar_a, directory, (jvm + " " + os.environ.get("JVM_A", "")).strip(), None,
                        None, extra=os.environ.get("EXTRA_A", "").split(), instance="A")
        started.append(a)
        b = bench.Guard(work, sink.port, jar_b, directory, (jvm + " " + os.environ.get("JVM_B", "")).strip(), None,
                        None, extra=os.environ.get("EXTRA_B", "").split(), instance="B")
        started.append(b)
        for guard in (a, b):
            bench.warm_up(guard, sink, rows, files, warm)
        results = {}
        for rep in range(reps):
            for i, row in enumerate(rows):
                order = [("A", a), ("B", b)] if (rep + i) % 2 == 0 else [("B", b), ("A", a)]
                for name, guard in order:
                    r = bench.run_row(guard, sink, row, files[row[0]])
                    bench.log(bench.label(row), name, r)
                    results.setdefault(bench.label(row), {}).setdefault(name, []).append(r)
        message = open(files[1024], "rb").read().replace(b"\n", b"\r\n")
        latency = {"A": [], "B": []}
        steps = {"A": [], "B": []}
        for _ in range(probes):
            latency["A"].append(bench.probe(a.port, sink, message, steps["A"]))
            latency["B"].append(bench.probe(b.port, sink, message, steps["B"]))
        print(f"| row | A: {os.path.basename(jar_a)} | B: {os.path.basename(jar_b)} |\n|---|---|---|")
        for label, by in results.items():
            print(f"| {label} | {cell(by['A'])} | {cell(by['B'])} |")
        print(f"latency median A {statistics.median(latency['A']):.2f} ms, B {statistics.median(latency['B']):.2f} ms; "
              + "; ".join(f"{n}: end of data → 250 {statistics.median(s[0] for s in v):.2f}, "
                          f"250 → at the sink {statistics.median(s[1] for s in v):.2f}" for n, v in steps.items()))
        print(f"resident A {bench.rss_mb(a.pid):.0f} MB (peak {bench.rss_mb(a.pid, 'VmHWM'):.0f}), "
              f"B {bench.rss_mb(b.pid):.0f} MB (peak {bench.rss_mb(b.pid, 'VmHWM'):.0f})")
    finally:
        for p in reversed(started):
            p.stop()


if __name__ == "__main__":
    main()
