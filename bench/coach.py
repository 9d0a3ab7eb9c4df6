"""Benchmark: ``refer audit`` and ``refer plan`` of one account in a store of 1M posts.

The store is generated with set-based SQL straight into the project's schema (``Store(path)``
runs the migrations first), not through ingest: 50,000 accounts of which 500 are businesses
(each a stored profile in one of ten categories), 1M posts over a year (a tenth by the
businesses, 40% replies), a judgement for every post, 0.5% referral requests, endorsements in
2% of the posts, mentions, likes, reposts, follows, and weekly follower snapshots of the
businesses. Then the audit (with its 49 peers, and alone) and the plan of one business (with the trust
layer's trust, and with trust from direct interactions) are timed, each ``--runs`` times in one
process after one warm-up, and the p50/p95 wall times reported. The platform's global trust is
computed once first, as ``refresh_trust`` does after an ingest. Target: under one second each.

    python bench/coach.py [--posts 1000000] [--runs 20] [--threads T] [--work bench/out] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("trades", "health", "food_and_drink", "beauty", "auto", "pets", "legal", "finance", "education", "retail")
ACCOUNTS, BUSINESSES = 50_000, 500


def build(path: Path, posts: int) -> dict[str, float]:
    """Generate the store at ``path``; returns the seconds each step took."""
    from referral_engine import Store

    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    Store(path).close()  # the schema, by the project's own migrations
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    cats = "['" + "','".join(CATEGORIES) + "']"
    steps = {
        "accounts": f"""
            INSERT INTO accounts
            SELECT 'bench', 'u' || i, 'user' || i,
                   CASE WHEN i < {BUSINESSES} THEN 'Business ' || i ELSE 'Person ' || i END,
                   CASE WHEN i < {BUSINESSES} THEN ({cats})[i % 10 + 1] || ' in Austin. Call us.'
                        ELSE 'Just a neighbour.' END,
                   'Austin, TX', NULL, TIMESTAMPTZ '2020-01-01', 100 + i % 900, 100, 1000, TIMESTAMPTZ '2026-01-01'
            FROM range({ACCOUNTS}) t(i)""",
        # A tenth of the posts by the businesses; 40% are replies to one of the 200 posts before.
        "posts": f"""
            INSERT INTO posts
            SELECT 'bench', 'p' || i,
                   'u' || CASE WHEN i % 10 = 0 THEN (i // 10) % {BUSINESSES}
                               ELSE {BUSINESSES} + hash(i) % {ACCOUNTS - BUSINESSES} END,
                   CASE i % 7 WHEN 0 THEN '20% off this week only! Call now.'
                              WHEN 1 THEN 'Thanks so much, that was kind of you.'
                              WHEN 2 THEN 'Tip: flush your water heater once a year.'
                              WHEN 3 THEN 'Does anyone know a good plumber near Hyde Park?'
                              WHEN 4 THEN 'Huge thanks to @user7 for the rescue yesterday.'
                              WHEN 5 THEN 'Great game last night!'
                              ELSE 'Road closed on Lamar this weekend.' END,
                   TIMESTAMPTZ '2025-11-01' + to_seconds(CAST(i AS BIGINT) * 31536000 // {posts}),
                   'en',
                   CASE WHEN i % 5 IN (1, 2) AND i > 200 THEN 'p' || (i - 1 - hash(i * 3) % 200) END,
                   NULL, NULL, NULL, NULL, NULL
            FROM range({posts}) t(i)""",
        "reply_accounts": """
            UPDATE posts SET reply_to_account_id = parent.author_id FROM posts parent
            WHERE posts.reply_to_id IS NOT NULL AND parent.platform = posts.platform
              AND parent.id = posts.reply_to_id""",
        "judgements": """
            INSERT INTO judgements
            SELECT platform, id,
                   1, CASE WHEN author_id IN ('u0', 'u3') OR hash(id) % 3 = 0 THEN
                             CASE hash(id) % 5 WHEN 0 THEN 'pitch' WHEN 1 THEN 'promoting_others'
                                               WHEN 2 THEN 'conversation' ELSE 'information' END
                           ELSE CASE WHEN reply_to_id IS NULL THEN 'information' ELSE 'conversation' END END,
                   0.5 + (hash(id) % 50) / 100.0, false, 0, TIMESTAMPTZ '2026-11-01'
            FROM posts""",
        "requests": f"""
            INSERT INTO requests
            SELECT platform, id, author_id, created_at, 'plumber', ({cats})[CAST(hash(id) % 10 AS BIGINT) + 1],
                   'hyde park', 'service', 0.9
            FROM posts WHERE reply_to_id IS NULL AND hash(id) % 200 = 0""",
        "request_flags": """
            UPDATE judgements SET is_request = true FROM requests r
            WHERE r.platform = judgements.platform AND r.post_id = judgements.post_id""",
        # Endorsements: 2% of the posts name a business, most of them replies.
        "endorsements": f"""
            INSERT INTO endorsements
            SELECT platform, id, 0, author_id, created_at, '@user' || (hash(id) % {BUSINESSES}),
                   'u' || (hash(id) % {BUSINESSES}), 'plumbing',
                   ({cats})[CAST(hash(id) % {BUSINESSES} % 10 AS BIGINT) + 1],
                   CASE WHEN hash(id) % 10 = 0 THEN 'negative' ELSE 'positive' END, 0.8, reply_to_id
            FROM posts WHERE hash(id || 'e') % 50 = 0""",
        "replies": """
            INSERT INTO interactions
            SELECT platform, 'reply:' || id || '::', 'reply', author_id, reply_to_account_id, NULL, id, reply_to_id,
                   created_at
            FROM posts WHERE reply_to_id IS NOT NULL""",
        "mentions": f"""
            INSERT INTO interactions
            SELECT p.platform, 'mention:' || p.id || ':' || k || ':', 'mention', p.author_id,
                   'u' || CASE WHEN k = 0 THEN hash(p.id) % {BUSINESSES} ELSE hash(p.id || k) % {ACCOUNTS} END,
                   NULL, p.id, NULL, p.created_at
            FROM posts p, range(3) r(k)
            WHERE hash(p.id) % 4 = 0 AND (k = 0 OR hash(p.id) % 40 = 0)""",
        "likes": f"""
            INSERT INTO interactions
            SELECT p.platform, 'like:u' || (hash(k) % {ACCOUNTS}) || '::' || p.id, 'like',
                   'u' || (hash(k) % {ACCOUNTS}), p.author_id, NULL, NULL, p.id,
                   p.created_at + INTERVAL 2 HOUR
            FROM range({2 * posts}) r(k) JOIN posts p ON p.id = 'p' || (hash(k * 13) % {posts})""",
        "reposts": f"""
            INSERT INTO interactions
            SELECT p.platform, 'repost:u' || (hash(k) % {ACCOUNTS}) || '::' || p.id, 'repost',
                   'u' || (hash(k) % {ACCOUNTS}), p.author_id, NULL, NULL, p.id, p.created_at + INTERVAL 3 HOUR
            FROM range({posts // 5}) r(k) JOIN posts p ON p.id = 'p' || (hash(k * 17) % {posts})""",
        "follows": f"""
            INSERT INTO interactions
            SELECT 'bench', 'follow:u' || a || ':u' || b || ':', 'follow', 'u' || a, 'u' || b, NULL, NULL, NULL,
                   TIMESTAMPTZ '2025-11-01' + to_days(CAST(k % 365 AS INTEGER))
            FROM (SELECT k, hash(k) % {ACCOUNTS} AS a, hash(k * 31) % {ACCOUNTS} AS b FROM range({posts // 2}) r(k))
            WHERE a <> b""",
        "snapshots": f"""
            INSERT INTO snapshots
            SELECT 'bench', 'u' || b, TIMESTAMPTZ '2025-11-03' + to_days(CAST(7 * w AS INTEGER)), 200 + b + 3 * w,
                   100, 1000 + w
            FROM range({BUSINESSES}) r(b), range(52) s(w)""",
        "profiles": f"""
            INSERT INTO profiles
            SELECT 'Business ' || b, [({cats})[b % 10 + 1]], ['plumber'], 'Austin, TX', false, false,
                   TIMESTAMPTZ '2026-11-01'
            FROM range({BUSINESSES}) r(b);
            INSERT INTO profile_accounts SELECT 'Business ' || b, 'bench', 'u' || b FROM range({BUSINESSES}) r(b)""",
    }
    seconds = {}
    for name, statement in steps.items():
        start = time.perf_counter()
        con.execute(statement)
        seconds[name] = round(time.perf_counter() - start, 2)
    con.execute("CHECKPOINT")
    con.close()
    return seconds


def timed(fn: object, runs: int) -> dict[str, float]:
    """p50 and p95 (and min, max) wall milliseconds of ``fn()`` over ``runs`` runs after one warm-up,
    and the CPU milliseconds of the process per run (all DuckDB threads): a shared, busy machine
    stretches the wall time, hardly the CPU time."""
    assert callable(fn)
    fn()
    times = []
    cpu = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / runs
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "min_ms": round(times[0], 1),
        "max_ms": round(times[-1], 1),
        "cpu_ms": round(cpu_ms, 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    parser.add_argument("--account", default="Business 3", help="the profile audited and planned")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the store even if it exists")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    path = args.work / f"coach-{args.posts}.duckdb"
    built = None
    if args.rebuild or not path.exists():
        built = build(path, args.posts)
    if args.threads:
        os.environ["REFERRAL_ENGINE_THREADS"] = str(args.threads)

    from referral_engine import Store
    from referral_engine.coach.audit import audit
    from referral_engine.coach.plan import InteractionTrust, plan
    from referral_engine.refer.circle import StoreTrust

    with Store(path) as store:
        stats = store.stats()
        start = time.perf_counter()
        trust = StoreTrust(store)
        trust.global_("bench", ["u0"])  # global trust of the platform, as refresh_trust leaves it after ingest
        trust_seconds = round(time.perf_counter() - start, 2)
        result = audit(store, args.account)
        figures = {
            "posts": result.posts,
            "peers": (result.peers or {}).get("peers"),
            "citizenship": result.citizenship.score,
            "plan_actions": len(plan(store, args.account, trust=trust).actions),
        }
        audit_times = timed(lambda: audit(store, args.account), args.runs)
        alone_times = timed(lambda: audit(store, args.account, peers=False), args.runs)
        plan_times = timed(lambda: plan(store, args.account, trust=StoreTrust(store)), args.runs)
        direct_times = timed(lambda: plan(store, args.account, trust=InteractionTrust(store)), args.runs)
    report = {
        "store": {
            "posts": stats["posts"],
            "accounts": stats["accounts"],
            "interactions": stats["interactions"],
            "snapshots": stats["snapshots"],
            "build_seconds": built,
            "global_trust_seconds": trust_seconds,
        },
        "account": args.account,
        "figures": figures,
        "audit": audit_times,
        "audit_without_peers": alone_times,
        "plan": plan_times,
        "plan_interaction_trust": direct_times,
        "load_average": os.getloadavg(),
        "threads": args.threads or os.cpu_count(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "duckdb": duckdb.__version__},
    }
    (args.work / "coach.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
