#!/usr/bin/env python3
"""Side-by-side load harness: smtp-source -> (private Postfix | guard jar) -> smtp-sink.

Run through bench/run (which builds the jar and installs Postfix's tools when missing); see
docs/benchmarks.md, "Guard and Postfix side by side". Standard library only.
"""
import argparse
import base64
import itertools
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
SENDER = "bench@example.co.jp"
RECIPIENT_DOMAIN = "bench-partner.co.jp"
RECIPIENT = "rcpt@" + RECIPIENT_DOMAIN
# the guard's JVM flags: the argument file that README's "Memory" section documents for production and ./run uses
JVM_OPTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "jvm.options")
DEFAULT_GUARD_JVM = "@" + JVM_OPTIONS
# the auditor the harness reads the decision log as (--kill9): password "bench", bcrypt with cost 4
AUDITOR = "bench-auditor"
AUDITOR_PASSWORD = "bench"
AUDITOR_HASH = "$2a$04$yqwjs4FbstaUytF8mcu/cuGnN/.lVdSbbPNJwvbJt60nd7v1HR9J6"


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the sink

class Sink:
    """smtp-sink with running counters; `count` is the number of messages it has taken (".")."""

    def __init__(self, work, dump=None):
        self.port = free_port()
        self.count = 0
        self.dump = dump
        self._cond = threading.Condition()
        cmd = ["smtp-sink", "-u", "postfix", "-c", f"127.0.0.1:{self.port}", "1024"]
        if dump:  # each message to its own file (the kill -9 check reads them): dump/m.<random hex>
            os.makedirs(dump, exist_ok=True)
            shutil.chown(dump, "postfix")
            cmd[1:1] = ["-d", os.path.join(dump, "m.")]
        self.proc = subprocess.Popen(cmd,
            stdout=subprocess.PIPE, stderr=open(os.path.join(work, "sink.err"), "wb"), cwd=work)
        threading.Thread(target=self._read, daemon=True).start()
        wait_for_port(self.port, 10)

    def _read(self):
        buf = b""
        pattern = re.compile(rb"mesg=(\d+)")
        while True:
            chunk = self.proc.stdout.read1(65536)
            if not chunk:
                return
            buf = (buf + chunk)[-256:]
            found = pattern.findall(buf)
            if found:
                with self._cond:
                    self.count = int(found[-1])
                    self._cond.notify_all()

    def wait_for(self, target, timeout):
        """Waits until the sink has taken `target` messages; returns the time it did (or None)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.count < target:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(min(left, 0.05))
            return time.monotonic()

    def dumped(self, pattern):
        """How often each match of the bytes pattern's group occurs in the dumped messages."""
        seen = {}
        for name in os.listdir(self.dump):
            try:
                with open(os.path.join(self.dump, name), "rb") as f:
                    for found in pattern.findall(f.read()):
                        seen[found] = seen.get(found, 0) + 1
            except OSError:
                pass
        return seen

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def wait_for_port(port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                if s.recv(1)[:1] == b"2":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing greets on 127.0.0.1:{port} after {timeout} s")


# ---------------------------------------------------------------- CPU and memory from /proc

def proc_ticks(pid, children=True, system_only=False):
    """utime+stime(+cutime+cstime) of one process, in seconds (only the stimes: system_only); 0 when gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # fields[0] is the state (field 3): utime is field 14 -> index 11, stime 12, cutime 13, cstime 14
    ticks = int(fields[12]) + (0 if system_only else int(fields[11]))
    if children:
        ticks += int(fields[14]) + (0 if system_only else int(fields[13]))
    return ticks / CLK_TCK


def tree_cpu(root, system_only=False):
    """CPU of a process and all its descendants, live or reaped (reaped ones are in cutime/cstime)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += proc_ticks(pid, system_only=system_only)
        todo.extend(p for p, pp in parents.items() if pp == pid)
    return total


def thread_cpu(pid):
    """CPU seconds per thread group of one process (thread names without their trailing numbers): where a
    JVM's CPU goes — its session and delivery threads, the JIT compilers, the collector (VM Thread)."""
    groups = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return groups
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = re.sub(r"[0-9]+$", "", stat[stat.index("(") + 1:stat.rindex(")")]).rstrip("-_ ") or "?"
        fields = stat.rsplit(")", 1)[1].split()
        groups[name] = groups.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / CLK_TCK
    return groups


def written_bytes(pid):
    """Bytes a process has caused to be written to storage (`write_bytes` of /proc/PID/io); 0 when gone."""
    try:
        with open(f"/proc/{pid}/io") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("write_bytes:"))
    except (OSError, StopIteration):
        return 0


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------- the two relays

class Postfix:
    name = "postfix"

    def __init__(self, work, sink_port):
        self.dir = os.path.join(work, "postfix")
        etc, spool, data = (os.path.join(self.dir, d) for d in ("etc", "spool", "data"))
        for d in (etc, spool, data):
            os.makedirs(d)
        shutil.chown(data, "postfix")
        self.port = free_port()
        with open(os.path.join(etc, "main.cf"), "w") as f:
            f.write(f"""# private instance for the benchmark: never the system's Postfix (/etc/postfix is not used)
compatibility_level = 3.6
queue_directory = {spool}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = bench-postfix.localdomain
mydestination =
local_recipient_maps =
local_transport = error:no local delivery in the benchmark
relayhost = [127.0.0.1]:{sink_port}
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
disable_dns_lookups = yes
smtp_dns_support_level = disabled
smtp_host_lookup = native
maillog_file = {self.dir}/postfix.log
maillog_file_prefixes = {self.dir}
alias_maps =
alias_database =
biff = no
""")
        with open(os.path.join(etc, "master.cf"), "w") as f:
            f.write(f"127.0.0.1:{self.port} inet n - n - - smtpd\n" + "\n".join(
                " ".join(row) for row in [
                    ("pickup", "unix", "n", "-", "n", "60", "1", "pickup"),
                    ("cleanup", "unix", "n", "-", "n", "-", "0", "cleanup"),
                    ("qmgr", "unix", "n", "-", "n", "300", "1", "qmgr"),
                    ("rewrite", "unix", "-", "-", "n", "-", "-", "trivial-rewrite"),
                    ("bounce", "unix", "-", "-", "n", "-", "0", "bounce"),
                    ("defer", "unix", "-", "-", "n", "-", "0", "bounce"),
                    ("trace", "unix", "-", "-", "n", "-", "0", "bounce"),
                    ("verify", "unix", "-", "-", "n", "-", "1", "verify"),
                    ("flush", "unix", "n", "-", "n", "1000?", "0", "flush"),
                    ("proxymap", "unix", "-", "-", "n", "-", "-", "proxymap"),
                    ("smtp", "unix", "-", "-", "n", "-", "-", "smtp"),
                    ("relay", "unix", "-", "-", "n", "-", "-", "smtp"),
                    ("showq", "unix", "n", "-", "n", "-", "-", "showq"),
                    ("error", "unix", "-", "-", "n", "-", "-", "error"),
                    ("retry", "unix", "-", "-", "n", "-", "-", "error"),
                    ("discard", "unix", "-", "-", "n", "-", "-", "discard"),
                    ("anvil", "unix", "-", "-", "n", "-", "1", "anvil"),
                    ("scache", "unix", "-", "-", "n", "-", "1", "scache"),
                    ("postlog", "unix-dgram", "n", "-", "n", "-", "1", "postlogd")]) + "\n")
        self.etc = etc
        subprocess.run(["postfix", "-c", etc, "check"], check=True)
        subprocess.run(["postfix", "-c", etc, "start"], check=True)
        wait_for_port(self.port, 30)
        with open(os.path.join(spool, "pid", "master.pid")) as f:
            self.pid = int(f.read().strip())

    def cpu(self, system_only=False):
        return tree_cpu(self.pid, system_only)

    def stop(self):
        subprocess.run(["postfix", "-c", self.etc, "stop"], check=False)


class Guard:
    name = "guard"

    def __init__(self, work, sink_port, jar, directory, jvm, delivery_workers, jfr, ports=None, extra=(),
                 instance="guard"):
        self.args = (work, sink_port, jar, directory, jvm, delivery_workers, jfr)
        self.extra, self.instance = tuple(extra), instance
        self.dir = os.path.join(work, instance)
        os.makedirs(self.dir, exist_ok=True)
        self.port, self.web = ports or (free_port(), free_port())
        cmd = ["java"] + jvm.split()
        if jfr:
            cmd.append(f"-XX:StartFlightRecording=filename={jfr},settings=profile,dumponexit=true")
        cmd += ["-jar", jar,
                f"--guard.data-dir={self.dir}", f"--guard.smtp.port={self.port}", f"--server.port={self.web}",
                "--server.address=127.0.0.1", "--guard.host-name=bench-guard.localdomain",
                "--guard.upstream.host=127.0.0.1", f"--guard.upstream.port={sink_port}",
                "--guard.internal-domains=example.co.jp", f"--guard.directory.import={directory}",
                "--guard.policy.mode=enforce", "--guard.policy.rules.external-attachment.enabled=true",
                "--guard.smtp.max-connections-per-client=500", "--guard.smtp.max-connections=600",
                f"--guard.audit.users[0].name={AUDITOR}", f"--guard.audit.users[0].password-hash={AUDITOR_HASH}",
                "--guard.audit.users[0].roles[0]=AUDITOR"]
        if delivery_workers:
            cmd.append(f"--guard.delivery.workers={delivery_workers}")
        cmd += list(self.extra)
        self.log = os.path.join(self.dir, f"guard-{time.strftime('%H%M%S')}.log")
        env = dict(os.environ, MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"))
        self.proc = subprocess.Popen(cmd, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, env=env)
        self.pid = self.proc.pid
        wait_for_port(self.port, 600)
        deadline = time.monotonic() + 600
        while True:  # readiness is UP once the directory is imported and the relay can commit
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.web}/actuator/health/readiness", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("the guard did not become ready; see " + self.log)
            time.sleep(0.5)

    def cpu(self, system_only=False):
        return proc_ticks(self.pid, children=False, system_only=system_only)

    def written(self):
        """Bytes the JVM wrote to storage: spool, H2's chunks, logs."""
        return written_bytes(self.pid)

    def restarted(self):
        """The same guard (data directory, ports) started again."""
        return Guard(*self.args, ports=(self.port, self.web), extra=self.extra, instance=self.instance)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class GuardPair:
    """Two guard instances on one PostgreSQL schema (issue 13), measured as one relay: the load is split
    between them, CPU is both JVMs', throughput is what the sink counts."""
    name = "guard"

    def __init__(self, work, sink_port, jar, directory, jvm, delivery_workers, jfr, postgres_url):
        schema = "bench_" + str(os.getpid()) + "_" + str(int(time.time()))
        separator = "&" if "?" in postgres_url else "?"
        extra = [f"--spring.datasource.url={postgres_url}{separator}currentSchema={schema}",
                 "--spring.datasource.username=", f"--spring.flyway.schemas={schema}"]
        self.instances = [Guard(work, sink_port, jar, directory, jvm, delivery_workers, jfr, extra=extra,
                                instance="guard-a")]
        self.instances.append(Guard(work, sink_port, jar, directory, jvm, delivery_workers, None, extra=extra,
                                    instance="guard-b"))
        self.ports = [g.port for g in self.instances]
        self.port = self.ports[0]
        self.pid = self.instances[0].pid
        self.pids = [g.pid for g in self.instances]

    def cpu(self, system_only=False):
        return sum(g.cpu(system_only) for g in self.instances)

    def written(self):
        return sum(g.written() for g in self.instances)

    def stop(self):
        for g in self.instances:
            g.stop()


# ---------------------------------------------------------------- data

def write_directory(path, contacts):
    """Canonical CSV: `contacts` people in organizations of 10; the benchmark's recipients are known."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("email,name,name_kana,organization,department\n")
        # smtp-source -r N sends to 1rcpt@ ... Nrcpt@; people with distinct names, so that no rule finds namesakes
        names = ["佐藤 一郎", "鈴木 二郎", "高橋 三郎", "田中 四郎", "伊藤 五郎", "渡辺 六郎", "山本 七郎", "中村 八郎",
                 "小林 九郎", "加藤 十郎", "吉田 花子"]
        for n, name in enumerate(names):
            f.write(f"{n if n else ''}{RECIPIENT},{name},,ベンチ取引先株式会社,営業部\n")
        for i in range(contacts - 11):
            org = i // 10
            f.write(f"p{i % 10}@org{org}.co.jp,社員{i % 10} 太郎{org},シャイン タロウ,取引先{org}株式会社,部{i % 7}\n")


def write_message(path, size):
    head = (f"From: Bench Sender <{SENDER}>\r\nTo: {RECIPIENT}\r\nSubject: benchmark\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            "Hello,\r\n\r\n")
    line = ("x" * 76) + "\r\n"
    body = line * max(1, (size - len(head)) // len(line))
    with open(path, "w", newline="") as f:  # smtp-source -F appends CRLF to each line itself
        f.write((head + body).replace("\r\n", "\n"))


def prepare(work, sizes, contacts):
    """The run directory (readable by Postfix's users), a message file of each size and the directory CSV."""
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    files = {}
    for size in sorted(set(sizes)):
        files[size] = os.path.join(work, f"message-{size}.txt")
        write_message(files[size], size)
    directory = os.path.join(work, "directory.csv")
    write_directory(directory, contacts)
    return files, directory


# ---------------------------------------------------------------- one measurement

def source_command(sessions, messages, rcpts, message_file, reuse=False):
    """smtp-source's arguments for a row, without the relay's address ("-d" second when connections are reused)."""
    return (["smtp-source"] + (["-d"] if reuse else []) +
            ["-s", str(sessions), "-m", str(messages), "-r", str(rcpts), "-F", message_file,
             "-f", SENDER, "-t", RECIPIENT, "-M", "bench-client.localdomain"])


def machine_ticks():
    """(busy, all) CPU seconds of the whole machine since boot, from /proc/stat's first line."""
    with open("/proc/stat") as f:
        t = [int(x) for x in f.readline().split()[1:]]
    idle = t[3] + t[4]  # idle and iowait
    return (sum(t[:8]) - idle) / CLK_TCK, sum(t[:8]) / CLK_TCK


def run_row(relay, sink, row, message_file):
    size, rcpts, sessions, reuse, messages = row
    start_count = sink.count
    machine0, source0 = machine_ticks(), resource.getrusage(resource.RUSAGE_CHILDREN)
    harness0 = resource.getrusage(resource.RUSAGE_SELF)
    sink0 = proc_ticks(sink.proc.pid, children=False)
    cpu0, sys0 = relay.cpu(), relay.cpu(system_only=True)
    # Postfix's processes come and go (their writes leave with them): only the guard's are counted
    written = getattr(relay, "written", lambda: 0)
    written0 = written()
    t0 = time.monotonic()
    cmd = source_command(sessions, messages, rcpts, message_file, reuse)
    ports = getattr(relay, "ports", [relay.port])
    if len(ports) == 1:
        src = subprocess.run(cmd + [f"127.0.0.1:{relay.port}"], capture_output=True, text=True)
    else:  # the sessions and messages split evenly between the instances, sent at the same time
        split = source_command(max(1, sessions // len(ports)), messages // len(ports), rcpts, message_file, reuse)
        sources = [subprocess.Popen(split + [f"127.0.0.1:{p}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True) for p in ports]
        outcomes = [(s.wait(), s.stderr.read()) for s in sources]
        src = subprocess.CompletedProcess(cmd, max(rc for rc, _ in outcomes), "", " ".join(e for _, e in outcomes))
    accepted = time.monotonic()
    done = sink.wait_for(start_count + messages, 300)
    machine1, source1 = machine_ticks(), resource.getrusage(resource.RUSAGE_CHILDREN)
    harness1 = resource.getrusage(resource.RUSAGE_SELF)
    busy = machine1[0] - machine0[0]
    source_cpu = source1.ru_utime + source1.ru_stime - source0.ru_utime - source0.ru_stime
    harness_cpu = harness1.ru_utime + harness1.ru_stime - harness0.ru_utime - harness0.ru_stime
    sink_cpu = proc_ticks(sink.proc.pid, children=False) - sink0
    # Postfix's helpers keep running a little after the last delivery: settle, then read the CPU
    time.sleep(0.3)
    cpu, sys_cpu = relay.cpu() - cpu0, relay.cpu(system_only=True) - sys0
    if src.returncode != 0 or done is None:
        log(f"{relay.name}: row {row} incomplete: smtp-source rc={src.returncode} {src.stderr.strip()[:300]}; "
            f"sink has {sink.count - start_count}/{messages}")
        sink.wait_for(start_count + messages, 60)
        return None
    return {"msgs_per_s": messages / (done - t0), "accept_per_s": messages / (accepted - t0),
            "cpu_ms_per_msg": 1000 * cpu / messages, "sys_ms_per_msg": 1000 * sys_cpu / messages,
            "kb_written_per_msg": (written() - written0) / 1024 / messages,
            # the whole machine from the start of smtp-source until the sink had every message: its busy share
            # of all cores, and the load generator's and the sink's CPU per message (what bounds a row)
            "machine_busy": busy / (machine1[1] - machine0[1]),
            "source_ms_per_msg": 1000 * source_cpu / messages,
            "sink_ms_per_msg": 1000 * sink_cpu / messages,
            # this script (its thread that reads the sink's counts): part of the load, not of the relay
            "harness_ms_per_msg": 1000 * harness_cpu / messages,
            # the measure of a relay's CPU: the machine's busy CPU less the load generator and the sink
            # (and this script); unlike cpu_ms_per_msg it includes the kernel's work in other threads (softirqs)
            "busy_less_load_ms_per_msg": 1000 * (busy - source_cpu - sink_cpu - harness_cpu) / messages}


def probe(port, sink, message, steps=None):
    """One 1 KB message in its own session: connect -> counted at the sink, in ms. When steps is a list, appends
    (end of data -> the relay's 250, that 250 -> counted at the sink), in ms."""
    target = sink.count + 1
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # the final dot is written on its own
        f = s.makefile("rwb")

        def reply():
            while True:
                line = f.readline()
                if not line or line[3:4] != b"-":
                    if not line.startswith(b"2") and not line.startswith(b"3"):
                        raise RuntimeError(f"probe to {port}: {line!r}")
                    return

        def cmd(text):
            f.write(text.encode() + b"\r\n")
            f.flush()
            reply()

        reply()
        cmd("EHLO probe.localdomain")
        cmd(f"MAIL FROM:<{SENDER}>")
        cmd(f"RCPT TO:<{RECIPIENT}>")
        cmd("DATA")
        f.write(message)
        f.flush()
        t_dot = time.monotonic()
        f.write(b".\r\n")
        f.flush()
        reply()
        t_250 = time.monotonic()
        cmd("QUIT")
    done = sink.wait_for(target, 30)
    if done is None:
        raise RuntimeError(f"probe to {port} never reached the sink")
    if steps is not None:
        steps.append((1000 * (t_250 - t_dot), 1000 * max(0.0, done - t_250)))
    return 1000 * (done - t0)


def send_one(port, message):
    """One message in its own session; True once the relay answered 250 to its DATA."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        f = s.makefile("rwb")

        def reply():
            while True:
                line = f.readline()
                if not line or line[3:4] != b"-":
                    return line

        def cmd(text):
            f.write(text.encode() + b"\r\n")
            f.flush()
            return reply()

        if not reply().startswith(b"220") or not cmd("EHLO kill9.localdomain").startswith(b"250"):
            return False
        if not cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250") or not cmd(f"RCPT TO:<{RECIPIENT}>").startswith(b"250"):
            return False
        if not cmd("DATA").startswith(b"354"):
            return False
        f.write(message + b".\r\n")
        f.flush()
        ok = reply().startswith(b"250")
        if ok:
            try:
                cmd("QUIT")
            except OSError:
                pass
        return ok


def kill9_under_load(guard, sink, message, message_file):
    """kill -9 the guard while the harness's load runs (smtp-source, 1 KB × 1 at 20 sessions, as a table row) and 10
    tracked sessions send beside it; after the restart every tracked message that got its 250 must reach the sink.
    Each tracked message carries its own X-Bench-Id, and the sink dumps each message to a file, so the check is per
    message (smtp-source's messages carry no id of their own: they are the load). Returns the restarted guard, a line
    to print and whether nothing was lost."""
    harness = subprocess.Popen(source_command(20, 1_000_000, 1, message_file) + [f"127.0.0.1:{guard.port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    acknowledged = []
    numbers = itertools.count()
    sending = threading.Event()
    sending.set()

    def client():
        while sending.is_set():
            ident = f"k9-{next(numbers)}".encode()
            try:
                if send_one(guard.port, b"X-Bench-Id: " + ident + b"\r\nMessage-ID: <" + ident + b"@bench>\r\n"
                            + message):
                    acknowledged.append(ident)
            except OSError:
                return

    threads = [threading.Thread(target=client, daemon=True) for _ in range(10)]
    for t in threads:
        t.start()
    time.sleep(4)
    at_kill = sink.count
    os.kill(guard.pid, signal.SIGKILL)
    guard.proc.wait()
    sending.clear()
    for t in threads:
        t.join(30)
    try:  # smtp-source gives up on its own once the connections are refused
        harness.wait(30)
    except subprocess.TimeoutExpired:
        harness.kill()
    log(f"kill -9 with smtp-source's 20 sessions running, the sink at {at_kill} messages, after {len(acknowledged)} "
        f"tracked messages acknowledged with 250; restarting the guard")
    restarted = guard.restarted()
    pattern = re.compile(rb"^X-Bench-Id: (k9-\d+)\r?$", re.MULTILINE)
    deadline = time.monotonic() + 180
    while True:
        seen = sink.dumped(pattern)
        missing = [i for i in acknowledged if i not in seen]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(1)
    time.sleep(2)  # anything delivered twice would arrive now
    seen = sink.dumped(pattern)
    missing = [i.decode() for i in acknowledged if i not in seen]
    extra = len(set(seen) - set(acknowledged))
    twice = sum(1 for n in seen.values() if n > 1)
    line = (f"kill -9 under load (smtp-source at 20 sessions, the sink at {at_kill} messages when it fell, and 10 "
            f"tracked sessions): {len(acknowledged)} tracked messages acknowledged with 250 before the kill; "
            f"after the restart each found at the sink by its X-Bench-Id: "
            f"{len(acknowledged) - len(missing)} of {len(acknowledged)}; {extra} more delivered (accepted when the "
            f"kill cut their 250 off), {twice} delivered twice — "
            f"{'nothing lost' if not missing else 'LOST: ' + ' '.join(missing[:20])}")
    log(line)
    logged, log_line = decision_log_holds(restarted, seen)
    log(log_line)
    return restarted, line + "\n\n" + log_line, not missing and logged


def audit_api(guard, path):
    request = urllib.request.Request(f"http://127.0.0.1:{guard.web}{path}")
    token = base64.b64encode(f"{AUDITOR}:{AUDITOR_PASSWORD}".encode()).decode()
    request.add_header("Authorization", "Basic " + token)
    with urllib.request.urlopen(request, timeout=120) as r:
        return json.load(r)


def decision_log(guard):
    """Every entry of the guard's decision log, through GET /api/v1/audit/entries (newest first, 500 a page)."""
    entries, before = [], None
    while True:
        page = audit_api(guard, "/api/v1/audit/entries?size=500" + (f"&before={before}" if before else ""))
        entries += page["entries"]
        before = page.get("older")
        if before is None or not page["entries"]:
            return entries


def decision_log_holds(guard, seen):
    """After the kill -9 and the restart: the chain verifies, and every message the sink took (by its Message-ID
    k9-N@bench) has exactly one received and one verdict entry and as many delivered entries as the sink took it
    (at least one): the 250 followed the intake's records, and a delivered message left the spool only after its
    delivered entry (or the restart wrote the entry the crash cut off). Waits up to 60 s for the writers behind the
    delivery workers. Returns whether all holds, and a line to print."""
    deadline = time.monotonic() + 60
    while True:
        entries = decision_log(guard)
        queue_of, received, verdicts, delivered = {}, {}, {}, {}
        for e in entries:
            queue = e.get("queue")
            if e["type"] == "received" and e["details"].get("messageId", "").endswith("@bench"):
                ident = e["details"]["messageId"][:-len("@bench")]
                queue_of[ident] = queue
                received[ident] = received.get(ident, 0) + 1
            elif e["type"] == "verdict":
                verdicts[queue] = verdicts.get(queue, 0) + 1
            elif e["type"] == "delivered":
                delivered[queue] = delivered.get(queue, 0) + 1
        problems = []
        for raw, times in seen.items():
            ident = raw.decode()
            queue = queue_of.get(ident)
            if queue is None:
                problems.append(f"{ident}: no received entry")
            elif received[ident] != 1 or verdicts.get(queue, 0) != 1:
                problems.append(f"{ident}: {received[ident]} received, {verdicts.get(queue, 0)} verdict entries")
            elif not 1 <= delivered.get(queue, 0) <= times:
                problems.append(f"{ident}: {delivered.get(queue, 0)} delivered entries, at the sink {times} time(s)")
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(2)
    verification = audit_api(guard, "/api/v1/audit/verify")
    intact = verification["intact"] is True
    line = (f"decision log after the restart: {len(entries)} entries, chain "
            f"{'intact' if intact else 'BROKEN: ' + json.dumps(verification.get('firstBreak'))}; of the {len(seen)} "
            f"messages at the sink, {len(seen) - len(problems)} have one received entry, one verdict entry and a "
            f"delivered entry per delivery"
            + ("" if not problems else " — MISSING: " + "; ".join(problems[:20])))
    return intact and not problems, line


def warm_up(relay, sink, shapes, message_files, seconds):
    """Passes of every row shape, each with a fifth of the row's messages, until `seconds` have passed (at least one
    pass): the guard's JIT compiles the code of every shape (1 KB to 1 MB, reuse, ten recipients) before anything
    is measured, which takes minutes of load, not seconds (docs/benchmarks.md). Both relays get the same."""
    log(f"warm-up {relay.name}: every row shape until {seconds:.0f} s have passed")
    t0, passes = time.monotonic(), 0
    while passes == 0 or time.monotonic() - t0 < seconds:
        for size, rcpts, sessions, reuse, messages in shapes:
            if run_row(relay, sink, (size, rcpts, sessions, reuse, max(50, messages // 5)), message_files[size]) is None:
                raise RuntimeError(f"{relay.name} did not deliver the warm-up; see its log")
        passes += 1
    log(f"warm-up {relay.name}: {passes} passes in {time.monotonic() - t0:.0f} s")


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


# ---------------------------------------------------------------- main

def rows(quick):
    k = lambda b: b * 1024  # noqa: E731
    if quick:
        return [(k(1), 1, 10, False, 400), (k(1), 1, 50, True, 800), (k(1), 10, 10, False, 300),
                (k(100), 1, 10, False, 200), (k(1024), 1, 10, False, 60)]
    out = []
    for reuse in (False, True):
        for s in (1, 10, 50):
            out.append((k(1), 1, s, reuse, 300 if s == 1 else 1500))
    for s in (10, 50):
        out.append((k(1), 10, s, False, 1000))
        out.append((k(100), 1, s, False, 600))
        out.append((k(1024), 1, s, False, 150))
    return out


def label(row):
    size, rcpts, sessions, reuse, _ = row
    size_text = f"{size // 1024} KB" if size < 1024 * 1024 else f"{size // (1024 * 1024)} MB"
    return (f"{size_text} × {rcpts}, {sessions} session{'s' if sessions > 1 else ''}, "
            f"{'reuse' if reuse else 'new connection each'}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer rows and messages, one repetition")
    ap.add_argument("--repetitions", type=int, default=None)
    ap.add_argument("--jar", default=None)
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--guard-jvm", default=os.environ.get("GUARD_BENCH_JVM", DEFAULT_GUARD_JVM))
    ap.add_argument("--delivery-workers", type=int, default=None)
    ap.add_argument("--jfr", default=None, help="record the guard with JFR into this file")
    ap.add_argument("--only", choices=["guard", "postfix"], default=None)
    ap.add_argument("--probes", type=int, default=None)
    ap.add_argument("--warm-up", type=float, default=None, metavar="SECONDS",
                    help="warm-up per relay: passes of every row with a fifth of its messages, until this long has "
                         "passed (default 150, --quick 40)")
    ap.add_argument("--latency-only", action="store_true", help="only the single-message probes (after the warm-up)")
    ap.add_argument("--kill9", action="store_true",
                    help="only: kill -9 the guard under smtp-source's load (20 sessions) and 10 tracked sessions, restart "
                         "it, check that every tracked 250 reached the sink and "
                         "that the decision log holds each message at the sink once, with its delivery")
    ap.add_argument("--work", default=None, help="working directory (default: a new one under /tmp)")
    ap.add_argument("--cluster-postgres", default=None, metavar="JDBC_URL",
                    help="measure two guard instances on one PostgreSQL schema (a new one in this database), "
                         "the load split between them, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
    args = ap.parse_args()
    if subprocess.run(["java"] + args.guard_jvm.split() + ["-version"], capture_output=True).returncode:
        sys.exit(f"java refuses the guard's JVM flags ({args.guard_jvm}): -XX:TrimNativeHeapInterval in "
                 f"jvm.options needs JDK 17.0.9 or later; pass others with --guard-jvm")
    reps = args.repetitions or (1 if args.quick else 3)
    if args.warm_up is None:
        args.warm_up = 40 if args.quick else 150
    probes = args.probes or (40 if args.quick else 200)
    jar = args.jar or next(os.path.join(d, f) for d in [os.path.join(here, "..", "guard-app", "target")]
                           for f in sorted(os.listdir(d)) if f.startswith("guard-app-") and f.endswith(".jar")
                           and "plain" not in f)
    work = args.work or tempfile.mkdtemp(prefix="guard-bench-")
    log("working directory", work)
    message_files, directory = prepare(work, {r[0] for r in rows(args.quick)} | {1024}, args.contacts)
    probe_message = open(message_files[1024], "rb").read().replace(b"\n", b"\r\n")

    started = []
    try:
        sink = Sink(work, os.path.join(work, "sink-dump") if args.kill9 else None)
        started.append(sink)
        relays = []
        if args.only != "guard":
            relays.append(Postfix(work, sink.port))
            started.append(relays[-1])
            log("postfix listening on", relays[-1].port)
        if args.only != "postfix":
            t = time.monotonic()
            if args.cluster_postgres:
                relays.append(GuardPair(work, sink.port, os.path.abspath(jar), directory, args.guard_jvm,
                                        args.delivery_workers, args.jfr, args.cluster_postgres))
            else:
                relays.append(Guard(work, sink.port, os.path.abspath(jar), directory, args.guard_jvm,
                                    args.delivery_workers, args.jfr))
            started.append(relays[-1])
            log(f"guard ready on {relays[-1].port} after {time.monotonic() - t:.0f} s (directory of {args.contacts})")
        if args.kill9:
            guard = next(r for r in relays if r.name == "guard")
            restarted, line, ok = kill9_under_load(guard, sink, probe_message, message_files[1024])
            started.append(restarted)
            print(line)
            sys.exit(0 if ok else 1)
        for relay in relays:
            warm_up(relay, sink, rows(args.quick), message_files, args.warm_up)
        results = {}
        guard_pids = [p for r in relays if r.name == "guard" for p in getattr(r, "pids", [r.pid])]
        threads_before = {p: thread_cpu(p) for p in guard_pids}
        for rep in range(0 if args.latency_only else reps):
            for i, row in enumerate(rows(args.quick)):
                order = relays if (rep + i) % 2 == 0 else list(reversed(relays))
                for relay in order:
                    r = run_row(relay, sink, row, message_files[row[0]])
                    log(f"rep {rep + 1} {label(row)} {relay.name}: {r}")
                    results.setdefault(label(row), {}).setdefault(relay.name, []).append(r)
        threads = {}
        for p in guard_pids:  # live threads only: a pool thread that ended during the rows is not counted
            for name, secs in thread_cpu(p).items():
                threads[name] = threads.get(name, 0.0) + secs - threads_before[p].get(name, 0.0)
        latency = {"direct": []}
        steps = {}
        for relay in relays:
            latency[relay.name] = []
            steps[relay.name] = []
        for _ in range(probes):
            latency["direct"].append(probe(sink.port, sink, probe_message))
            for relay in relays:
                latency[relay.name].append(probe(relay.port, sink, probe_message, steps[relay.name]))
        guard = next((r for r in relays if r.name == "guard"), None)
        pids = getattr(guard, "pids", [guard.pid]) if guard else []
        memory = {"rss_mb": max(rss_mb(p) for p in pids), "peak_rss_mb": max(rss_mb(p, "VmHWM") for p in pids),
                  "instances": len(pids)} if guard else {}
        if guard and "NativeMemoryTracking" in args.guard_jvm:
            with open(os.path.join(work, "nmt.txt"), "w") as f:
                subprocess.run(["jcmd", str(guard.pid), "VM.native_memory", "summary"], stdout=f, check=False)
        report(results, latency, memory, relays, reps, args, work, threads, steps)
    finally:
        for p in reversed(started):
            try:
                p.stop()
            except Exception as e:  # noqa: BLE001 - stop the rest anyway
                log("stopping", p, "failed:", e)


def median_of(runs, key):
    values = [r[key] for r in runs if r]
    return statistics.median(values) if values else None


def report(results, latency, memory, relays, reps, args, work, threads=None, steps=None):
    names = [r.name for r in relays]
    out = []
    if args.cluster_postgres:
        out.append("guard = **two instances on one PostgreSQL schema**, each row's sessions and messages split "
                   "evenly between them (two smtp-source processes at once); CPU per message is both JVMs'; "
                   "latency probes go to the first instance.\n")
    out.append(f"smtp-source → relay → smtp-sink on loopback; medians of {reps} interleaved run(s); "
               f"guard JVM: `{args.guard_jvm.replace(JVM_OPTIONS, 'jvm.options')}`; directory of {args.contacts} contacts; "
               f"{os.cpu_count()} cores; load average before the report {os.getloadavg()[0]:.1f}\n")
    both = len(names) == 2
    header = "| row | " + " | ".join(f"{n} msg/s" for n in names)
    header += " | guard / Postfix |" if both else " |"
    header += " " + " | ".join(f"{n} CPU ms/msg (kernel)" for n in names) + " |"
    if "guard" in names:
        header += " guard KB written/msg |"
    out.append(header)
    out.append("|" + "---|" * (header.count("|") - 1))
    for row, by in results.items():
        cells = [row]
        tput = {n: median_of(by.get(n, []), "msgs_per_s") for n in names}
        cpu = {n: median_of(by.get(n, []), "cpu_ms_per_msg") for n in names}
        kernel = {n: median_of(by.get(n, []), "sys_ms_per_msg") for n in names}
        cells += [f"{tput[n]:.0f}" if tput[n] else "incomplete" for n in names]
        if both:
            cells.append(f"**{tput['guard'] / tput['postfix']:.2f}**" if tput["guard"] and tput["postfix"] else "–")
        cells += [f"{cpu[n]:.2f} ({kernel[n]:.2f})" if cpu[n] is not None else "–" for n in names]
        if "guard" in names:
            kb = median_of(by.get("guard", []), "kb_written_per_msg")
            cells.append(f"{kb:.1f}" if kb is not None else "–")
        out.append("| " + " | ".join(cells) + " |")
    if any(r and "busy_less_load_ms_per_msg" in r for by in results.values() for runs in by.values() for r in runs):
        out.append("")
        out.append("The whole machine during each row (medians): its busy share of all cores; smtp-source's and "
                   "smtp-sink's CPU per message (with this script's, which reads the sink's counts); and the busy "
                   "CPU less those, per message — the issue's measure of a relay's CPU, which unlike the table's "
                   "also counts the kernel's work done outside the relay's own threads:\n")
        header = "| row | " + " | ".join(f"{n}: busy / load ms / busy less load ms" for n in names) + " |"
        out.append(header)
        out.append("|" + "---|" * (header.count("|") - 1))
        for row, by in results.items():
            cells = [row]
            for n in names:
                runs = [r for r in by.get(n, []) if r and "busy_less_load_ms_per_msg" in r]
                if not runs:
                    cells.append("–")
                    continue
                load = statistics.median(r["source_ms_per_msg"] + r["sink_ms_per_msg"] + r["harness_ms_per_msg"]
                                         for r in runs)
                cells.append(f"{100 * statistics.median(r['machine_busy'] for r in runs):.0f} % / {load:.2f} / "
                             f"{statistics.median(r['busy_less_load_ms_per_msg'] for r in runs):.2f}")
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("Single 1 KB message, connect → counted at the sink (ms; added = relay − direct to the sink):\n")
    out.append("| path | median | p99 | added median | added p99 |")
    out.append("|---|---:|---:|---:|---:|")
    d50, d99 = statistics.median(latency["direct"]), pct(latency["direct"], 0.99)
    for n, values in latency.items():
        m, p = statistics.median(values), pct(values, 0.99)
        out.append(f"| {n} | {m:.2f} | {p:.2f} | {m - d50:.2f} | {p - d99:.2f} |"
                   if n != "direct" else f"| direct to smtp-sink | {m:.2f} | {p:.2f} | | |")
    if steps and all(steps.values()):
        out.append("")
        out.append("The same probes by step (ms, medians): " + "; ".join(
            f"{n} end of data → 250 {statistics.median(s[0] for s in v):.2f}, "
            f"250 → at the sink {statistics.median(s[1] for s in v):.2f}" for n, v in steps.items()) + ".")
    if memory:
        out.append("")
        each = " (the larger of the two instances)" if memory.get("instances", 1) > 1 else ""
        out.append(f"Guard resident memory after the run{each}: {memory['rss_mb']:.0f} MB "
                   f"(peak {memory['peak_rss_mb']:.0f} MB).")
    if threads and sum(threads.values()) > 0:
        total = sum(threads.values())
        top = sorted(threads.items(), key=lambda t: -t[1])[:8]
        out.append("")
        out.append("Guard CPU during the rows by thread (names without their numbers; VM Thread = the collector): "
                   + ", ".join(f"{name} {100 * secs / total:.0f} %" for name, secs in top) + ".")
    text = "\n".join(out)
    print(text)
    with open(os.path.join(work, "results.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"results": results, "latency": latency, "steps": steps, "memory": memory}, f, indent=1)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    main()
