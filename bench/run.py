#!/usr/bin/env python3
"""The livechat benchmark harness.

Seeds databases with `livechat server seed`, serves them with `livechat server run`, and
measures the workloads of our users against baselines measured in the same run: plain curl
and jq scripts doing the same job the way a user would, and raw curl of the export stream as
the physical limit. Prints a markdown table of ratios, and writes it with the raw figures (and the
server's /metrics after the export and bulk workloads) to the output folder.

Every workload runs on SQLite by default. `--postgres URL` (a server and database, such as
postgres://root@127.0.0.1:5432/test) runs them on PostgreSQL instead, each database in a fresh
schema that is dropped at the end, and adds chat across two replicas; `--store both` runs both
stores, each with its own baselines, side by side in one table.

    # the full run: both stores side by side (about five minutes)
    cargo build --release --bins --examples && python3 bench/run.py --store both --postgres postgres://root@127.0.0.1:5432/test
    python3 bench/run.py                                                  # SQLite only
    python3 bench/run.py --postgres postgres://root@127.0.0.1:5432/test   # PostgreSQL only
    python3 bench/run.py --scale tiny --bin target/debug/livechat         # seconds; what the test runs

Baselines that would take many minutes at full scale (one curl per request) are timed on a
sample and scaled linearly; the table says so. Latency rows (live chat, routing) have no curl to
compare with: their ratio is against the floor, and the same run's fastest calls stand beside them.
"""

import argparse
import collections
import datetime
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

SCALES = {
    # export size, small export, bulk size, big db, small db, paging sample, bulk sample, repeats
    "full": dict(export=100_000, export_small=1_000, bulk=10_000, big=1_000_000, small=1_000, series_small=10_000,
                 paging_sample=2_000, bulk_sample=1_000, repeats=3, query_repeats=15,
                 conversations=100, messages_each=20, wrk_seconds=10, routing_agents=100, routing_opens=500,
                 retention=1_000_000, erasure=1_000, pgbench_clients=16),
    "tiny": dict(export=300, export_small=30, bulk=60, big=3_000, small=100, series_small=100,
                 paging_sample=30, bulk_sample=20, repeats=1, query_repeats=3,
                 conversations=5, messages_each=4, wrk_seconds=1, routing_agents=10, routing_opens=30,
                 retention=2_000, erasure=50, pgbench_clients=2),
}


# The parts of a run, for `--only`.
PHASES = {"export", "queries", "throughput", "routing", "series", "retention", "erasure", "latency"}


def run_timed(cmd, stdin=None, env=None):
    """Runs a command and returns (seconds, peak RSS in KiB, stdout).

    The peak RSS comes from GNU time: a child's own rusage would also count the memory of
    this Python process at the moment it forked.
    """
    with tempfile.NamedTemporaryFile("r") as rss_file:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd, input=(stdin or "").encode(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:4])}… failed with {proc.returncode}:\n{proc.stderr.decode()[-2000:]}")
        rss = int(rss_file.read().split()[-1])
    return elapsed, rss, proc.stdout.decode()


def same_file(a, b):
    """Compares two files a block at a time, so the check itself stays small."""
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def median_run(cmd, repeats, before=None, stdin=None, env=None):
    times, rss = [], []
    for _ in range(repeats):
        if before:
            before()
        t, r, _ = run_timed(cmd, stdin=stdin, env=env)
        times.append(t)
        rss.append(r)
    return statistics.median(times), max(rss)


# The servers this harness starts serve /metrics to this token only.
METRICS_TOKEN = "bench-metrics-token-" + os.urandom(8).hex()


class Server:
    def __init__(self, binary, db, log, extra=()):
        self.log = open(log, "w+")
        env = dict(os.environ, LIVECHAT_LOG="info", LIVECHAT_METRICS_TOKEN=METRICS_TOKEN)
        # A load generator is one member at one address holding every stream it opens.
        limits = ["--max-streams-per-member", "100000", "--max-connections", "4096", "--rate-limit", "off"]
        self.proc = subprocess.Popen([binary, "server", "run", "--db", db, "--listen", "127.0.0.1:0", *limits, *extra],
                                     stdout=self.log, stderr=subprocess.PIPE, env=env, text=True)
        for line in self.proc.stderr:
            self.log.write(line)
            found = re.search(r"addr=(\S+)", line)
            if found:
                self.url = f"http://{found.group(1)}"
                # Keep draining the log, so the server never waits on a full pipe.
                threading.Thread(target=self.log.writelines, args=(self.proc.stderr,), daemon=True).start()
                return
        # The log goes with the work folder, and the URL may carry a password: quote the log.
        self.log.seek(0)
        raise SystemExit(f"the server did not start:\n{self.log.read()[-2000:]}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def wrk(url, token, seconds, headers=()):
    """Requests per second that 64 connections get from `url`, by wrk (2 threads); a 304 counts
    as an answer."""
    args = ["wrk", "-t2", "-c64", f"-d{seconds}s"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if failed:
        raise SystemExit(f"wrk got {failed.group(1)} failed answers from {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def cpu_seconds(pids):
    """User and system CPU time each process has used, from /proc; gone ones are left out."""
    used = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return used


def postgres_pids():
    """Every PostgreSQL process on this machine (backends and helpers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as comm:
                    if comm.read().strip() == "postgres":
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


def wrk_with_cpu(url, token, seconds, server_pid, headers=()):
    """As `wrk`, with the CPU the server and PostgreSQL spent per answer, in µs."""
    before = cpu_seconds([server_pid, *postgres_pids()])
    started = time.monotonic()
    rate = wrk(url, token, seconds, headers)
    elapsed = time.monotonic() - started
    # Backends the pool opened during the run count from zero.
    after = cpu_seconds([server_pid, *postgres_pids()])
    spent = {pid: used - before.get(pid, 0) for pid, used in after.items()}
    answers = rate * elapsed
    database = sum(used for pid, used in spent.items() if pid != server_pid)
    return rate, {"server_us": spent.get(server_pid, 0) / answers * 1e6, "postgres_us": database / answers * 1e6}


def etag(url, token):
    """The `ETag` a page is answered with."""
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req) as resp:
        return resp.headers["ETag"]


def captured_statements(binary, db, work, token, paths):
    """The statements PostgreSQL runs for one call of each path, with their parameters: read
    from a server of its own (no page cache) that logs them, on the call's second asking, so
    a warm server's statements only (its member is remembered by then)."""
    log = os.path.join(work, "capture-server.log")
    env = dict(os.environ, LIVECHAT_LOG="info,livechat::sql=trace")
    proc = subprocess.Popen([binary, "server", "run", "--db", db, "--listen", "127.0.0.1:0", "--rate-limit", "off",
                             "--page-cache-mb", "0", "--log-format", "json"], stdout=subprocess.DEVNULL,
                            stderr=open(log, "w"), env=env)
    try:
        url = None
        for _ in range(300):
            with open(log) as f:
                found = re.search(r'"addr":"([^"]+)"', f.read())
            if found:
                url = f"http://{found.group(1)}"
                break
            time.sleep(0.1)
        if url is None:
            raise SystemExit("the statement-capturing server did not start")
        for key, path in paths.items():
            for n in (1, 2):
                req = urllib.request.Request(f"{url}{path}", headers={"Authorization": f"Bearer {token}",
                                                                      "x-request-id": f"capture-{key}-{n}"})
                urllib.request.urlopen(req).read()
        time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    statements = {key: [] for key in paths}
    with open(log) as f:
        for line in f:
            event = json.loads(line) if line.startswith("{") else {}
            span = (event.get("span") or {}).get("id", "")
            if event.get("target") == "livechat::sql" and span.endswith("-2"):
                fields = event["fields"]
                statements[span[len("capture-"):-2]].append((fields["sql"], json.loads(fields["params"])))
    for key, found in statements.items():
        if not found:
            raise SystemExit(f"no statements were captured for {paths[key]}")
    return statements


def pgbench(store, db, statements, clients, seconds, work, name):
    """Transactions per second of pgbench running `statements` (one call's) as one script, as
    prepared statements with their parameters, on `clients` connections: the database serving
    the same statements alone."""
    lines, defines = [], []
    for i, (sql, params) in enumerate(statements):
        # Highest first, so $1 never eats the start of $12.
        for n in range(len(params), 0, -1):
            value = params[n - 1]
            if isinstance(value, dict):
                raise SystemExit(f"{name}: the server withholds text parameters from its logs, so `{sql[:80]}…` "
                                 "cannot be replayed")
            if value is None:
                sql = sql.replace(f"${n}", "NULL")
            else:
                sql = sql.replace(f"${n}", f":s{i}p{n}")
                defines += ["-D", f"s{i}p{n}={value}"]
        lines.append(" ".join(sql.split()) + ";")
    script = os.path.join(work, f"{name}.pgbench.sql")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    # As the server's sessions plan: generic plans, no JIT, in the database's schema.
    env = dict(os.environ, PGOPTIONS=f"-c jit=off -c plan_cache_mode=force_generic_plan "
                                     f"-c search_path={store.schemas[db]}")
    cmd = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds), "-f", script,
           *defines, store.base]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    found = re.search(r"tps = ([\d.]+)", proc.stdout)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"pgbench failed on {name}:\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")
    return float(found.group(1))


def peak_rss_mb(pid):
    """The most memory a running process has held, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def seed(binary, db, **counts):
    args = [binary, "server", "seed", "--db", db]
    for state, count in counts.items():
        args += [f"--{state}", str(count)]
    seconds, _, out = run_timed(args)
    info = json.loads(out)
    tokens = {m["email"]: m["token"] for m in info["members"]}
    return info, tokens, seconds


class Api:
    """One keep-alive connection to a server for JSON calls; an answer that is not 2xx raises."""

    def __init__(self, url, token=None, timeout=30):
        where = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(where.hostname, where.port, timeout=timeout)
        self.token = token

    def call(self, method, path, body=None, token=None):
        headers = {}
        if token or self.token:
            headers["Authorization"] = f"Bearer {token or self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        answer = resp.read()
        if not 200 <= resp.status < 300:
            raise RuntimeError(f"{method} {path} answered {resp.status}: {answer[:300].decode(errors='replace')}")
        return json.loads(answer) if "json" in (resp.getheader("Content-Type") or "") else answer

    def close(self):
        self.conn.close()


def stamp(text):
    """An RFC 3339 time of the API, in seconds since the epoch."""
    return datetime.datetime.fromisoformat(text).timestamp()


def nearest_rank(values, percent):
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * percent // 100) - 1)]


class QueueWatch:
    """Reads `GET /v1/events?state=assigned` in a thread, keeping when each request's routing
    event arrived (this machine's clock, which the server's stamps share)."""

    def __init__(self, url, token):
        where = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
        self.conn.request("GET", "/v1/events?state=assigned",
                          headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        if self.resp.status != 200:
            raise RuntimeError(f"the queue stream answered {self.resp.status}: {self.resp.read(300)!r}")
        self.seen = {}  # request number -> (arrival, event)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        data = []
        try:
            for line in self.resp:
                line = line.decode().rstrip("\r\n")
                if line.startswith("data:"):
                    data.append(line[5:].lstrip())
                elif not line and data:
                    arrived = time.time()
                    event = json.loads("\n".join(data))
                    data = []
                    if event.get("actor", {}).get("kind") == "routing":
                        with self.lock:
                            self.seen.setdefault(event["request"]["id"], (arrived, event))
        except Exception:
            pass  # closed by `close`, or by the server stopping

    def arrivals(self):
        with self.lock:
            return dict(self.seen)

    def close(self):
        try:
            self.conn.sock.shutdown(2)
        except (AttributeError, OSError):
            pass
        self.conn.close()


def routing_delay(url, admin, agents, opens, settle=10.0):
    """How long the server's router takes to give a visitor's new request to an agent.

    Brings `agents` members of the organization online (the ones online already, then new
    agents by invitation), gives everyone room (a default capacity of 1,000), routes the web
    bot round-robin, oldest first, and opens `opens` requests through its public form, one
    after another. A request's delay is its `assigned_at` less its `created_at`, both stamped
    by the server. Beside it: when the routing event reached an admin's queue stream, against
    the same `created_at` (this machine's clock is the server's), and the same run's round trip
    of the opening call and of `/healthz`.
    """
    api, public = Api(url, admin), Api(url)
    watch = None
    try:
        # Some of the members are online already; invite the rest.
        online = [m for m in api.call("GET", "/v1/members")["items"] if m["presence"] == "online"]
        for n in range(max(0, agents - len(online))):
            invited = api.call("POST", "/v1/invitations", {"email": f"router{n}@bench.test", "role": "agent",
                                                           "name": f"Routed Agent {n}"})
            joined = public.call("POST", "/v1/invitations/accept", {"code": invited["code"]})
            api.call("PUT", "/v1/members/me/presence", {"presence": "online"}, token=joined["token"])
        online = [m for m in api.call("GET", "/v1/members")["items"] if m["presence"] == "online"]
        if len(online) != agents:
            raise RuntimeError(f"{len(online)} members are online, not {agents}")
        api.call("PUT", "/v1/routing", {"default_capacity": 1000})
        bot = next(b for b in api.call("GET", "/v1/bots")["items"] if "web" in b["channels"])
        api.call("PUT", f"/v1/bots/{bot['id']}/routing", {"mode": "round-robin", "order": "oldest"})
        # The bot's waiting requests are given out first; the timed ones find an empty queue.
        deadline = time.monotonic() + settle
        while api.call("GET", f"/v1/requests?state=new&bot={bot['id']}&limit=1")["items"]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the bot's waiting requests were not routed within {settle:.0f} s")
            time.sleep(0.05)
        healthz = []
        for _ in range(200):
            start = time.perf_counter()
            api.call("GET", "/healthz")
            healthz.append(time.perf_counter() - start)

        watch = QueueWatch(url, admin)
        ids, calls = [], []
        body = {"name": "Routed Visitor", "message": "I'd like to speak with a person, please."}
        started = time.monotonic()
        for _ in range(opens):
            start = time.perf_counter()
            created = public.call("POST", f"/v1/public/bots/{bot['id']}/requests", body)
            calls.append(time.perf_counter() - start)
            ids.append(created["request_id"])
        open_seconds = time.monotonic() - started
        # Every request should be routed well within the floor; stragglers get a while longer.
        deadline = time.monotonic() + settle
        while len(watch.arrivals().keys() & set(ids)) < opens and time.monotonic() < deadline:
            time.sleep(0.05)
        arrivals = watch.arrivals()

        delays, observed, unrouted, others = [], [], [], []
        for number in ids:
            request = api.call("GET", f"/v1/requests/{number}")
            if request.get("assigned_at") is None or request.get("assignee") is None:
                unrouted.append(number)
                continue
            if [e["actor"]["kind"] for e in request["timeline"] if e["to"] == "assigned"] != ["routing"]:
                others.append(number)
            created = stamp(request["created_at"])
            delays.append((stamp(request["assigned_at"]) - created) * 1000)
            if number in arrivals:
                observed.append((arrivals[number][0] - created) * 1000)
        given = collections.Counter(e["assignee"]["id"] for _, e in arrivals.values() if e.get("assignee"))

        def spread(values, f):
            return f(values) if values else None

        return {
            "agents": agents, "opens": opens, "open_seconds": open_seconds,
            "unrouted": unrouted, "not_by_routing": others,
            "assigned_before_created": sum(1 for d in delays if d < 0),
            "p50_ms": spread(delays, statistics.median), "p99_ms": spread(delays, lambda v: nearest_rank(v, 99)),
            "max_ms": spread(delays, max),
            "stream_p50_ms": spread(observed, statistics.median),
            "stream_p99_ms": spread(observed, lambda v: nearest_rank(v, 99)),
            "stream_max_ms": spread(observed, max), "stream_samples": len(observed),
            "open_p50_ms": statistics.median(calls) * 1000, "open_p99_ms": nearest_rank(calls, 99) * 1000,
            "healthz_p50_ms": statistics.median(healthz) * 1000,
            "agents_given_work": len(given), "most_given_one_agent": max(given.values(), default=0),
            "delays_ms": [round(d, 3) for d in delays],
        }
    finally:
        if watch:
            watch.close()
        api.close()
        public.close()


PAGING_SCRIPT = r"""
# What a user would write: page through the list with curl and jq, then fetch each request.
set -euo pipefail
want=$1; got=0; cursor=""
: > "$OUT"
while [ "$got" -lt "$want" ]; do
  page=$(curl -sSf -H "Authorization: Bearer $TOKEN" "$URL/v1/requests?state=closed&limit=500${cursor:+&cursor=$cursor}")
  for id in $(echo "$page" | jq -r '.items[].id'); do
    [ "$got" -lt "$want" ] || break
    curl -sSf -H "Authorization: Bearer $TOKEN" "$URL/v1/requests/$id" | jq -c . >> "$OUT"
    got=$((got + 1))
  done
  cursor=$(echo "$page" | jq -r '.next_cursor // empty')
  [ -n "$cursor" ] || break
done
"""

ASSIGN_SCRIPT = r"""
# What a user would write: one POST per id.
set -euo pipefail
while read -r id; do
  curl -sSf -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"to\": \"$TO\"}" "$URL/v1/requests/$id/assign" > /dev/null
done
"""


class SqliteStore:
    """Each database is a file in the work folder."""
    key, title = "sqlite", "SQLite"

    def __init__(self, work, binary):
        self.work, self.binary = work, binary

    def new_db(self, label):
        return os.path.join(self.work, f"{label}.db")

    def drop_db(self, db):
        for path in (db, db + "-wal", db + "-shm"):
            if os.path.exists(path):
                os.remove(path)

    def settle(self):
        # What a seed wrote must not be flushed during a timed workload.
        os.sync()

    def close(self):
        pass

    def describe(self):
        return {}

    def sql(self, db, script):
        """Runs statements on the database file alone; rows of the last. Through a helper built
        with the server's own SQLite: its search tables need a newer one than Python's."""
        helper = os.path.join(os.path.dirname(self.binary), "examples", "sqlite_alone")
        proc = subprocess.run([helper, db], input=script, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"sqlite_alone failed:\n{proc.stderr[-2000:]}")
        return [tuple(line.split("|")) for line in proc.stdout.splitlines() if line.strip()]


class PostgresStore:
    """Each database is a fresh schema on one PostgreSQL database, reached through the URL's
    search_path, so runs never meet each other's data and nothing stays behind."""
    key, title = "postgres", "PostgreSQL"

    def __init__(self, base):
        if not shutil.which("psql"):
            raise SystemExit("--postgres needs `psql` to create and drop the benchmark's schemas; install it first")
        self.base = base
        self.schemas = {}  # url -> schema, for the ones not yet dropped
        self.used = []
        # Names of our own, so a crashed run's leftovers are easy to find and never collide.
        self.prefix = f"lcbench_{os.getpid()}_{int(time.time()) % 100_000}"
        self.psql("SELECT 1")

    def psql(self, sql):
        proc = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.base, "-c", sql],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            # The URL may carry a password, so name the statement, not the URL.
            raise SystemExit(f"psql `{sql}` failed:\n{proc.stderr[-2000:]}")

    def new_db(self, label):
        schema = f"{self.prefix}_{label}"
        self.psql(f"CREATE SCHEMA {schema}")
        self.used.append(schema)
        sep = "&" if "?" in self.base else "?"
        url = f"{self.base}{sep}options=-csearch_path%3D{schema}"
        self.schemas[url] = schema
        return url

    def drop_db(self, db):
        schema = self.schemas.pop(db, None)
        if schema:
            self.psql(f"DROP SCHEMA {schema} CASCADE")

    def settle(self):
        # After a bulk seed the checkpointer spreads its writes over minutes; finish them
        # now, or they land in the timed workloads. Needs superuser or pg_checkpoint.
        try:
            self.psql("CHECKPOINT")
        except SystemExit as err:
            print(f"could not CHECKPOINT, so timings may include the seed's writes: {err}", file=sys.stderr)
        os.sync()

    def close(self):
        for db in list(self.schemas):
            try:
                self.drop_db(db)
            except SystemExit as err:
                print(f"could not drop a benchmark schema: {err}", file=sys.stderr)

    def describe(self):
        # What the run left behind is checkable: every one of these is dropped by now.
        return {"schemas": self.used}

    def sql(self, db, script):
        """Runs statements in the database's schema, in one session; rows of the last."""
        proc = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", self.base],
                              input=f"SET search_path TO {self.schemas[db]};\n{script}", capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"psql failed:\n{proc.stderr[-2000:]}")
        return [tuple(line.split("|")) for line in proc.stdout.splitlines() if line.strip()]


# One workload's line for one store; target and met are None where the store has no target.
Row = collections.namedtuple("Row", "key what ours base ratio target met", defaults=(None, None))


def measure(store, binary, latency_bin, s, work, out, scale, servers, only):
    rows, raw = [], {}

    def wanted(name):
        return only is None or name in only

    env = dict(os.environ, NO_COLOR="1")

    def target_row(key, what, ours, base, ratio, value, sqlite=None, postgres=None):
        """Adds a row checked against this store's target: (text, test of value), or None."""
        target = sqlite if store.key == "sqlite" else postgres
        text, met = (target[0], target[1](value)) if target else (None, None)
        rows.append(Row(key, what, ours, base, ratio, text, met))

    def serve(db, label, extra=()):
        server = Server(binary, db, os.path.join(work, f"{store.key}-{label}-server.log"), extra)
        servers.append(server)
        return server

    def stop(server):
        server.stop()
        servers.remove(server)

    def phase(name):
        # Two cores are easily shared: the load at each phase tells a slow figure's cause.
        raw.setdefault("load_1m", {})[name] = os.getloadavg()[0]

    if wanted("export"):
        # --- the export and bulk database -------------------------------------------------
        phase("export")
        db = store.new_db("work")
        info, tokens, seed_s = seed(binary, db, new=s["bulk"] + s["bulk_sample"], assigned=10, chatting=5,
                                    resolved=s["export_small"], closed=s["export"])
        raw["seed_work_db_seconds"] = seed_s
        admin = tokens["admin@bench.test"]
        server = serve(db, "work")
        store.settle()
        cli = [binary, "--url", server.url, "--token", admin]

        raw_out, cli_out, small_out = (os.path.join(work, n) for n in ("raw.jsonl", "cli.jsonl", "small.jsonl"))
        curl_export = ["curl", "-sSf", "-H", f"Authorization: Bearer {admin}", "-o", raw_out,
                       f"{server.url}/v1/requests/export?state=closed"]
        t_curl, _ = median_run(curl_export, s["repeats"])

        def clean(path):
            return lambda: [os.remove(p) for p in (path, path + ".manifest.json") if os.path.exists(p)]

        t_cli, rss_big = median_run(cli + ["requests", "export", "-o", cli_out], s["repeats"], before=clean(cli_out), env=env)
        if not same_file(raw_out, cli_out):
            raise SystemExit("the CLI's export differs from the raw stream")
        _, rss_small = median_run(cli + ["requests", "export", "--state", "resolved", "-o", small_out], s["repeats"],
                                  before=clean(small_out), env=env)
        paging_env = dict(os.environ, URL=server.url, TOKEN=admin, OUT=os.path.join(work, "paged.jsonl"))
        t_paging_sample, _, _ = run_timed(["bash", "-c", PAGING_SCRIPT, "paging", str(s["paging_sample"])], env=paging_env)
        t_paging = t_paging_sample * s["export"] / s["paging_sample"]
        for path in (raw_out, cli_out, small_out):
            clean(path)()
        n = s["export"]
        what = f"export {n:,} closed requests to JSONL"
        target_row("export-curl", what, f"{t_cli:.2f} s", f"raw curl {t_curl:.2f} s", t_cli / t_curl, t_cli / t_curl,
                   sqlite=("≤ 1.2×", lambda r: r <= 1.2), postgres=("≤ 1.5×", lambda r: r <= 1.5))
        target_row("export-paging", what, f"{t_cli:.2f} s",
                   f"curl+jq paging {t_paging:.1f} s (timed on {s['paging_sample']:,}, scaled)", t_paging / t_cli,
                   t_paging / t_cli, sqlite=("≥ 25× faster", lambda r: r >= 25))
        target_row("export-rss", f"export {n:,}: CLI peak RSS", f"{rss_big / 1024:.1f} MiB",
                   f"{s['export_small']:,}-record export {rss_small / 1024:.1f} MiB", rss_big / rss_small, rss_big,
                   sqlite=("≤ 32 MiB and ≤ 1.2×", lambda r: r <= 32 * 1024 and r / rss_small <= 1.2))
        raw.update(export_cli_s=t_cli, export_curl_s=t_curl, export_paging_sample_s=t_paging_sample,
                   export_rss_kib=rss_big, export_small_rss_kib=rss_small)

        # --- bulk assignment --------------------------------------------------------------------
        phase("bulk")
        _, _, listed = run_timed(cli + ["requests", "list", "--state", "new", "--all", "--jq", ".[].id"], env=env)
        ids = listed.split()
        cli_ids, curl_ids = ids[: s["bulk"]], ids[s["bulk"]: s["bulk"] + s["bulk_sample"]]
        t_bulk, _, _ = run_timed(cli + ["requests", "assign", "-", "--to", "agent1@bench.test", "--yes"],
                                 stdin="\n".join(cli_ids) + "\n", env=env)
        assign_env = dict(os.environ, URL=server.url, TOKEN=admin, TO="agent2@bench.test")
        t_loop_sample, _, _ = run_timed(["bash", "-c", ASSIGN_SCRIPT], stdin="\n".join(curl_ids) + "\n", env=assign_env)
        t_loop = t_loop_sample * s["bulk"] / s["bulk_sample"]
        per_second = s["bulk"] / t_bulk
        bulk_target = ("≥ 100× faster and ≥ 10,000/s", lambda v: v[0] >= 100 and v[1] >= 10_000)
        target_row("bulk", f"bulk-assign {s['bulk']:,} new requests from stdin", f"{t_bulk:.2f} s ({per_second:,.0f}/s)",
                   f"while-read curl loop {t_loop:.1f} s (timed on {s['bulk_sample']:,}, scaled)", t_loop / t_bulk,
                   (t_loop / t_bulk, per_second), sqlite=bulk_target, postgres=bulk_target)
        raw.update(bulk_cli_s=t_bulk, bulk_loop_sample_s=t_loop_sample)
        # The same bulk change, now that every write also keeps the search index, against the
        # last full run before the index existed (stop 25's note: 38,738/s and 15,376/s).
        if scale == "full":
            before = {"sqlite": 38_738, "postgres": 15_376}[store.key]
            kept = ("≥ 0.8× the run before the index", lambda r: r >= 0.8)
            target_row("bulk-index", f"bulk-assign {s['bulk']:,} with the search index kept",
                       f"{per_second:,.0f}/s", f"{before:,}/s before the index (an earlier run)", per_second / before,
                       per_second / before, sqlite=kept, postgres=kept)
        # What the server's own metrics said after the export and bulk workloads.
        scrape = urllib.request.Request(f"{server.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        with urllib.request.urlopen(scrape) as resp, \
                open(os.path.join(out, f"metrics-{scale}-{store.key}.txt"), "wb") as f:
            f.write(resp.read())
        stop(server)
        store.drop_db(db)

    # --- queue queries at two sizes -----------------------------------------------------------
    clis = {}
    if wanted("queries") or wanted("throughput") or wanted("routing"):
        phase("queries")
        for label, total in (("small", s["small"]), ("big", s["big"])):
            qdb = store.new_db(label)
            _, qtokens, seed_s = seed(binary, qdb, requests=total)
            raw[f"seed_{label}_seconds"] = seed_s
            qserver = serve(qdb, label)
            clis[label] = (qdb, qserver, [binary, "--url", qserver.url, "--token", qtokens["admin@bench.test"]])
        store.settle()
        for _, _, qcli in clis.values():
            run_timed(qcli + ["requests", "backlog"], env=env)  # warm the page cache
    if wanted("queries"):
        # Both sizes take turns, so a burst of other work on this machine slows both alike.
        # A search for one visitor (a word only their request holds, beside two every request
        # holds), and one for words every request's transcript holds: the worst case, ranked.
        one = s["small"] // 2
        queries = {"backlog": ["requests", "backlog", "--json"], "list": ["requests", "list", "--limit", "50"],
                   "search": ["requests", "search", f"visitor{one}@example.com", "--limit", "20"],
                   "search-common": ["requests", "search", "tracking page", "--limit", "20"]}
        samples = {label: {query: [] for query in queries} for label in clis}
        for _ in range(s["query_repeats"]):
            for query, args in queries.items():
                for label, (_, _, qcli) in clis.items():
                    samples[label][query].append(run_timed(qcli + args, env=env)[0])
        timings = {label: {query: statistics.median(t) for query, t in by_query.items()}
                   for label, by_query in samples.items()}
        p95 = {label: {query: sorted(t)[max(0, -(-len(t) * 95 // 100) - 1)] for query, t in by_query.items()}
               for label, by_query in samples.items()}

    if wanted("throughput"):
        # --- HTTP throughput on the big database, 64 connections --------------------------------
        phase("throughput")
        qdb, tserver, tcli = clis["big"]
        token = tcli[-1]
        first = json.loads(run_timed(tcli + ["requests", "list", "--limit", "1", "--json"], env=env)[2])[0]["id"]
        # The same database through a server without the page cache: every answer is built.
        plain = serve(qdb, "big-uncached", extra=["--page-cache-mb", "0"])
        list_path, show_path = "/v1/requests?limit=50", f"/v1/requests/{first}"
        tag = etag(f"{tserver.url}{list_path}", token)
        rates, cpu = {}, {}
        for key, server, path, auth, headers in (
                ("healthz", tserver, "/healthz", None, ()),
                ("list", plain, list_path, token, ()),
                ("show", plain, show_path, token, ()),
                ("list-cached", tserver, list_path, token, ()),
                ("list-304", tserver, list_path, token, (f"If-None-Match: {tag}",))):
            rates[key], cpu[key] = wrk_with_cpu(f"{server.url}{path}", auth, s["wrk_seconds"], server.proc.pid, headers)
        rss = peak_rss_mb(tserver.proc.pid)
        stop(plain)
        raw["throughput"] = dict(rates, peak_rss_mb=rss, cpu_per_answer=cpu)
        cores = os.cpu_count()
        healthz = f"`/healthz` {rates['healthz']:,.0f}/s"
        for key, what, floor in (("list", "`GET /v1/requests?limit=50`, page cache off", 0.25),
                                 ("show", "`GET /v1/requests/{id}`, page cache off", 0.15),
                                 ("list-cached", "`GET /v1/requests?limit=50` again, from the page cache", 0.5),
                                 ("list-304", "`GET /v1/requests?limit=50` revalidated: 304", 0.6)):
            ratio = rates[key] / rates["healthz"]
            target = (f"≥ {floor}× /healthz", lambda r, f=floor: r >= f)
            # PostgreSQL's uncached pages are held to PostgreSQL serving their statements alone.
            uncached = key in ("list", "show")
            target_row(f"wrk-{key}", f"{what}, 64 connections (wrk), {s['big']:,} requests", f"{rates[key]:,.0f}/s",
                       healthz, ratio, ratio, sqlite=target, postgres=None if uncached else target)
            # Where each answer's CPU went, and how fast the database alone could answer with every
            # core to itself.
            server_us, database_us = cpu[key]["server_us"], cpu[key]["postgres_us"]
            split = f"server {server_us:,.0f} µs"
            base = f"`/healthz` server {cpu['healthz']['server_us']:,.0f} µs"
            if store.key == "postgres":
                alone = cores * 1e6 / max(database_us, 1e-9) / rates["healthz"]
                split += f" + PostgreSQL {database_us:,.0f} µs (the database alone: at most {alone:.2f}× /healthz)"
            rows.append(Row(f"cpu-{key}", f"CPU per answer of {what}, {cores} cores", split, base, None))
        if store.key == "postgres":
            statements = captured_statements(binary, qdb, work, token, {"list": list_path, "show": show_path})
            raw["pgbench_statements"] = {key: [sql for sql, _ in found] for key, found in statements.items()}
            for key, what in (("list", "`GET /v1/requests?limit=50`"), ("show", "`GET /v1/requests/{id}`")):
                # As many clients as the server's pool (tiny runs share the database with the tests).
                clients = s["pgbench_clients"]
                alone = pgbench(store, qdb, statements[key], clients, s["wrk_seconds"], work, key)
                raw.setdefault("pgbench_tps", {})[key] = alone
                ratio = rates[key] / alone
                target_row(f"pgbench-{key}", f"{what}, page cache off, against PostgreSQL alone",
                           f"{rates[key]:,.0f}/s",
                           f"pgbench, the call's {len(statements[key])} statements as one transaction, "
                           f"{clients} clients: {alone:,.0f}/s", ratio, ratio,
                           postgres=("≥ 0.75× pgbench", lambda r: r >= 0.75))
        target_row("rss", "the server's peak RSS after those runs", f"{rss:.0f} MB", "", rss / 100, rss,
                   sqlite=("≤ 100 MB", lambda m: m <= 100), postgres=("≤ 100 MB", lambda m: m <= 100))

    if wanted("routing"):
        # --- routing: a visitor's new request → an online agent, by the server's router ----------
        # On the small queue database, whose server is idle by now (one more database would be one
        # more to seed and drop). A failure is the row's, not the run's.
        phase("routing")
        _, rserver, rcli = clis["small"]
        agents, opens = s["routing_agents"], s["routing_opens"]
        try:
            routed = routing_delay(rserver.url, rcli[-1], agents, opens)
        except Exception as err:
            routed = {"error": f"{type(err).__name__}: {err}"}
        raw["routing"] = routed

    if clis:
        for qdb, qserver, _ in clis.values():
            stop(qserver)
            store.drop_db(qdb)
    if wanted("queries"):
        for query in ("backlog", "list"):
            big, small = timings["big"][query], timings["small"][query]
            what = "`requests backlog`" if query == "backlog" else "`requests list` (newest 50 open)"
            target_row(query, f"{what} on {s['big']:,} requests", f"{big * 1000:.1f} ms",
                       f"on {s['small']:,}: {small * 1000:.1f} ms", big / small, big / small,
                       sqlite=("≤ 1.5×", lambda r: r <= 1.5), postgres=("≤ 1.5×", lambda r: r <= 1.5))
        for query, what in (("search", "`requests search` for one visitor's email"),
                            ("search-common", "`requests search` for words every request holds")):
            big, small = timings["big"][query], timings["small"][query]
            tail = p95["big"][query]
            ours = f"p50 {big * 1000:.1f} ms · p95 {tail * 1000:.1f} ms"
            base = f"on {s['small']:,}: p50 {small * 1000:.1f} ms · p95 {p95['small'][query] * 1000:.1f} ms"
            floor = ("≤ 1.5× and p95 ≤ 100 ms", lambda v: v[0] <= 1.5 and v[1] <= 0.1)
            target_row(query, f"{what} on {s['big']:,} requests", ours, base, big / small, (big / small, tail),
                       sqlite=floor, postgres=floor)
        raw["queries"] = timings
        raw["queries_p95"] = p95

    if wanted("series"):
        # --- analytics series: a window costs what it holds, not what the archive holds --------
        phase("series")
        # Both databases hold the same requests in the last 30 days: the big one's archive reaches
        # back 100 times further. The open queue is the same size in both.
        open_queue = dict(new=200, assigned=100, chatting=50, resolved=100)
        sized = {}
        for label, total in (("small", s["series_small"]), ("big", s["big"])):
            sdb = store.new_db(f"series_{label}")
            _, stokens, seed_s = seed(binary, sdb, requests=total, days=30 * total // s["series_small"], **open_queue)
            raw[f"seed_series_{label}_seconds"] = seed_s
            sized[label] = (sdb, serve(sdb, f"series-{label}"), stokens["admin@bench.test"])
        store.settle()

        def series_call(url, token):
            request = urllib.request.Request(f"{url}/v1/stats/series?bucket=day&since=30d",
                                             headers={"Authorization": f"Bearer {token}"})
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as resp:
                body = json.loads(resp.read())
            return time.perf_counter() - start, body

        held = {}
        for label, (_, sserver, stoken) in sized.items():
            _, body = series_call(sserver.url, stoken)  # warms the cache, and says what the window holds
            held[label] = sum(b["created"] + b["resolved"] + b["closed"] for b in body["buckets"])
        series_times = {label: [] for label in sized}
        for _ in range(s["query_repeats"]):
            for label, (_, sserver, stoken) in sized.items():
                series_times[label].append(series_call(sserver.url, stoken)[0])
        for sdb, sserver, _ in sized.values():
            stop(sserver)
            store.drop_db(sdb)
        big_s, small_s = (statistics.median(series_times[k]) for k in ("big", "small"))
        raw["series"] = dict(seconds={k: statistics.median(v) for k, v in series_times.items()}, milestones=held)
        target_row("series", f"30-day daily series on {s['big']:,} requests ({held['big']:,} milestones in the window)",
                   f"{big_s * 1000:.1f} ms", f"on {s['series_small']:,}: {small_s * 1000:.1f} ms ({held['small']:,})",
                   big_s / small_s, big_s / small_s,
                   sqlite=("≤ 1.5×", lambda r: r <= 1.5), postgres=("≤ 1.5×", lambda r: r <= 1.5))

    if wanted("retention"):
        # --- retention: the sweep of a closed archive, against the database deleting it alone ----
        phase("retention")
        n = s["retention"]
        # Closed over 400 days: a policy of one day makes all but a quarter of a percent due.
        copies = {label: store.new_db(f"retention_{label}") for label in ("ours", "alone")}
        rtokens = {}
        for label, rdb in copies.items():
            _, rtokens[label], raw[f"seed_retention_{label}_seconds"] = seed(binary, rdb, closed=n, days=400)
        store.settle()
        tables = ("requests", "messages", "notes", "events", "visitors")

        def counts(rdb):
            return [int(store.sql(rdb, f"SELECT count(*) FROM {t}")[0][0]) for t in tables]

        cutoff_ms = int((time.time() - 86_400) * 1000)
        alone_db = copies["alone"]
        before = counts(alone_db)
        start = time.perf_counter()
        store.sql(alone_db, f"""
            BEGIN;
            CREATE TEMP TABLE due AS SELECT id, visitor_id FROM requests WHERE state = 4 AND closed_at < {cutoff_ms};
            DELETE FROM webhook_deliveries WHERE request_id IN (SELECT id FROM due);
            DELETE FROM request_labels WHERE request_id IN (SELECT id FROM due);
            DELETE FROM notes WHERE request_id IN (SELECT id FROM due);
            DELETE FROM messages WHERE request_id IN (SELECT id FROM due);
            DELETE FROM events WHERE request_id IN (SELECT id FROM due);
            UPDATE request_changes SET seq = 1, deleted_reason = 'retention', deleted_at = 0
                WHERE request_id IN (SELECT id FROM due);
            DELETE FROM requests WHERE id IN (SELECT id FROM due);
            DELETE FROM conversations WHERE visitor_id IN (SELECT visitor_id FROM due)
                AND NOT EXISTS (SELECT 1 FROM requests k WHERE k.visitor_id = conversations.visitor_id);
            DELETE FROM visitors WHERE id IN (SELECT visitor_id FROM due)
                AND NOT EXISTS (SELECT 1 FROM requests k WHERE k.visitor_id = visitors.id);
            COMMIT;
            SELECT 1""")
        t_alone = time.perf_counter() - start
        gone_alone = sum(b - a for b, a in zip(before, counts(alone_db)))
        ours_db = copies["ours"]
        before = counts(ours_db)
        rserver = serve(ours_db, "retention", ["--retention-every", "1s"])
        rcli = [binary, "--url", rserver.url, "--token", rtokens["ours"]["admin@bench.test"]]
        run_timed(rcli + ["retention", "set", "--closed-after", "1d"], env=env)
        start = time.perf_counter()
        while True:
            preview = json.loads(run_timed(rcli + ["retention", "preview", "--json"], env=env)[2])
            if preview["due"]["requests"] == 0:
                break
            if time.perf_counter() - start > 1800:
                raise SystemExit("the retention sweep did not finish in 30 minutes")
            time.sleep(0.2)
        t_ours = time.perf_counter() - start
        stop(rserver)
        after = counts(ours_db)
        gone = sum(b - a for b, a in zip(before, after))
        for rdb in copies.values():
            store.drop_db(rdb)
        raw["retention"] = dict(seconds=t_ours, alone_seconds=t_alone, rows=gone, alone_rows=gone_alone,
                                requests=before[0] - after[0])
        target_row("retention", f"retention sweep of {before[0] - after[0]:,} closed requests "
                   f"({gone:,} rows) by the server's sweeper, batches of 500",
                   f"{t_ours:.1f} s ({gone / t_ours:,.0f} rows/s)",
                   f"the database alone, one transaction: {t_alone:.1f} s ({gone_alone / t_alone:,.0f} rows/s)",
                   t_ours / t_alone, None)

    if wanted("erasure"):
        # --- erasure: one person with many requests, against one with a single request ---------
        phase("erasure")
        many = s["erasure"]
        edb = store.new_db("erasure")
        _, etokens, _ = seed(binary, edb, closed=many + 1)
        # One visitor files every request but the last; the last one's visitor filed only it.
        store.sql(edb, """
            UPDATE requests SET visitor_id = (SELECT visitor_id FROM requests ORDER BY id LIMIT 1)
                WHERE id <> (SELECT max(id) FROM requests);
            SELECT 1""")
        (heavy, light), = [tuple(int(v) for v in row) for row in store.sql(edb, """
            SELECT (SELECT visitor_id FROM requests ORDER BY id LIMIT 1),
                   (SELECT visitor_id FROM requests ORDER BY id DESC LIMIT 1)""")]
        eserver = serve(edb, "erasure")
        store.settle()
        ecli = [binary, "--url", eserver.url, "--token", etokens["admin@bench.test"]]
        t_light, _, _ = run_timed(ecli + ["visitors", "erase", str(light), "--yes", "--json"], env=env)
        t_heavy, _, out_heavy = run_timed(ecli + ["visitors", "erase", str(heavy), "--yes", "--json"], env=env)
        stop(eserver)
        store.drop_db(edb)
        raw["erasure"] = dict(seconds=t_heavy, one_request_seconds=t_light, receipt=json.loads(out_heavy))
        target_row("erasure", f"`visitors erase` of a visitor with {many:,} requests",
                   f"{t_heavy * 1000:.0f} ms ({many / t_heavy:,.0f} requests/s)",
                   f"a visitor with 1 request: {t_light * 1000:.0f} ms", t_heavy / t_light, None)

    if wanted("latency"):
        # --- live chat latency -------------------------------------------------------------------
        def latency(label, replicas):
            phase(label)
            ldb = store.new_db(label)
            _, ltokens, _ = seed(binary, ldb, requests=s["small"])
            # Replicas are further `server run` processes on the same database.
            lservers = [serve(ldb, f"{label}-{n}") for n in range(replicas)]
            store.settle()
            probe = [latency_bin, lservers[0].url, ltokens["admin@bench.test"], "1",
                     str(s["conversations"]), str(s["messages_each"])]
            _, _, probe_out = run_timed(probe + ([lservers[-1].url] if replicas > 1 else []))
            live = json.loads(probe_out)
            if live["missing"]:
                raise SystemExit(f"{live['missing']} probe messages never reached the agent's stream ({label})")
            for lserver in lservers:
                stop(lserver)
            store.drop_db(ldb)
            return live

        live = latency("live", 1)
        raw["latency"] = live
        ceiling = 2.0 if store.key == "sqlite" else 2.5
        # The ratio of a latency row is against its target's ceiling, as there is no curl baseline.
        target_row("latency", f"visitor message → agent's stream, {s['conversations']} conversations open",
                   f"p99 {live['p99_ms']:.2f} ms", f"p50 {live['p50_ms']:.2f} ms, max {live['max_ms']:.2f} ms, "
                   f"{live['samples']} samples", live["p99_ms"] / ceiling, live["p99_ms"],
                   sqlite=("p99 ≤ 2 ms", lambda p: p <= 2.0), postgres=("p99 ≤ 2.5 ms", lambda p: p <= 2.5))
    if wanted("routing"):
        # The router's row, measured on the small queue database above, stands with the latency rows.
        what = f"routing delay: visitor's request → assigned round-robin, {agents} agents online, {opens} requests"
        floor = ("p99 ≤ 50 ms, every request routed", lambda p: p is not None and p <= 50.0)
        unrouted, others = len(routed.get("unrouted", [])), len(routed.get("not_by_routing", []))
        if "error" in routed or routed["p99_ms"] is None or unrouted or others:
            why = routed.get("error") or (f"of {opens} requests, {unrouted} not assigned within 10 s and "
                                          f"{others} assigned other than by routing")
            why = " ".join(why.replace("|", "/").split())[:300]
            target_row("routing", what, "failed", why, None, None, sqlite=floor, postgres=floor)
        else:
            stream = routed["stream_p99_ms"]
            base = (f"p50 {routed['p50_ms']:.0f} ms, max {routed['max_ms']:.0f} ms (whole ms); "
                    f"queue stream saw p99 {'—' if stream is None else f'{stream:.1f}'} ms; opening call p50 "
                    f"{routed['open_p50_ms']:.2f} ms, `/healthz` p50 {routed['healthz_p50_ms']:.2f} ms")
            if routed["assigned_before_created"]:
                base += f"; {routed['assigned_before_created']} stamped assigned before created"
            target_row("routing", what, f"p99 {routed['p99_ms']:.0f} ms", base, routed["p99_ms"] / 50.0,
                       routed["p99_ms"], sqlite=floor, postgres=floor)
    if wanted("latency"):
        if store.key == "postgres":
            # Only PostgreSQL is shared by several servers: the visitor writes to replica A while
            # the agent streams from replica B, so each message crosses LISTEN/NOTIFY.
            cross = latency("replicas", 2)
            raw["cross_replica_latency"] = cross
            target_row("cross-replica", f"visitor on replica A → agent's stream on replica B, "
                       f"{s['conversations']} conversations open", f"p99 {cross['p99_ms']:.2f} ms",
                       f"p50 {cross['p50_ms']:.2f} ms, max {cross['max_ms']:.2f} ms, {cross['samples']} samples",
                       cross["p99_ms"] / 15.0, cross["p99_ms"], postgres=("p99 ≤ 15 ms", lambda p: p <= 15.0))
    return rows, raw


def table(results):
    """One markdown table: a row per workload, and per store its figure, same-run baseline,
    ratio, target and verdict, side by side."""
    head = ["workload"]
    for store, _ in results:
        head += [store.title, "baseline (same run)", "ratio", "target", "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_store = [{row.key: row for row in rows} for _, rows in results]
    keys = []
    for _, rows in results:
        keys += [row.key for row in rows if row.key not in keys]
    for key in keys:
        what = next(found[key].what for found in by_store if key in found)
        cells = [what]
        for (store, _), found in zip(results, by_store):
            row = found.get(key)
            if row is None:
                cells += ["—", f"not run on {store.title}", "—", "—", "—"]
                continue
            verdict = "—" if row.met is None else ("PASS" if row.met else "FAIL")
            ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
            cells += [row.ours, row.base, ratio, row.target or "—", verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="full")
    parser.add_argument("--bin", default="target/release/livechat", help="the livechat binary to measure")
    parser.add_argument("--out", default="bench/results", help="where the table and raw figures go")
    parser.add_argument("--latency-bin", help="the latency probe [default: examples/latency beside --bin]")
    parser.add_argument("--postgres", metavar="URL",
                        help="a PostgreSQL server and database, e.g. postgres://root@127.0.0.1:5432/test; "
                             "the benchmark makes and drops schemas of its own there")
    parser.add_argument("--only", metavar="PHASES",
                        help="run only these phases, comma-separated: " + ", ".join(sorted(PHASES)))
    parser.add_argument("--store", choices=("sqlite", "postgres", "both"),
                        help="the store(s) to measure [default: postgres with --postgres, else sqlite]")
    args = parser.parse_args()
    only = None if args.only is None else set(args.only.split(","))
    if only and not only <= PHASES:
        parser.error(f"--only takes phases among {', '.join(sorted(PHASES))}")
    store_choice = args.store or ("postgres" if args.postgres else "sqlite")
    if store_choice != "sqlite" and not args.postgres:
        parser.error(f"--store {store_choice} needs --postgres URL")
    s = SCALES[args.scale]
    binary = os.path.abspath(args.bin)
    latency_bin = os.path.abspath(args.latency_bin or os.path.join(os.path.dirname(binary), "examples", "latency"))
    tools = ["curl", "jq", "bash", "/usr/bin/time", "wrk"] + (["pgbench"] if store_choice != "sqlite" else [])
    for tool in tools:
        if not shutil.which(tool):
            raise SystemExit(f"the baselines need `{tool}`; install it first")
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="livechat-bench-")
    raw = {"scale": args.scale}
    results, servers, stores = [], [], []
    try:
        if store_choice in ("sqlite", "both"):
            stores.append(SqliteStore(work, binary))
        if store_choice in ("postgres", "both"):
            stores.append(PostgresStore(args.postgres))
        for store in stores:
            rows, figures = measure(store, binary, latency_bin, s, work, args.out, args.scale, servers, only)
            results.append((store, rows))
            raw[store.key] = figures
    finally:
        for server in servers:
            server.stop()
        for store in stores:
            store.close()
            raw.setdefault(store.key, {}).update(store.describe())
        shutil.rmtree(work, ignore_errors=True)

    text = table(results)
    print(text)
    with open(os.path.join(args.out, f"{args.scale}.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(args.out, f"{args.scale}.json"), "w") as f:
        json.dump(raw, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
