"""A large store for bench/trust.py, filled by set-based SQL, and the library timed on it.

    python bench/trust_store.py --accounts 1000000 --interactions 10000000 [--queries 200]

The store is made the way a test fixture is, not through ingest: ``Store(path)`` runs the
project's migrations, then a few ``INSERT … SELECT`` statements fill the tables from numpy columns
(DuckDB reads them as Arrow tables), which takes seconds instead of the hour an ingest of 10M
interactions' worth of posts would. It holds, for platform ``x``:

- ``accounts``: every account of ``bench/trust_data.py``'s generated graph (same seed, same
  interactions), 1 % of them businesses with a made-up distinctive name ("Vokari Dental"), a
  category and a city; counts of followers and following from the generated follows;
- ``interactions``: the generated ones (reply, mention, repost, like, follow), spread over two years;
- ``posts``: one ordinary post per account, plus the requests and endorsements below;
- ``requests``: one per 100 accounts ("Can anyone recommend a good dentist in Austin?"), 16 kinds
  of provider in 8 cities; ``endorsements``: one per 20 accounts, each a reply to a request of its
  kind, naming a business of that kind (in the asker's city 70 % of the time), 90 % positive; the
  endorsers are drawn as active accounts are (those that interact more, endorse more); 30 % of the
  businesses have no account (named only).

Then it times, through the library: the trust graph's build (``trust_graph``), the global-trust
refresh after ingest (``refresh_trust``: cold, then warm after 0.1 % more interactions),
``personal_trust`` and ``refer who`` (``referral_engine.refer.who``) for random askers; ``who``
also apart for a kind of provider asked for the first time in the process (``who_new_topic``: its
plan is made) and for one asked before (``who_topic_asked``: its plan is kept, whatever the place).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import percentiles
from referral_engine import Store
from trust_data import KINDS, interactions_of

NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the store's clock: everything happened in the two years before
SOUGHT = (
    "dentist",
    "doctor",
    "plumber",
    "electrician",
    "hairdresser",
    "barber",
    "mechanic",
    "accountant",
    "lawyer",
    "vet",
    "nursery",
    "personal trainer",
    "cleaner",
    "locksmith",
    "bakery",
    "tutor",
)
BUSINESS_WORD = (
    "Dental",
    "Clinic",
    "Plumbing",
    "Electric",
    "Hair",
    "Barbers",
    "Garage",
    "Accounts",
    "Law",
    "Vets",
    "Nursery",
    "Fitness",
    "Cleaning",
    "Locks",
    "Bakery",
    "Tutoring",
)
CITIES = ("Austin", "Leeds", "Doha", "Toronto", "Denver", "Manchester", "Dublin", "Sydney")
SYLLABLES = (
    "vo",
    "ka",
    "ri",
    "zen",
    "tal",
    "mor",
    "bex",
    "qui",
    "lan",
    "dro",
    "sil",
    "fen",
    "gar",
    "nu",
    "pex",
    "tor",
    "wy",
    "lio",
    "cas",
    "hem",
)
ORDINARY = (
    "Lovely morning for a walk",
    "Anyone watching the match tonight?",
    "New blog post is up",
    "Coffee first, then emails",
    "What a week it has been",
    "Thanks everyone for the kind words",
    "Trying a new recipe tonight",
    "The traffic today was unreal",
)


#: Account ids look like X's (19 digits) and are scattered: account ``n`` is ``_account_id(n)``, a
#: permutation of the numbers (so no block of the store holds a narrow range of ids, as in real data).
ID_BASE, ID_PRIME, ID_FACTOR, ID_STEP = 1_400_000_000_000_000_000, 1_000_000_007, 48_271, 997
ACCOUNT_ID_SQL = f"CAST({ID_BASE} + ((n::BIGINT * {ID_FACTOR}) % {ID_PRIME}) * {ID_STEP} AS VARCHAR)"


def _account_id(n: int) -> str:
    return str(ID_BASE + (int(n) * ID_FACTOR % ID_PRIME) * ID_STEP)


def _account_macro(con: Any) -> None:
    con.execute(f"CREATE OR REPLACE TEMP MACRO acct(n) AS {ACCOUNT_ID_SQL}")


def _name(i: int) -> str:
    """A made-up distinctive word per business (four syllables: 160,000 of them)."""
    parts = []
    for _ in range(4):
        parts.append(SYLLABLES[i % len(SYLLABLES)])
        i //= len(SYLLABLES)
    return "".join(parts).capitalize()


def build_store(path: Path, accounts: int, interactions: int, seed: int = 1) -> dict[str, Any]:
    """Create and fill the store at ``path`` (replacing it); returns counts and seconds."""
    from referral_engine.refer.query import parse_query

    for old in (path, Path(f"{path}.wal")):
        old.unlink(missing_ok=True)
    began = time.perf_counter()
    rng = np.random.default_rng(seed + 7)
    sources, targets, kinds = interactions_of(accounts, interactions, seed)
    store = Store(path)
    con = store._con
    _account_macro(con)
    day = 86_400
    follows = kinds == KINDS.index("follow")
    con.register(
        "gen_accounts",
        pa.table(
            {
                "n": np.arange(accounts, dtype=np.int64),
                "age": rng.integers(30 * day, 3000 * day, accounts),
                "city": np.where(rng.random(accounts) < 0.6, rng.integers(0, len(CITIES), accounts), -1),
                "followers": np.bincount(targets[follows], minlength=accounts),
                "following": np.bincount(sources[follows], minlength=accounts),
            }
        ),
    )
    con.execute(
        """
        INSERT INTO accounts
        SELECT 'x', acct(n), 'user' || n, 'User ' || n, NULL,
               CASE WHEN city >= 0 THEN list_extract($cities, city + 1) END, NULL,
               $now - to_seconds(age), followers, following, 1, $now
        FROM gen_accounts
        """,
        {"cities": list(CITIES), "now": NOW},
    )
    con.register(
        "gen_interactions",
        pa.table(
            {
                "n": np.arange(len(sources), dtype=np.int64),
                "s": sources,
                "t": targets,
                "k": kinds,
                "age": rng.integers(0, 730 * day, len(sources)),
            }
        ),
    )
    con.execute(
        """
        INSERT INTO interactions
        SELECT 'x', list_extract($kinds, k + 1) || ':' || n, list_extract($kinds, k + 1),
               acct(s), acct(t), NULL,
               CASE WHEN k <= 1 THEN 'p' || n END, NULL, $now - to_seconds(age)
        FROM gen_interactions
        """,
        {"kinds": list(KINDS), "now": NOW},
    )
    con.execute(
        """
        INSERT INTO posts
        SELECT 'x', 'f' || n, acct(n), list_extract($texts, (n % $k) + 1), $now - to_seconds(age // 3),
               'en', NULL, NULL, NULL, NULL, NULL, NULL
        FROM gen_accounts
        """,
        {"texts": list(ORDINARY), "k": len(ORDINARY), "now": NOW},
    )
    # Businesses: 1 % of the accounts (picked among all), one kind and one city each; 30 % named only.
    n_business = max(accounts // 100, len(SOUGHT) * 4)
    kind_of = np.arange(n_business) % len(SOUGHT)
    city_of = rng.integers(0, len(CITIES), n_business)
    account_of = rng.choice(accounts, size=n_business, replace=False)
    has_account = rng.random(n_business) < 0.7
    names = [f"{_name(i)} {BUSINESS_WORD[kind_of[i]]}" for i in range(n_business)]
    con.register(
        "gen_business",
        pa.table(
            {
                "id": [_account_id(a) for a in account_of[has_account]],
                "name": [n for n, h in zip(names, has_account, strict=True) if h],
                "description": [
                    f"{SOUGHT[k].capitalize()} in {CITIES[c]}. Call us!"
                    for k, c, h in zip(kind_of, city_of, has_account, strict=True)
                    if h
                ],
                "location": [CITIES[c] for c, h in zip(city_of, has_account, strict=True) if h],
            }
        ),
    )
    con.execute(
        """
        UPDATE accounts SET name = b.name, handle = lower(replace(b.name, ' ', '')), description = b.description,
               location = b.location
        FROM gen_business b WHERE accounts.platform = 'x' AND accounts.id = b.id
        """
    )
    # Requests, then endorsements replying to them.
    n_requests = max(accounts // 100, len(SOUGHT) * 2)
    request_kind = rng.integers(0, len(SOUGHT), n_requests)
    request_city = rng.integers(0, len(CITIES), n_requests)
    request_author = rng.integers(0, accounts, n_requests)
    request_age = rng.integers(day, 700 * day, n_requests)
    category = {s: parse_query(s).category for s in SOUGHT}
    n_endorsements = max(accounts // 20, 100)
    answered = rng.integers(0, n_requests, n_endorsements)
    same_city = rng.random(n_endorsements) < 0.7
    by_kind_city: dict[tuple[int, int], np.ndarray] = {}
    by_kind = {k: np.flatnonzero(kind_of == k) for k in range(len(SOUGHT))}
    for k in range(len(SOUGHT)):
        for c in range(len(CITIES)):
            by_kind_city[(k, c)] = by_kind[k][city_of[by_kind[k]] == c]
    chosen = np.empty(n_endorsements, dtype=np.int64)
    for e in range(n_endorsements):
        k, c = int(request_kind[answered[e]]), int(request_city[answered[e]])
        pool = by_kind_city[(k, c)] if same_city[e] and by_kind_city[(k, c)].size else by_kind[k]
        chosen[e] = pool[min(int(rng.zipf(1.6)) - 1, pool.size - 1)]  # a few businesses are endorsed often
    endorser = sources[rng.integers(0, len(sources), n_endorsements)]  # the active endorse more
    con.register(
        "gen_requests",
        pa.table(
            {
                "post_id": [f"r{j}" for j in range(n_requests)],
                "author_id": [_account_id(a) for a in request_author],
                "created_at": [NOW.timestamp() - a for a in request_age.tolist()],
                "sought": [SOUGHT[k] for k in request_kind],
                "category": [category[SOUGHT[k]] for k in request_kind],
                "location": [CITIES[c].lower() for c in request_city],
                "text": [
                    f"Can anyone recommend a good {SOUGHT[k]} in {CITIES[c]}?"
                    for k, c in zip(request_kind, request_city, strict=True)
                ],
            }
        ),
    )
    con.register(
        "gen_endorsements",
        pa.table(
            {
                "post_id": [f"e{e}" for e in range(n_endorsements)],
                "author_id": [_account_id(a) for a in endorser],
                "created_at": [
                    NOW.timestamp() - float(request_age[answered[e]]) + 3600 * (1 + e % 48)
                    for e in range(n_endorsements)
                ],
                "target": [names[b] for b in chosen],
                "target_account_id": [_account_id(account_of[b]) if has_account[b] else None for b in chosen],
                "for_what": [SOUGHT[kind_of[b]] for b in chosen],
                "category": [category[SOUGHT[kind_of[b]]] for b in chosen],
                "polarity": np.where(rng.random(n_endorsements) < 0.9, "positive", "negative").tolist(),
                "score": rng.uniform(0.6, 0.99, n_endorsements),
                "in_reply_to": [f"r{j}" for j in answered],
                "reply_to_account": [_account_id(request_author[j]) for j in answered],
            }
        ),
    )
    con.execute(
        """
        INSERT INTO posts SELECT 'x', post_id, author_id, text, to_timestamp(created_at), 'en',
                                 NULL, NULL, post_id, NULL, NULL, NULL FROM gen_requests;
        INSERT INTO requests SELECT 'x', post_id, author_id, to_timestamp(created_at), sought, category, location,
                                    'service', 0.9 FROM gen_requests;
        INSERT INTO posts SELECT 'x', post_id, author_id,
                                 CASE WHEN polarity = 'positive' THEN target || ' is great, highly recommend'
                                      ELSE 'Avoid ' || target || ', terrible service' END,
                                 to_timestamp(created_at), 'en', in_reply_to, reply_to_account, in_reply_to,
                                 NULL, NULL, NULL FROM gen_endorsements;
        INSERT INTO endorsements SELECT 'x', post_id, 0, author_id, to_timestamp(created_at), target,
                                        target_account_id, for_what, category, polarity, score, in_reply_to
                                 FROM gen_endorsements;
        """
    )
    for name in ("gen_accounts", "gen_interactions", "gen_business", "gen_requests", "gen_endorsements"):
        con.unregister(name)
    con.execute("CHECKPOINT")
    store.close()
    return {
        "accounts": accounts,
        "interactions": len(sources),
        "businesses": n_business,
        "requests": n_requests,
        "endorsements": n_endorsements,
        "build_store_s": time.perf_counter() - began,
        "askers": [_account_id(a) for a in request_author.tolist()],
        "questions": [f"a good {SOUGHT[k]} in {CITIES[c]}" for k, c in zip(request_kind, request_city, strict=True)],
    }


def _more_interactions(store: Store, share: float, seed: int) -> int:
    """A small ingest's worth of new interactions (``share`` of the existing ones), by SQL."""
    con = store._con
    _account_macro(con)
    [(count, accounts)] = con.execute(
        "SELECT (SELECT count(*) FROM interactions), (SELECT count(*) FROM accounts)"
    ).fetchall()
    extra = max(int(count * share), 1)
    rng = np.random.default_rng(seed + 99)
    con.register(
        "gen_more",
        pa.table(
            {
                "n": np.arange(extra, dtype=np.int64),
                "s": rng.integers(0, accounts, extra),
                "t": rng.integers(0, accounts, extra),
                "k": rng.integers(0, len(KINDS), extra).astype(np.int8),
            }
        ),
    )
    con.execute(
        """
        INSERT INTO interactions SELECT 'x', 'more:' || n, list_extract($kinds, k + 1), acct(s),
               acct(t), NULL, NULL, NULL, $now FROM gen_more WHERE s <> t
        """,
        {"kinds": list(KINDS), "now": NOW},
    )
    con.unregister("gen_more")
    return extra


def _queries(path: str, picks: list[tuple[str, str]], send: Any) -> None:
    """In a child process: personal trust, then ``who``, for each (asker, question); each time sent as it comes."""
    from referral_engine.refer import who
    from referral_engine.trust import personal_trust

    with Store(path, read_only=True) as store:
        store._con.execute("SET enable_progress_bar = false")
        for what in ("personal_trust", "who"):
            asked: set[str] = set()
            for i, (asker, question) in enumerate(picks):
                topic = question.rsplit(" in ", 1)[0]  # what is sought, the place aside
                began, began_cpu = time.perf_counter(), time.process_time()
                if what == "personal_trust":
                    answers: Any = personal_trust(store, "x", asker)
                else:
                    answers = who(store, question, asker=asker, platform="x")
                wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
                send.send((what, i == 0, wall, cpu, bool(answers), topic not in asked))
                asked.add(topic)
    send.send(("done", False, 0.0, 0.0, False, False))


def _timed_refresh(store: Store, out: dict[str, Any], name: str) -> tuple[Any, Any]:
    """Time ``refresh_trust`` into ``out["refresh_<name>_s"]`` (and its iterations); the run's edges and warm flag."""
    from referral_engine.trust import refresh_trust

    began = time.perf_counter()
    refresh_trust(store)
    out[f"refresh_{name}_s"] = time.perf_counter() - began
    run = store.query("SELECT iterations, edges, warm FROM trust_runs ORDER BY computed_at DESC LIMIT 1")
    iterations, edges, warm = run[0] if run else (None, None, None)
    out[f"refresh_{name}_iterations"] = iterations
    print(f"  {name} refresh {out[f'refresh_{name}_s']:.1f} s", flush=True)
    return edges, warm


def bench_store(
    accounts: int, interactions: int, seed: int, work: Path, queries: int, budget: float = 240.0
) -> dict[str, Any]:
    """Build the store, then time the trust graph, refreshes, personal trust and ``who`` through the library.

    The queries run in a fresh process (so its first calls pay for loading the graph and the scores,
    reported apart) that is stopped after ``budget`` seconds; percentiles are over the queries done.
    """
    try:
        from referral_engine.refer import who  # noqa: F401
        from referral_engine.trust import trust_graph
        from referral_engine.trust.graph import clear_cache
    except ImportError as missing:
        return {"pending": f"not importable yet: {missing}"}
    path = work / f"trust-store-{accounts}-{interactions}-s{seed}.duckdb"
    print(f"\nstore {path.name}: building …", flush=True)
    out = build_store(path, accounts, interactions, seed)
    askers, questions = out.pop("askers"), out.pop("questions")
    print(f"  built in {out['build_store_s']:.1f} s", flush=True)
    with Store(path) as store:
        store._con.execute("SET enable_progress_bar = false")
        out["trust_edges"], _ = _timed_refresh(store, out, "cold")
        clear_cache()
        began = time.perf_counter()
        graph = trust_graph(store, "x")
        out["trust_graph_build_s"] = time.perf_counter() - began
        out["pair_counts_mb"] = graph.pairs.nbytes / 1e6 if graph.pairs is not None else None
        out["more_interactions"] = _more_interactions(store, 0.001, seed)
        _, out["refresh_warm_started"] = _timed_refresh(store, out, "warm")
    clear_cache()
    rng = np.random.default_rng(seed + 3)
    chosen = rng.choice(len(askers), size=min(queries, len(askers)), replace=False).tolist()
    picks = [(askers[i], questions[i]) for i in chosen]
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_queries, args=(str(path), picks, send))
    began = time.perf_counter()
    child.start()
    times: dict[str, list[float]] = {"personal_trust": [], "who": [], "who_new_topic": [], "who_topic_asked": []}
    cpu_times: dict[str, list[float]] = {k: [] for k in times}
    answered = 0
    finished = False
    while (left := budget - (time.perf_counter() - began)) > 0 and receive.poll(left):
        what, first, seconds, cpu, found, fresh = receive.recv()
        if what == "done":
            finished = True
            break
        if first:  # loads the graph and the scores into the fresh process
            out[f"{what}_first_s"] = seconds
        else:
            kinds = [what] + ([] if what != "who" else ["who_new_topic" if fresh else "who_topic_asked"])
            for kind in kinds:
                times[kind].append(seconds)
                cpu_times[kind].append(cpu)
            answered += found and what == "who"
    if child.is_alive():
        child.kill()
    child.join()
    for what, seconds in times.items():
        out[what] = {"asked": len(picks) - 1 if what in ("who", "personal_trust") else len(seconds), "queries": 0}
        if seconds:
            out[what].update(percentiles(seconds), cpu=percentiles(cpu_times[what]))
    out["who"]["answered"] = answered
    if not finished:
        out["stopped"] = f"query budget of {budget:.0f} s spent (--store-budget)"
    print(f"  personal_trust {out['personal_trust']}, who {out['who']}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--interactions", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--budget", type=float, default=240.0, help="seconds for the query phase")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        json.dumps(
            bench_store(args.accounts, args.interactions, args.seed, args.work, args.queries, args.budget), indent=2
        )
    )


if __name__ == "__main__":
    main()
