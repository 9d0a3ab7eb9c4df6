"""Field libraries against our own parsers, on the same inputs, one core.

    python bench/libraries.py [--quick] [--generated FILE] [--json OUT] [--cpu N]

Run it from a scratch virtual environment that holds the project (``pip install -e .``)
and the libraries measured, never from the project's own environment::

    python3 -m venv /tmp/libvenv
    /tmp/libvenv/bin/pip install -e . twitwi ural twarc twarc-csv 'pandas<3' atproto Mastodon.py orjson
    /tmp/libvenv/bin/python bench/libraries.py

What it measures (items per CPU second of this process, single process, pinned to one
CPU with ``os.sched_setaffinity`` unless ``--cpu -1``; best pass of several, garbage
collector on; wall-clock rates are recorded too):

1. X API v2 twarc2 raw pages, per page tweet (``data`` item): our
   ``x_v2.records_from_line`` (decodes the bytes itself); twitwi's
   ``normalize_tweets_payload_v2`` (with a per-tweet ``normalize_tweet_v2`` fallback
   when a page raises, as a caller must do); twarc's ``expansions.flatten``;
   twarc-csv's ``DataFrameConverter`` (on a subset: it is slow; twarc-csv 0.7.2 needs
   ``pandas<3``, it calls ``DataFrame.applymap``); and ``json.loads``,
   ``orjson.loads`` and ``msgspec.json.decode`` alone (generic decode into dicts; not a
   floor for ours, whose typed ``msgspec`` decode skips the fields it does not keep). The
   libraries take decoded dicts, so their figure includes ``orjson.loads`` of the line (the fastest
   generic decoder, their best case). Inputs: the real samples ``noflat.jsonl`` and
   ``2sets.jsonl`` and a generated file (``bench/twarc_data.py --tweets 20000 --seed 1``).
2. Bluesky Jetstream v1 events (``expected_v1.jsonl`` repeated): our
   ``bluesky.SOURCE.iter_records``; atproto's ``get_or_create`` on each commit record
   (pydantic models); and, on post-create events only (the only events it accepts),
   twitwi's ``normalize_partial_post(..., collection_source="firehose")``.
3. Mastodon statuses (``statuses.json`` repeated as JSONL): our
   ``mastodon.SOURCE.iter_records``; Mastodon.py's ``try_cast_recurse(Status, dict)``
   (what ``Mastodon.__api_request`` does to every response), on a subset; and
   HTML-to-text of the ``content`` fields: ours (``mastodon.html_to_text``) against a
   naive regex strip for scale (Mastodon.py has no HTML-to-text helper).
4. URL normalisation: ``ural.normalize_url`` on every ``expanded_url`` of the twarc
   samples, and links per tweet in those samples.

Prints a table and writes everything to ``--json`` (default ``bench/out/libraries.json``).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import re
import subprocess
import sys
import warnings
from dataclasses import asdict
from html import unescape
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import cpu_model, version  # noqa: E402
from rates import Bench, count  # noqa: E402

ROOT = HERE.parent
SHARED = Path(os.environ.get("REFERRAL_ENGINE_SHARED", "/work/shared")) / "data" / "formats"
TWARC_DIR = SHARED / "x-v2-twarc"
JETSTREAM = SHARED / "bluesky-jetstream" / "expected_v1.jsonl"
STATUSES = SHARED / "mastodon" / "extracted" / "statuses.json"
TARGET_RATE = 100_000  # tweets/s on one core

try:
    import msgspec
    import orjson

    from referral_engine.sources import bluesky, mastodon, x_v2
except ImportError as missing:  # pragma: no cover - a usage error, not a test
    sys.exit(f"bench/libraries.py needs the project and orjson installed in this environment: {missing}")


# --- 1. X API v2 ---------------------------------------------------------------------------------


def twitwi_page(page: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """twitwi's normalised tweets of one page; a page it rejects is retried tweet by tweet.

    Returns the tweets and how many page tweets could not be normalised.
    """
    from twitwi import normalize_tweets_payload_v2
    from twitwi.exceptions import TwitwiError
    from twitwi.normalizers import includes_index, normalize_tweet_v2

    try:
        return normalize_tweets_payload_v2(page, extract_referenced_tweets=True), 0
    except TwitwiError:
        pass
    index = {
        "users_by_screen_name": includes_index(page, "users", index_key="username"),
        "users_by_id": includes_index(page, "users"),
        "places_by_id": includes_index(page, "places"),
        "tweets_by_id": includes_index(page, "tweets"),
        "media_by_key": includes_index(page, "media", index_key="media_key"),
    }
    out: list[dict[str, Any]] = []
    failed = 0
    for tweet in page.get("data") or []:
        try:
            out.extend(normalize_tweet_v2(tweet, extract_referenced_tweets=True, **index))
        except (TwitwiError, KeyError):
            failed += 1
    return out, failed


def bench_x_v2(bench: Bench, files: dict[str, Path], quick: bool) -> dict[str, Any]:
    from twarc.expansions import flatten

    facts: dict[str, Any] = {}
    for name, path in files.items():
        lines = [line for line in path.read_bytes().splitlines() if line.strip()]
        pages = [orjson.loads(line) for line in lines]
        tweets = sum(len(page.get("data") or []) for page in pages)
        included = sum(len((page.get("includes") or {}).get("tweets") or []) for page in pages)
        twitwi_failed = sum(twitwi_page(page)[1] for page in pages)
        facts[name] = {
            "pages": len(pages),
            "page_tweets": tweets,
            "included_tweets": included,
            "bytes": sum(map(len, lines)),
            "twitwi_failed_tweets": twitwi_failed,
        }
        print(
            f"{name}: {len(pages)} pages, {tweets:,} page tweets, {included:,} included tweets, "
            f"twitwi could not normalise {twitwi_failed} tweets",
            flush=True,
        )

        def ours(lines: list[bytes] = lines) -> int:
            return sum(len(x_v2.records_from_line(n, line)) for n, line in enumerate(lines, 1))

        def floor_json(lines: list[bytes] = lines) -> int:
            return count(json.loads(line) for line in lines)

        def floor_orjson(lines: list[bytes] = lines) -> int:
            return count(orjson.loads(line) for line in lines)

        def floor_msgspec(lines: list[bytes] = lines) -> int:
            decode = msgspec.json.Decoder().decode
            return count(decode(line) for line in lines)

        def twitwi(lines: list[bytes] = lines) -> int:
            return sum(len(twitwi_page(orjson.loads(line))[0]) for line in lines)

        def twarc_flatten(lines: list[bytes] = lines) -> int:
            return sum(len(flatten(orjson.loads(line))) for line in lines)

        bench.run("x-v2", name, "json.loads (decode only)", "tweets", tweets, floor_json)
        bench.run("x-v2", name, "orjson.loads (decode only)", "tweets", tweets, floor_orjson)
        bench.run("x-v2", name, "msgspec.json.decode (decode only)", "tweets", tweets, floor_msgspec)
        bench.run("x-v2", name, "ours: x_v2.records_from_line", "tweets", tweets, ours, "outputs: records")
        bench.run(
            "x-v2",
            name,
            "twitwi normalize_tweets_payload_v2 +orjson",
            "tweets",
            tweets,
            twitwi,
            "outputs: normalised tweets (page + referenced)",
        )
        bench.run(
            "x-v2",
            name,
            "twarc expansions.flatten +orjson",
            "tweets",
            tweets,
            twarc_flatten,
            "outputs: flattened tweets",
        )

        # twarc-csv (pandas) is two orders slower: measure it on at most a few pages.
        subset = lines[: 2 if quick else 10]
        sub_tweets = sum(len(orjson.loads(line).get("data") or []) for line in subset)

        def twarc_csv(subset: list[bytes] = subset) -> int:
            from dataframe_converter import DataFrameConverter  # twarc-csv's module

            with warnings.catch_warnings():  # pandas 2.x: "applymap has been deprecated"
                warnings.simplefilter("ignore", FutureWarning)
                frame = DataFrameConverter(input_data_type="tweets").process([orjson.loads(x) for x in subset])
            return len(frame)

        bench.run(
            "x-v2",
            name,
            "twarc-csv DataFrameConverter +orjson",
            "tweets",
            sub_tweets,
            twarc_csv,
            f"on the first {len(subset)} pages; outputs: CSV rows",
        )
    return facts


# --- 2. Bluesky Jetstream ------------------------------------------------------------------------


def bench_bluesky(bench: Bench, target: int) -> dict[str, Any]:
    from atproto_client.models.utils import get_or_create
    from twitwi.bluesky import normalize_partial_post

    sample = [line for line in JETSTREAM.read_bytes().splitlines() if line.strip()]
    copies = max(1, target // len(sample))
    events = sample * copies
    data = b"\n".join(events) + b"\n"
    posts = [
        line
        for line in events
        if (c := orjson.loads(line).get("commit"))
        and c.get("collection") == "app.bsky.feed.post"
        and c.get("operation") == "create"
    ]
    post_data = b"\n".join(posts) + b"\n"
    print(
        f"jetstream: {len(sample)} events x {copies} = {len(events):,} events, {len(posts):,} post creates", flush=True
    )

    def ours(data: bytes) -> int:
        return sum(len(records) for _, records in bluesky.SOURCE.iter_records(io.BytesIO(data)))

    def atproto(lines: list[bytes]) -> int:
        made = 0
        for line in lines:
            event = orjson.loads(line)
            commit = event.get("commit")
            if commit is not None and "record" in commit:
                made += get_or_create(commit["record"], strict=False) is not None
        return made

    def twitwi(lines: list[bytes]) -> int:
        return count(normalize_partial_post(orjson.loads(line), collection_source="firehose") for line in lines)

    def floor(lines: list[bytes]) -> int:
        return count(orjson.loads(line) for line in lines)

    n = len(events)
    bench.run("bluesky", "all events", "orjson.loads (decode only)", "events", n, lambda: floor(events))
    bench.run(
        "bluesky",
        "all events",
        "ours: bluesky.SOURCE.iter_records",
        "events",
        n,
        lambda: ours(data),
        "outputs: records",
    )
    bench.run(
        "bluesky",
        "all events",
        "atproto get_or_create(record) +orjson",
        "events",
        n,
        lambda: atproto(events),
        "outputs: models built (commit records)",
    )
    p = len(posts)
    bench.run("bluesky", "post creates", "orjson.loads (decode only)", "posts", p, lambda: floor(posts))
    bench.run(
        "bluesky",
        "post creates",
        "ours: bluesky.SOURCE.iter_records",
        "posts",
        p,
        lambda: ours(post_data),
        "outputs: records",
    )
    bench.run(
        "bluesky",
        "post creates",
        "atproto get_or_create(record) +orjson",
        "posts",
        p,
        lambda: atproto(posts),
        "outputs: models built",
    )
    bench.run(
        "bluesky",
        "post creates",
        "twitwi normalize_partial_post +orjson",
        "posts",
        p,
        lambda: twitwi(posts),
        "outputs: normalised posts",
    )
    return {"sample_events": len(sample), "copies": copies, "events": len(events), "post_creates": len(posts)}


# --- 3. Mastodon ---------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def bench_mastodon(bench: Bench, target: int, quick: bool) -> dict[str, Any]:
    from mastodon.return_types import Status, try_cast_recurse

    statuses = orjson.loads(STATUSES.read_bytes())
    copies = max(1, target // len(statuses))
    lines = [orjson.dumps(status) for status in statuses] * copies
    jsonl = b"\n".join(lines) + b"\n"
    array = b"[" + b",".join(lines) + b"]"
    print(f"mastodon: {len(statuses)} statuses x {copies} = {len(lines):,}", flush=True)

    def ours(data: bytes) -> int:
        return sum(len(records) for _, records in mastodon.SOURCE.iter_records(io.BytesIO(data)))

    def floor(lines: list[bytes]) -> int:
        return count(orjson.loads(line) for line in lines)

    subset = lines[: len(statuses) * (1 if quick else 5)]

    def mastodon_py(lines: list[bytes]) -> int:
        return count(try_cast_recurse(Status, orjson.loads(line)) for line in lines)

    n = len(lines)
    bench.run("mastodon", "statuses JSONL", "orjson.loads (decode only)", "statuses", n, lambda: floor(lines))
    bench.run(
        "mastodon",
        "statuses JSONL",
        "ours: mastodon.SOURCE.iter_records",
        "statuses",
        n,
        lambda: ours(jsonl),
        "outputs: records",
    )
    bench.run(
        "mastodon",
        "statuses array",
        "ours: mastodon.SOURCE.iter_records",
        "statuses",
        n,
        lambda: ours(array),
        "outputs: records",
    )
    bench.run(
        "mastodon",
        "statuses JSONL",
        "Mastodon.py try_cast_recurse(Status) +orjson",
        "statuses",
        len(subset),
        lambda: mastodon_py(subset),
        f"on {len(subset)} statuses; outputs: Status entities",
    )

    contents: list[str] = []
    for status in statuses:
        for s in (status, status.get("reblog") or {}):
            if isinstance(s.get("content"), str):
                contents.append(s["content"])
    html = contents * max(1, (target * 2) // max(1, len(contents)))
    chars = sum(map(len, html))
    print(f"mastodon html: {len(contents)} content fields, {chars / len(html):.0f} chars on average", flush=True)
    bench.run(
        "html",
        "status content",
        "ours: mastodon.html_to_text",
        "texts",
        len(html),
        lambda: count(mastodon.html_to_text(h) for h in html),
    )
    bench.run(
        "html",
        "status content",
        "regex strip + html.unescape (naive)",
        "texts",
        len(html),
        lambda: count(unescape(_TAG.sub("", h)).strip() for h in html),
        "not equivalent: no <br>/<p> breaks",
    )
    return {"statuses": len(statuses), "copies": copies, "html_fields": len(contents)}


# --- 4. URLs -------------------------------------------------------------------------------------


def _urls(tweet: dict[str, Any]) -> list[str]:
    return [
        u.get("unwound_url") or u.get("expanded_url") or u.get("url") or ""
        for u in ((tweet.get("entities") or {}).get("urls") or [])
    ]


def bench_urls(bench: Bench, generated: Path, target: int) -> dict[str, Any]:
    from ural import normalize_url

    real_urls: list[str] = []
    real_tweets = real_posts = 0
    real_page_urls = 0
    for path in sorted(TWARC_DIR.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            try:
                page = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            data = page.get("data") if isinstance(page, dict) else None
            if not isinstance(data, list) or not data or "author_id" not in data[0]:
                continue  # not a page of tweets (users, counts, compliance, flattened)
            included = (page.get("includes") or {}).get("tweets") or []
            for tweet in data:
                found = _urls(tweet)
                real_page_urls += len(found)
                real_urls += found
            for tweet in included:
                real_urls += _urls(tweet)
            real_tweets += len(data)
            real_posts += len(data) + len(included)
    gen_urls: list[str] = []
    gen_tweets = gen_posts = 0
    for line in generated.read_bytes().splitlines():
        page = orjson.loads(line)
        data = page.get("data") or []
        included = (page.get("includes") or {}).get("tweets") or []
        for tweet in data + included:
            gen_urls += _urls(tweet)
        gen_tweets += len(data)
        gen_posts += len(data) + len(included)
    facts = {
        "real_samples_page_tweets": real_tweets,
        "real_samples_posts": real_posts,
        "real_samples_urls": len(real_urls),
        "real_urls_per_page_tweet_data_only": real_page_urls / real_tweets,
        "real_urls_per_page_tweet_with_includes": len(real_urls) / real_tweets,
        "generated_page_tweets": gen_tweets,
        "generated_urls": len(gen_urls),
        "generated_urls_per_page_tweet_with_includes": len(gen_urls) / gen_tweets,
    }
    print(
        "urls: " + ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in facts.items()),
        flush=True,
    )
    real = real_urls * max(1, target // max(1, len(real_urls)))
    gen = gen_urls[:target]
    bench.run(
        "urls",
        "real sample URLs",
        "ural.normalize_url",
        "urls",
        len(real),
        lambda: count(normalize_url(u) for u in real),
    )
    bench.run(
        "urls", "generated URLs", "ural.normalize_url", "urls", len(gen), lambda: count(normalize_url(u) for u in gen)
    )
    return facts


# --- main ----------------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    names = [
        "referral-engine",
        "msgspec",
        "orjson",
        "twitwi",
        "ural",
        "twarc",
        "twarc-csv",
        "atproto",
        "Mastodon.py",
        "pydantic",
        "pandas",
    ]
    return {name: version(name) or "not installed" for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one short round each")
    parser.add_argument(
        "--generated", type=Path, default=None, help="a twarc2 raw file from bench/twarc_data.py (made if missing)"
    )
    parser.add_argument("--json", type=Path, default=HERE / "out" / "libraries.json")
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to; -1 for no pinning")
    args = parser.parse_args(argv)

    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    tweets = 2_000 if args.quick else 20_000
    generated = args.generated or HERE / "out" / f"twarc2-raw-{tweets}-s1.jsonl"
    if not generated.exists():
        generated.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "twarc_data.py"),
                str(generated),
                "--tweets",
                str(tweets),
                "--seed",
                "1",
                "--quiet",
            ],
            check=True,
        )
    gc.collect()

    machine = {
        "cpu": cpu_model(),
        "nproc": os.cpu_count(),
        "pinned_cpu": args.cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    print(f"{machine['cpu']}, {machine['nproc']} CPUs, Python {machine['python']}, pinned to CPU {args.cpu}")
    versions = _versions()
    print(", ".join(f"{k} {v}" for k, v in versions.items()), flush=True)

    bench = Bench(args.quick)
    facts: dict[str, Any] = {}
    files = {
        "noflat.jsonl": TWARC_DIR / "noflat.jsonl",
        "2sets.jsonl": TWARC_DIR / "2sets.jsonl",
        generated.name: generated,
    }
    facts["x_v2"] = bench_x_v2(bench, files, args.quick)
    target = 10_000 if args.quick else 100_000
    facts["bluesky"] = bench_bluesky(bench, target)
    facts["mastodon"] = bench_mastodon(bench, target // 2, args.quick)
    facts["urls"] = bench_urls(bench, generated, target)

    print()
    print(f"{'group':9} {'input':28} {'tool':46} {'rate (CPU time)':>22}  {'wall':>10}  vs target {TARGET_RATE:,}/s")
    for r in bench.results:
        rate = f"{r.rate:,.0f} {r.unit}/s" if r.rate else "failed"
        mark = ""
        if r.group == "x-v2" and r.rate:
            mark = f"{r.rate / TARGET_RATE:.2f}x"
        print(f"{r.group:9} {r.input:28} {r.tool:46} {rate:>22}  {r.wall_rate:>10,.0f}  {mark}")

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": machine,
                "versions": versions,
                "quick": args.quick,
                "generated": str(generated),
                "facts": facts,
                "results": [asdict(r) for r in bench.results],
            },
            indent=2,
        )
    )
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
