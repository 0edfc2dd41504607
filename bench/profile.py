#!/usr/bin/env python3
"""Where the guard's CPU goes, kernel included: perf on one guard under one row (docs/benchmarks.md, the profiles).

    python3 bench/profile.py JAR ROW OUT      ROW as bench/ab.py's: 1x1s 1x10s 1x50r 1x50s 1x10x10s 100k10s 1m10s

Starts smtp-sink and the guard as bench/ab.py does (with -XX:+PreserveFramePointer, so that perf can walk the
JIT's frames), warms it up with passes of the row for WARM seconds (90), then records `perf record -e cpu-clock -g`
on the guard's process during REPS (3) runs of the row, writes the JIT's symbol map (`jcmd PID Compiler.perfmap`)
and leaves OUT (perf.data) with OUT.children.txt: `perf report --children --sort sym`, the share of the samples
under each function. Needs perf (Debian `linux-perf`), root, and what bench/run needs.
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ab  # noqa: E402
import bench  # noqa: E402


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ab.ROWS:
        sys.exit(__doc__)
    jar, row, out = os.path.abspath(sys.argv[1]), ab.ROWS[sys.argv[2]], os.path.abspath(sys.argv[3])
    reps, warm = int(os.environ.get("REPS", 3)), float(os.environ.get("WARM", 90))
    work = tempfile.mkdtemp(prefix="guard-profile-")
    files, directory = bench.prepare(work, {row[0]}, 100_000)
    started = []
    try:
        sink = bench.Sink(work)
        started.append(sink)
        guard = bench.Guard(work, sink.port, jar, directory, bench.DEFAULT_GUARD_JVM + " -XX:+PreserveFramePointer",
                            None, None)
        started.append(guard)
        bench.warm_up(guard, sink, [row], files, warm)
        perf = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-F", "1999", "-g", "-p", str(guard.pid),
                                 "-o", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        for _ in range(reps):
            bench.log(bench.label(row), bench.run_row(guard, sink, row, files[row[0]]))
        subprocess.run(["jcmd", str(guard.pid), "Compiler.perfmap"], check=True, stdout=subprocess.DEVNULL)
        perf.send_signal(2)
        perf.wait(60)
        with open(out + ".children.txt", "w") as report:
            subprocess.run(["perf", "report", "-i", out, "--children", "--sort", "sym", "--stdio", "-g", "none",
                            "--percent-limit", "0.5"], stdout=report, stderr=subprocess.DEVNULL, check=True)
        print(out + ".children.txt")
    finally:
        for p in reversed(started):
            p.stop()


if __name__ == "__main__":
    main()
