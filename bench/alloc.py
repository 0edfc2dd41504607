#!/usr/bin/env python3
"""Heap allocated per message by one guard (docs/benchmarks.md, "Smaller buffers for small messages").

    python3 bench/alloc.py JAR          KB allocated per message, three times each for three rows
    JFR=FILE RCPTS=N python3 bench/alloc.py JAR
                                        instead: a JFR recording (settings=profile) of 2,000 messages of 1 KB to N
                                        recipients at 10 sessions, after 3,000 to warm up

The guard is started as bench/bench.py starts it (jvm.options, the 100,000-contact directory, every rule on) with a GC
log. Each row runs four times to warm up, then three times measured: the heap allocated during a row is what is in
use at its end, less what was in use at its start, plus what every collection during it freed (the GC log's
before->after, in MB). Unlike messages per second, the figure hardly moves with the machine's load.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

ROWS = [(1024, 1, 10, False, 1000), (1024, 10, 10, False, 500), (102400, 1, 10, False, 300)]
COLLECTION = re.compile(r"Pause \w+ .*?(\d+)M->(\d+)M")


def used_kb(pid):
    """Heap in use (survivor spaces, eden and old generation), from jstat."""
    out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True, check=True).stdout.split("\n")
    fields = dict(zip(out[0].split(), out[1].split()))
    return sum(float(fields[k]) for k in ("S0U", "S1U", "EU", "OU"))


def freed_kb(lines):
    return sum((int(m.group(1)) - int(m.group(2))) * 1024 for line in lines for m in [COLLECTION.search(line)] if m)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    jar = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="guard-alloc-")
    files, directory = bench.prepare(work, {r[0] for r in ROWS}, 100_000)
    gc_log = os.path.join(work, "gc.log")
    sink = bench.Sink(work)
    guard = bench.Guard(work, sink.port, jar, directory, bench.DEFAULT_GUARD_JVM + f" -Xlog:gc:file={gc_log}", None,
                        None)
    try:
        if os.environ.get("JFR"):
            row = (1024, int(os.environ.get("RCPTS", "1")), 10, False, 500)
            for _ in range(6):
                bench.run_row(guard, sink, row, files[1024])
            subprocess.run(["jcmd", str(guard.pid), "JFR.start", "settings=profile", "name=alloc",
                            "filename=" + os.path.abspath(os.environ["JFR"])], check=True, capture_output=True)
            for _ in range(4):
                bench.run_row(guard, sink, row, files[1024])
            subprocess.run(["jcmd", str(guard.pid), "JFR.stop", "name=alloc"], check=True, capture_output=True)
            return
        for row in ROWS * 4:
            bench.run_row(guard, sink, row, files[row[0]])
        for row in ROWS:
            per_message = []
            for _ in range(3):
                with open(gc_log) as f:
                    seen = len(f.readlines())
                before = used_kb(guard.pid)
                bench.run_row(guard, sink, row, files[row[0]])
                time.sleep(0.3)
                after = used_kb(guard.pid)
                with open(gc_log) as f:
                    collections = f.readlines()[seen:]
                per_message.append((after - before + freed_kb(collections)) / row[4])
            print(f"{bench.label(row)}: KB allocated per message " + " ".join(f"{x:.0f}" for x in per_message))
    finally:
        guard.stop()
        sink.stop()


if __name__ == "__main__":
    main()
