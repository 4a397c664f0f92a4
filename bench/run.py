#!/usr/bin/env python3
"""The livechat benchmark harness.

Seeds databases with `livechat server seed`, serves them with `livechat server run`, and
measures the workloads of our users against baselines measured in the same run: plain curl
and jq scripts doing the same job the way a user would, and raw curl of the export stream as
the physical limit. Prints a markdown table of ratios, and writes it with the raw figures (and the
server's /metrics after the export and bulk workloads) to the output folder.

    cargo build --release --bins --examples && python3 bench/run.py   # the full run (a few minutes)
    python3 bench/run.py --scale tiny --bin target/debug/livechat   # seconds; what the test runs

Baselines that would take many minutes at full scale (one curl per request) are timed on a
sample and scaled linearly; the table says so.
"""

import argparse
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
import urllib.request

SCALES = {
    # export size, small export, bulk size, big db, small db, paging sample, bulk sample, repeats
    "full": dict(export=100_000, export_small=1_000, bulk=10_000, big=1_000_000, small=1_000,
                 paging_sample=2_000, bulk_sample=1_000, repeats=3, query_repeats=15,
                 conversations=100, messages_each=20),
    "tiny": dict(export=300, export_small=30, bulk=60, big=3_000, small=100,
                 paging_sample=30, bulk_sample=20, repeats=1, query_repeats=3,
                 conversations=5, messages_each=4),
}


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


class Server:
    def __init__(self, binary, db, log):
        self.log = open(log, "w+")
        env = dict(os.environ, LIVECHAT_LOG="info")
        self.proc = subprocess.Popen([binary, "server", "run", "--db", db, "--listen", "127.0.0.1:0"],
                                     stdout=self.log, stderr=subprocess.PIPE, env=env, text=True)
        for line in self.proc.stderr:
            self.log.write(line)
            found = re.search(r"addr=(\S+)", line)
            if found:
                self.url = f"http://{found.group(1)}"
                # Keep draining the log, so the server never waits on a full pipe.
                threading.Thread(target=self.log.writelines, args=(self.proc.stderr,), daemon=True).start()
                return
        raise SystemExit(f"the server on {db} did not start; see {log}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def seed(binary, db, **counts):
    args = [binary, "server", "seed", "--db", db]
    for state, count in counts.items():
        args += [f"--{state}", str(count)]
    seconds, _, out = run_timed(args)
    info = json.loads(out)
    tokens = {m["email"]: m["token"] for m in info["members"]}
    return info, tokens, seconds


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="full")
    parser.add_argument("--bin", default="target/release/livechat", help="the livechat binary to measure")
    parser.add_argument("--out", default="bench/results", help="where the table and raw figures go")
    parser.add_argument("--latency-bin", help="the latency probe [default: examples/latency beside --bin]")
    args = parser.parse_args()
    s = SCALES[args.scale]
    binary = os.path.abspath(args.bin)
    latency_bin = os.path.abspath(args.latency_bin or os.path.join(os.path.dirname(binary), "examples", "latency"))
    for tool in ("curl", "jq", "bash", "/usr/bin/time"):
        if not shutil.which(tool):
            raise SystemExit(f"the baselines need `{tool}`; install it first")
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="livechat-bench-")
    rows, raw = [], {"scale": args.scale}
    servers = []
    try:
        # --- the export and bulk database -------------------------------------------------
        db = os.path.join(work, "work.db")
        info, tokens, seed_s = seed(binary, db, new=s["bulk"] + s["bulk_sample"], assigned=10, chatting=5,
                                    resolved=s["export_small"], closed=s["export"])
        raw["seed_work_db_seconds"] = seed_s
        admin = tokens["admin@bench.test"]
        server = Server(binary, db, os.path.join(work, "work-server.log"))
        servers.append(server)
        cli = [binary, "--url", server.url, "--token", admin]
        env = dict(os.environ, NO_COLOR="1")

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
        n = s["export"]
        rows.append((f"export {n:,} closed requests to JSONL", f"{t_cli:.2f} s", f"raw curl {t_curl:.2f} s",
                     t_cli / t_curl, "≤ 1.2×", t_cli / t_curl <= 1.2))
        rows.append((f"export {n:,} closed requests to JSONL", f"{t_cli:.2f} s",
                     f"curl+jq paging {t_paging:.1f} s (timed on {s['paging_sample']:,}, scaled)",
                     t_paging / t_cli, "≥ 25× faster", t_paging / t_cli >= 25))
        rows.append((f"export {n:,}: CLI peak RSS", f"{rss_big / 1024:.1f} MiB", f"{s['export_small']:,}-record export {rss_small / 1024:.1f} MiB",
                     rss_big / rss_small, "≤ 32 MiB and ≤ 1.2×", rss_big <= 32 * 1024 and rss_big / rss_small <= 1.2))
        raw.update(export_cli_s=t_cli, export_curl_s=t_curl, export_paging_sample_s=t_paging_sample,
                   export_rss_kib=rss_big, export_small_rss_kib=rss_small)

        # --- bulk assignment --------------------------------------------------------------------
        _, _, listed = run_timed(cli + ["requests", "list", "--state", "new", "--all", "--jq", ".[].id"], env=env)
        ids = listed.split()
        cli_ids, curl_ids = ids[: s["bulk"]], ids[s["bulk"]: s["bulk"] + s["bulk_sample"]]
        t_bulk, _, _ = run_timed(cli + ["requests", "assign", "-", "--to", "agent1@bench.test", "--yes"],
                                 stdin="\n".join(cli_ids) + "\n", env=env)
        assign_env = dict(os.environ, URL=server.url, TOKEN=admin, TO="agent2@bench.test")
        t_loop_sample, _, _ = run_timed(["bash", "-c", ASSIGN_SCRIPT], stdin="\n".join(curl_ids) + "\n", env=assign_env)
        t_loop = t_loop_sample * s["bulk"] / s["bulk_sample"]
        rows.append((f"bulk-assign {s['bulk']:,} new requests from stdin", f"{t_bulk:.2f} s",
                     f"while-read curl loop {t_loop:.1f} s (timed on {s['bulk_sample']:,}, scaled)",
                     t_loop / t_bulk, "≥ 30× faster", t_loop / t_bulk >= 30))
        raw.update(bulk_cli_s=t_bulk, bulk_loop_sample_s=t_loop_sample)
        # What the server's own metrics said after the export and bulk workloads.
        with urllib.request.urlopen(f"{server.url}/metrics") as resp, \
                open(os.path.join(args.out, f"metrics-{args.scale}.txt"), "wb") as f:
            f.write(resp.read())
        server.stop()
        servers.remove(server)

        # --- queue queries at two sizes -----------------------------------------------------------
        timings = {}
        for label, total in (("small", s["small"]), ("big", s["big"])):
            qdb = os.path.join(work, f"{label}.db")
            _, qtokens, seed_s = seed(binary, qdb, requests=total)
            raw[f"seed_{label}_seconds"] = seed_s
            qserver = Server(binary, qdb, os.path.join(work, f"{label}-server.log"))
            servers.append(qserver)
            qcli = [binary, "--url", qserver.url, "--token", qtokens["admin@bench.test"]]
            run_timed(qcli + ["requests", "backlog"], env=env)  # warm the page cache
            timings[label] = {
                "backlog": median_run(qcli + ["requests", "backlog", "--json"], s["query_repeats"], env=env)[0],
                "list": median_run(qcli + ["requests", "list", "--limit", "50"], s["query_repeats"], env=env)[0],
            }
            qserver.stop()
            servers.remove(qserver)
            os.remove(qdb)
        for query in ("backlog", "list"):
            big, small = timings["big"][query], timings["small"][query]
            what = "`requests backlog`" if query == "backlog" else "`requests list` (newest 50 open)"
            rows.append((f"{what} on {s['big']:,} requests", f"{big * 1000:.1f} ms", f"on {s['small']:,}: {small * 1000:.1f} ms",
                         big / small, "≤ 1.5×", big / small <= 1.5))
        raw["queries"] = timings

        # --- live chat latency -------------------------------------------------------------------
        ldb = os.path.join(work, "live.db")
        _, ltokens, _ = seed(binary, ldb, requests=s["small"])
        lserver = Server(binary, ldb, os.path.join(work, "live-server.log"))
        servers.append(lserver)
        _, _, out = run_timed([latency_bin, lserver.url, ltokens["admin@bench.test"], "1",
                               str(s["conversations"]), str(s["messages_each"])])
        live = json.loads(out)
        raw["latency"] = live
        if live["missing"]:
            raise SystemExit(f"{live['missing']} probe messages never reached the agent's stream")
        rows.append((f"visitor message → agent's stream, {s['conversations']} conversations open",
                     f"p99 {live['p99_ms']:.2f} ms", f"p50 {live['p50_ms']:.2f} ms, max {live['max_ms']:.2f} ms, {live['samples']} samples",
                     live["p99_ms"] / 10.0, "p99 ≤ 10 ms", live["p99_ms"] <= 10.0))
        lserver.stop()
        servers.remove(lserver)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    lines = ["| workload | livechat | baseline (same run) | ratio | target | met |", "|---|---|---|---|---|---|"]
    # The latency row's ratio is against its 10 ms target, as there is no curl baseline for it.
    for what, ours, base, ratio, target, met in rows:
        lines.append(f"| {what} | {ours} | {base} | {ratio:.2f}× | {target} | {'yes' if met else 'NO'} |")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(args.out, f"{args.scale}.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(args.out, f"{args.scale}.json"), "w") as f:
        json.dump(raw, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
