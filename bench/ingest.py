"""Ingest benchmark: Referral Engine against ``twarc2 csv`` on the same twarc2 raw file.

    python bench/ingest.py [--tweets 1000000] [--work bench/out] [--skip-twarc-csv] [--twarc-sample N] [--stages]

1. Generates (or reuses, cached by size and seed) a twarc2 raw file with
   ``bench/twarc_data.py``: one X API v2 search page of 100 tweets per line, with
   its ``includes``; and the same file's first quarter (the generator's output for
   a quarter of the tweets is an exact prefix of the full file).
2. Runs each tool in a fresh subprocess pinned to one core (``taskset -c 0``):

   * Referral Engine: ``Store(path).ingest(file, understand=False)`` (loading only; ``--understand``
     adds the judging that follows by default) into a fresh DuckDB store, with
     DuckDB limited to one thread (``REFERRAL_ENGINE_THREADS=1`` and
     ``SET threads=1``), on the quarter file and on the full file; then checks that
     the store holds exactly the distinct tweets of the file (page tweets plus
     referenced tweets from ``includes``);
   * twarc-csv: ``twarc2 --bearer-token x csv FILE OUT.csv`` from its own
     virtual environment (``WORK/twarc-venv``, created with
     ``pip install twarc twarc-csv 'pandas<3'`` if missing) on the full file, or on
     its first ``--twarc-sample`` tweets.

   Wall time is the whole process (interpreter start included, for both tools);
   peak memory is the child's own maximum resident set size (``wait4`` rusage);
   resident memory is also sampled as the file is read, from ``/proc``.
3. Prints a table and writes everything to ``WORK/ingest.json``; with ``--stages``, also where each
   Referral Engine run spent its CPU time, stage by stage (``bench/stages.py``).

The file lives in page cache for every run (read once beforehand), so the numbers
compare parsing and storing, not the disk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import twarc_data  # noqa: E402
from measure import cpu_model, memory_gib  # noqa: E402

TARGET_RATE = 100_000  # tweets/s on one core
TARGET_RATIO = 20  # times twarc-csv
TARGET_GROWTH = 1.25  # peak RSS, full file over quarter file: "does not grow with the file"

# The child that ingests: run as `python bench/ingest.py --child STORE FILE`.
CHILD = "--child"


def child(store_path: str, file: str, understand: bool = False, stages: bool = False) -> int:
    """Ingest ``file`` into a fresh store at ``store_path``; print a JSON line of what happened.

    ``understand`` also runs the judging that ``Store.ingest`` does after loading (classifying every
    new post); the benchmark measures the load alone unless asked, as twarc-csv only converts.
    ``stages`` times the stages of the ingest (``bench/stages.py``).
    """
    import importlib
    import inspect

    threads = os.environ.get("REFERRAL_ENGINE_THREADS", "1")
    c0, t0 = time.process_time(), time.perf_counter()
    from referral_engine import Store

    c1, t1 = time.process_time(), time.perf_counter()
    store = Store(store_path)
    store._con.execute(f"SET threads={int(threads)}")
    spent = None
    if stages:
        import stages as timers

        spent = timers.install(store)
    t2 = time.perf_counter()
    ingest_module = importlib.import_module("referral_engine.ingest")  # the package name is shadowed by the function
    options = {}
    if "understand" in inspect.signature(ingest_module.ingest).parameters:  # judging after loading
        options["understand"] = understand
    summary = store.ingest(file, **options)
    t3 = time.perf_counter()
    result = {
        "import_s": t1 - t0,
        "open_s": t2 - t1,
        "ingest_s": t3 - t2,
        "understand": options.get("understand", "not an option"),
        "duckdb_threads": store._con.execute("SELECT current_setting('threads')").fetchone()[0],  # type: ignore[index]
        "summary": summary.as_dict() if hasattr(summary, "as_dict") else str(summary),
        # What DuckDB holds in memory at the end (ART indexes of the primary keys, table buffers...).
        "duckdb_memory_mb": {
            tag: round(size / 2**20, 1)
            for tag, size in store._con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()").fetchall()
            if size
        },
        "rss_after_ingest_mb": _rss_mb(os.getpid()),
    }
    c2 = time.process_time()
    store.close()
    if spent is not None:
        spent["import referral_engine"] = c1 - c0
        spent["DuckDB: close (last checkpoint)"] = time.process_time() - c2
        total = time.process_time() - c0
        spent["everything else"] = total - sum(spent.values())
        result["stages_cpu_s"] = {k: round(v, 2) for k, v in spent.most_common()}
        result["stages_total_cpu_s"] = round(total, 2)
    print("RESULT " + json.dumps(result, default=str), flush=True)
    return 0


# -- running and measuring one child --------------------------------------------------------


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _rchar(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/io") as fh:
            for line in fh:
                if line.startswith("rchar:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(
    label: str, cmd: list[str], size: int, log: Path, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> dict[str, Any]:
    """Run ``cmd``; return wall seconds, peak RSS (wait4) and RSS samples against the share of the file read.

    Progress is the bytes the process has read (``/proc/PID/io`` rchar) over the file's size.
    """
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    samples: list[tuple[float, float, float]] = []  # (seconds, share read, rss MB)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        done = threading.Event()
        status: list[Any] = []

        def reap() -> None:
            _, st, usage = os.wait4(proc.pid, 0)
            status.append((st, usage, time.perf_counter()))
            done.set()

        # Sample before reaping: the reaper thread waits, this thread polls /proc until the child is gone.
        reaper = threading.Thread(target=reap, daemon=True)
        reaper.start()
        with Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(), transient=True
        ) as bar:
            task = bar.add_task(label, total=size)
            while not done.wait(0.25):
                read, rss = _rchar(proc.pid), _rss_mb(proc.pid)
                if read is not None and rss is not None:
                    share = min(read / size, 1.0)
                    samples.append((time.perf_counter() - start, share, rss))
                    bar.update(task, completed=min(read, size))
        reaper.join()
    st, usage, end = status[0]
    proc.returncode = os.waitstatus_to_exitcode(st)
    seconds = end - start
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"{label} failed with exit status {proc.returncode}; log {log}:\n{tail}")
    # RSS when a quarter, half, three quarters of the file had been read, and at the end.
    by_share: dict[str, float] = {}
    for q in (0.25, 0.5, 0.75, 1.0):
        seen = [rss for _, share, rss in samples if share <= q + 1e-9]
        if seen:
            by_share[f"{int(q * 100)}%"] = round(max(seen), 1)
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "rss_by_share_read_mb": by_share,
        "user_s": round(usage.ru_utime, 2),
        "sys_s": round(usage.ru_stime, 2),
        # CPU seconds: on a shared machine the wall clock also counts time waiting for the core.
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "log": str(log),
    }


# -- the pieces --------------------------------------------------------------------------------


def dataset(work: Path, tweets: int, seed: int, users: int) -> tuple[Path, dict[str, Any]]:
    """The generated file for (tweets, seed, users), made if missing or stale."""
    path = work / f"twarc2-raw-{tweets}-s{seed}.jsonl"
    meta_path = Path(str(path) + ".meta.json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if (
            meta.get("generator_version") == twarc_data.GENERATOR_VERSION
            and meta.get("tweets") == tweets
            and meta.get("seed") == seed
            and meta.get("users_population") == users
            and meta.get("bytes") == path.stat().st_size
        ):
            return path, meta
    print(f"generating {path.name} ({tweets:,} tweets, seed {seed}) ...", flush=True)
    meta = twarc_data.generate(path, tweets, seed, users, progress=sys.stderr.isatty())
    print(f"  {meta['bytes'] / 1e6:,.0f} MB in {meta['seconds']:.1f} s", flush=True)
    return path, meta


def warm(path: Path) -> None:
    """Read the file once so every run finds it in page cache."""
    with open(path, "rb") as fh:
        while fh.read(1 << 24):
            pass


def pinned(cmd: list[str], cpu: int) -> list[str]:
    if shutil.which("taskset"):
        return ["taskset", "-c", str(cpu), *cmd]
    print("warning: taskset not found; runs are not pinned to one core", file=sys.stderr)
    return cmd


def run_referral_engine(
    path: Path, meta: dict[str, Any], work: Path, cpu: int, threads: int, understand: bool = False,
    stages: bool = False,
) -> dict[str, Any]:
    store = work / f"store-{meta['tweets']}.duckdb"
    for stale in (store, Path(str(store) + ".wal")):
        stale.unlink(missing_ok=True)
    env = dict(os.environ)
    env["REFERRAL_ENGINE_THREADS"] = str(threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    log = work / f"re-{meta['tweets']}.log"
    cmd = [sys.executable, str(Path(__file__).resolve()), CHILD, str(store), str(path)]
    cmd = pinned([*cmd, *(["understand"] if understand else []), *(["stages"] if stages else [])], cpu)
    result = measure(f"Referral Engine, {meta['tweets']:,} tweets", cmd, meta["bytes"], log, env)
    text = log.read_text(errors="replace")
    found = re.search(r"^RESULT (.*)$", text, re.M)
    inner = json.loads(found.group(1)) if found else {}
    result["inside"] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in inner.items()}
    # Verify: the store holds every distinct tweet of the file.
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    posts = con.execute("SELECT count(*), count(DISTINCT id) FROM posts").fetchone()
    accounts = con.execute("SELECT count(*) FROM accounts").fetchone()
    con.close()
    assert posts is not None and accounts is not None
    result["store"] = {
        "posts": posts[0],
        "accounts": accounts[0],
        "expected_posts": meta["distinct_posts"],
        "posts_match": posts[0] == meta["distinct_posts"] and posts[1] == posts[0],
        "bytes": store.stat().st_size,
    }
    result["tweets"] = meta["tweets"]
    result["tweets_per_s"] = round(meta["tweets"] / result["seconds"])
    result["tweets_per_cpu_s"] = round(meta["tweets"] / result["cpu_s"])
    if "ingest_s" in inner:
        result["tweets_per_s_ingest_only"] = round(meta["tweets"] / inner["ingest_s"])
    return result


def twarc_venv(work: Path) -> Path:
    venv = work / "twarc-venv"
    exe = venv / "bin" / "twarc2"
    if not exe.exists():
        print(f"creating {venv} with twarc, twarc-csv and pandas<3 ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "twarc", "twarc-csv", "pandas<3"], check=True)
    return exe


def twarc_versions(exe: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({p: m.version(p) for p in ('twarc', 'twarc-csv', 'pandas')} | "
        "{'python': sys.version.split()[0]}))"
    )
    out = subprocess.run([str(exe.parent / "python"), "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def run_twarc_csv(exe: Path, path: Path, meta: dict[str, Any], work: Path, cpu: int) -> dict[str, Any]:
    out_csv = work / f"twarc-{meta['tweets']}.csv"
    out_csv.unlink(missing_ok=True)
    log = work / f"twarc-csv-{meta['tweets']}.log"
    cmd = pinned([str(exe), "--bearer-token", "x", "csv", "--hide-progress", str(path), str(out_csv)], cpu)
    # twarc2 writes twarc.log into its working folder and a config file under $HOME: keep both in WORK.
    env = dict(os.environ)
    env["HOME"] = str(work / "twarc-home")
    env.pop("XDG_CONFIG_HOME", None)
    result = measure(f"twarc2 csv, {meta['tweets']:,} tweets", cmd, meta["bytes"], log, env, cwd=work)
    text = log.read_text(errors="replace")
    parsed = re.search(r"Parsed (\d+) tweets objects", text)
    wrote = re.search(r"Wrote (\d+) rows", text)
    result["parsed"] = int(parsed.group(1)) if parsed else None
    result["rows"] = int(wrote.group(1)) if wrote else None
    result["csv_bytes"] = out_csv.stat().st_size if out_csv.exists() else None
    out_csv.unlink(missing_ok=True)  # about 1 KB a row; not needed once measured
    result["tweets"] = meta["tweets"]
    result["tweets_per_s"] = round(meta["tweets"] / result["seconds"])
    result["tweets_per_cpu_s"] = round(meta["tweets"] / result["cpu_s"])
    return result


def machine() -> dict[str, Any]:
    import duckdb
    import msgspec

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": memory_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "msgspec": msgspec.__version__,
    }


def table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"Ingest of a generated twarc2 raw file, one core ({results['machine']['cpu']})")
    for col in ("tool", "tweets", "MB", "seconds", "tweets/s", "CPU s", "tweets/CPU s", "peak RSS MB", "check"):
        t.add_column(col, justify="left" if col in ("tool", "check") else "right")
    for run in results["runs"]:
        if run["tool"] == "referral-engine":
            st = run["store"]
            ok = "[green]ok" if st["posts_match"] else f"[red]expected {st['expected_posts']:,}"
            check = f"{st['posts']:,} posts {ok}"
        else:
            check = f"{run.get('rows') or 0:,} rows"
        t.add_row(
            run["tool"],
            f"{run['tweets']:,}",
            f"{run['file_bytes'] / 1e6:,.0f}",
            f"{run['seconds']:.1f}",
            f"{run['tweets_per_s']:,}",
            f"{run['cpu_s']:.1f}",
            f"{run['tweets_per_cpu_s']:,}",
            f"{run['peak_rss_mb']:,.0f}",
            check,
        )
    console = Console(width=None if sys.stdout.isatty() else 140)
    console.print(t)
    v = results["verdict"]
    lines = [
        f"Referral Engine: {v['re_tweets_per_s']:,} tweets/s (target {TARGET_RATE:,}): "
        + ("[green]met" if v["rate_met"] else "[red]not met"),
    ]
    if v.get("ratio") is not None:
        lines.append(
            f"ratio to twarc-csv: {v['ratio']:.1f}x wall clock, {v['ratio_cpu']:.1f}x CPU time "
            f"(target {TARGET_RATIO}x): "
            + ("[green]met" if v["ratio_met"] else "[red]not met")
            + (f" (twarc-csv on the first {v['twarc_tweets']:,} tweets)" if v.get("twarc_sampled") else "")
        )
    if v.get("memory_growth") is not None:
        lines.append(
            f"peak RSS {v['peak_rss_quarter_mb']:,.0f} MB at a quarter of the file, {v['peak_rss_full_mb']:,.0f} MB "
            f"at the whole file: x{v['memory_growth']:.2f} (at most x{TARGET_GROWTH}): "
            + ("[green]flat" if v["memory_flat"] else "[red]grows")
        )
    for line in lines:
        console.print(line)
    for run in results["runs"]:
        found = run.get("inside", {}).get("stages_cpu_s")
        if found:
            total = run["inside"]["stages_total_cpu_s"]
            console.print(f"stages of the {run['tweets']:,}-tweet run, CPU s (total {total}):")
            for stage, seconds in found.items():
                console.print(f"  {seconds:7.2f}  {stage}")


def markdown(results: dict[str, Any]) -> str:
    """The results as the Markdown table that docs/benchmarks.md publishes."""
    m = results["machine"]
    lines = [
        f"Measured {results['date']} with `{results['command']}` on {m['cpu']} ({m['nproc']} cores, "
        f"{m['memory_gib']} GiB), Python {m['python']}, DuckDB {m['duckdb']}"
        + (
            f", twarc {m['twarc']['twarc']}, twarc-csv {m['twarc']['twarc-csv']}, pandas {m['twarc']['pandas']}"
            if "twarc" in m
            else ""
        )
        + f"; every run pinned to core {results['pinned_cpu']}, DuckDB at {results['duckdb_threads']} thread.",
        "",
        "| tool | tweets | file MB | wall s | tweets/s | CPU s | tweets/CPU s | peak RSS MB | check |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in results["runs"]:
        if run["tool"] == "referral-engine":
            st = run["store"]
            check = f"{st['posts']:,} posts, " + (
                "as expected" if st["posts_match"] else f"expected {st['expected_posts']:,}"
            )
        else:
            check = f"{run.get('rows') or 0:,} CSV rows"
        lines.append(
            f"| {run['tool']} | {run['tweets']:,} | {run['file_bytes'] / 1e6:,.0f} | {run['seconds']:.1f} | "
            f"{run['tweets_per_s']:,} | {run['cpu_s']:.1f} | {run['tweets_per_cpu_s']:,} | {run['peak_rss_mb']:,.0f} | "
            f"{check} |"
        )
    v = results["verdict"]
    lines.append("")
    lines.append(f"- Referral Engine: **{v['re_tweets_per_s']:,} tweets/s** (target {TARGET_RATE:,}).")
    if v.get("ratio") is not None:
        lines.append(
            f"- Ratio to twarc-csv: **{v['ratio']:.1f}x** wall clock, {v['ratio_cpu']:.1f}x CPU time "
            f"(target {TARGET_RATIO}x)"
            + (f"; twarc-csv ran on the first {v['twarc_tweets']:,} tweets." if v.get("twarc_sampled") else ".")
        )
    if v.get("memory_growth") is not None:
        lines.append(
            f"- Peak RSS: **{v['peak_rss_quarter_mb']:,.0f} MB** for a quarter of the file, "
            f"**{v['peak_rss_full_mb']:,.0f} MB** for the whole file (x{v['memory_growth']:.2f}; "
            f"flat means at most x{TARGET_GROWTH})."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == CHILD:
        return child(argv[1], argv[2], understand="understand" in argv[3:], stages="stages" in argv[3:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tweets", type=int, default=1_000_000, help="tweets in the file (a multiple of 400)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=200_000, help="account population of the generated file")
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out", help="files, stores, logs, results")
    ap.add_argument("--skip-twarc-csv", action="store_true", help="measure Referral Engine only")
    ap.add_argument(
        "--twarc-sample",
        type=int,
        default=0,
        metavar="N",
        help="run twarc-csv on the first N tweets only (default: the whole file)",
    )
    ap.add_argument("--skip-quarter", action="store_true", help="skip the quarter-size run (memory growth)")
    ap.add_argument("--cpu", type=int, default=0, help="the core every run is pinned to")
    ap.add_argument("--threads", type=int, default=1, help="DuckDB threads for the Referral Engine run")
    ap.add_argument("--understand", action="store_true", help="include the judging Store.ingest runs after loading")
    ap.add_argument("--stages", action="store_true", help="time the stages of each Referral Engine run (CPU s)")
    ap.add_argument("--markdown", action="store_true", help="print WORK/ingest.json as Markdown and stop")
    args = ap.parse_args(argv)
    if args.markdown:
        sized = args.work / f"ingest-{args.tweets}.json"
        print(markdown(json.loads((sized if sized.exists() else args.work / "ingest.json").read_text())))
        return 0
    if args.tweets % 400:
        ap.error("--tweets must be a multiple of 400 (whole pages of 100, and a quarter of them)")
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # Keep this process (progress bar, /proc sampling) off the core the measured runs are pinned to.
    others = os.sched_getaffinity(0) - {args.cpu} if hasattr(os, "sched_getaffinity") else set()
    if others:
        os.sched_setaffinity(0, others)

    results: dict[str, Any] = {
        "command": " ".join(["python bench/ingest.py", *argv]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "pinned_cpu": args.cpu if shutil.which("taskset") else None,
        "duckdb_threads": args.threads,
        "understand": args.understand,
        "runs": [],
    }
    full, full_meta = dataset(work, args.tweets, args.seed, args.users)
    results["file"] = full_meta | {"path": str(full)}
    sizes = [(full, full_meta)]
    if not args.skip_quarter:
        sizes.insert(0, dataset(work, args.tweets // 4, args.seed, args.users))
    twarc_file = None
    if not args.skip_twarc_csv:
        if args.twarc_sample and args.twarc_sample < args.tweets:
            sample = args.twarc_sample - args.twarc_sample % 100
            twarc_file = dataset(work, sample, args.seed, args.users)
        else:
            twarc_file = (full, full_meta)

    for path, meta in sizes:
        warm(path)
        run = run_referral_engine(path, meta, work, args.cpu, args.threads, args.understand, args.stages)
        results["runs"].append({"tool": "referral-engine", "file_bytes": meta["bytes"], **run})
    if twarc_file is not None:
        exe = twarc_venv(work)
        results["machine"]["twarc"] = twarc_versions(exe)
        warm(twarc_file[0])
        run = run_twarc_csv(exe, twarc_file[0], twarc_file[1], work, args.cpu)
        results["runs"].append({"tool": "twarc-csv", "file_bytes": twarc_file[1]["bytes"], **run})

    re_full = next(r for r in results["runs"] if r["tool"] == "referral-engine" and r["tweets"] == args.tweets)
    verdict: dict[str, Any] = {
        "re_tweets_per_s": re_full["tweets_per_s"],
        "rate_met": re_full["tweets_per_s"] >= TARGET_RATE,
        "posts_match": all(r["store"]["posts_match"] for r in results["runs"] if r["tool"] == "referral-engine"),
    }
    tw = next((r for r in results["runs"] if r["tool"] == "twarc-csv"), None)
    if tw is not None:
        verdict["ratio"] = round(re_full["tweets_per_s"] / tw["tweets_per_s"], 2)
        verdict["ratio_cpu"] = round(re_full["tweets_per_cpu_s"] / tw["tweets_per_cpu_s"], 2)
        verdict["ratio_met"] = verdict["ratio"] >= TARGET_RATIO
        verdict["twarc_tweets"] = tw["tweets"]
        verdict["twarc_sampled"] = tw["tweets"] != args.tweets
    quarter = next((r for r in results["runs"] if r["tool"] == "referral-engine" and r["tweets"] != args.tweets), None)
    if quarter is not None:
        verdict["peak_rss_quarter_mb"] = quarter["peak_rss_mb"]
        verdict["peak_rss_full_mb"] = re_full["peak_rss_mb"]
        verdict["memory_growth"] = round(re_full["peak_rss_mb"] / quarter["peak_rss_mb"], 3)
        verdict["memory_flat"] = verdict["memory_growth"] <= TARGET_GROWTH
    results["verdict"] = verdict
    out = work / "ingest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    (work / f"ingest-{args.tweets}.json").write_text(out.read_text())  # a small run does not hide the big one
    table(results)
    print(f"results: {out}")
    return 0 if verdict["posts_match"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
