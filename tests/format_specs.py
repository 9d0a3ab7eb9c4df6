"""The formats under property test: their real seed records, and what each record carries.

Which post ids a seed carries is computed here, the simple way, per format, independently of
the sources under test. Used by ``test_properties.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from conftest import FORMATS

# -- JSON trees ------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]

#: Wrongly-typed values a field may be replaced with.
WRONG: dict[str, Any] = {
    "int": 7, "float": 2.5, "bool": True, "null": None, "list": [1, "two"], "dict": {"junk": 1},
    "huge": "x" * 30_000,
}
KINDS = (*WRONG, "delete")
ALL = frozenset(KINDS)
#: What no sensible reader accepts as an id, or as a post's text.
ID_BAD = frozenset({"dict", "list", "bool", "null", "delete"})
ID_TYPE_BAD = frozenset({"dict", "list", "bool"})
TEXT_BAD = frozenset({"dict", "list"})
NOT_STR = frozenset({"int", "float", "bool", "null", "list", "dict", "delete"})
NOT_DICT = ALL - {"dict"}
#: Bytes that are invalid anywhere in JSON (control characters; not a line break).
CONTROL = bytes([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
INVALID_UTF8 = (b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\x80", b"\xfe\xfe")
SENTINEL = "\ue000SENTINEL\ue000"
JSON_REASON = re.compile(r"json|decode|truncat|malformed|utf-8", re.IGNORECASE)


def walk(value: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path to a value inside ``value`` (dict keys and list indices), depth first."""
    out: list[Path_] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        out.append((*prefix, key))
        out.extend(walk(child, (*prefix, key)))
    return out


def at(value: Any, path: Path_) -> Any:
    for key in path:
        value = value[key]
    return value


def has(value: Any, path: Path_) -> bool:
    try:
        at(value, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def is_json(raw: bytes) -> bool:
    """The oracle for valid JSON: strict UTF-8, then the standard library's parser."""
    try:
        json.loads(raw.decode("utf-8"))
    except ValueError:
        return False
    return True


# -- what each format's seeds carry, computed the simple way ----------------------------------


def v2_posts(line: Any) -> set[str]:
    if "data" not in line:  # a flattened tweet, with the referenced tweets it inlines whole
        refs = line.get("referenced_tweets") or []
        return {line["id"]} | {r["id"] for r in refs if isinstance(r.get("text"), str)}
    data = line["data"]
    items = data if isinstance(data, list) else [data]
    ids = {t["id"] for t in items if isinstance(t, dict) and isinstance(t.get("text"), str)}
    return ids | {t["id"] for t in (line.get("includes") or {}).get("tweets") or []}


def v2_required(line: Any) -> dict[Path_, frozenset[str]]:
    if "data" not in line:  # a flattened tweet: author_id may come from the inlined author
        req = {("id",): ID_BAD, ("author_id",): ID_TYPE_BAD, ("text",): TEXT_BAD}
        if "author" in line:
            req[("author", "id")] = ID_TYPE_BAD
        return req
    data = line["data"]
    tweets: list[Path_] = (
        [("data", i) for i, t in enumerate(data) if isinstance(t, dict) and "text" in t]
        if isinstance(data, list) else [("data",)] if "text" in data else []
    )
    req: dict[Path_, frozenset[str]] = {}
    for tweet in tweets:
        req.update({(*tweet, "id"): ID_BAD, (*tweet, "author_id"): ID_BAD, (*tweet, "text"): TEXT_BAD})
    includes = line.get("includes") or {}
    for j, _ in enumerate(includes.get("tweets") or []):
        for name in ("id", "author_id", "text"):
            req[("includes", "tweets", j, name)] = ID_BAD if name != "text" else TEXT_BAD
    for j, _ in enumerate(includes.get("users") or []):
        req[("includes", "users", j, "id")] = ID_TYPE_BAD
    return req


def v2_salvage(line: Any, path: Path_) -> set[str]:
    """Posts of a page that must survive one tweet (or user) of it being broken at ``path``."""
    if "data" not in line:
        return set()
    if path[:2] == ("includes", "users"):
        return v2_posts(line)
    broken = at(line, path[:-1]).get("id")
    return v2_posts(line) - {broken}


def v1_posts(status: Any) -> set[str]:
    ids = {str(status.get("id_str") or status["id"])}
    for nested in ("retweeted_status", "quoted_status"):
        if isinstance(status.get(nested), dict):
            ids |= v1_posts(status[nested])
    return ids


def v1_required(status: Any, prefix: Path_ = ()) -> dict[Path_, frozenset[str]]:
    req: dict[Path_, frozenset[str]] = {}
    if "id_str" in status:
        req[(*prefix, "id_str")] = ID_TYPE_BAD
    texts = [k for k in ("full_text", "text") if status.get(k) is not None]
    if isinstance(status.get("extended_tweet"), dict) and status["extended_tweet"].get("full_text") is not None:
        texts.append("extended_tweet")
    for name in texts:
        req[(*prefix, name)] = TEXT_BAD | ({"null", "delete"} if len(texts) == 1 else set())
    if "user" in status:
        req[(*prefix, "user")] = ALL
        if "id_str" in status["user"]:
            req[(*prefix, "user", "id_str")] = ID_TYPE_BAD
    for nested in ("retweeted_status", "quoted_status"):
        if isinstance(status.get(nested), dict):
            req.update(v1_required(status[nested], (*prefix, nested)))
    return req


def bsky_posts(event: Any) -> set[str]:
    commit = event.get("commit") or {}
    if commit.get("collection") == "app.bsky.feed.post" and commit.get("operation") in ("create", "update"):
        return {f"at://{event['did']}/app.bsky.feed.post/{commit['rkey']}"}
    return set()


def bsky_required(event: Any) -> dict[Path_, frozenset[str]]:
    req: dict[Path_, frozenset[str]] = {("did",): ALL, ("kind",): ALL, ("time_us",): ALL - {"int"}}
    kind = event["kind"]
    if kind == "identity":
        req[("identity",)] = NOT_DICT
        req[("identity", "handle")] = frozenset({"int", "float", "bool", "list", "dict"})
    elif kind == "account":
        req[("account",)] = NOT_DICT
        req[("account", "active")] = ALL - {"bool"}
    else:
        commit = event["commit"]
        req[("commit",)] = ALL
        req[("commit", "operation")] = ALL
        req[("commit", "collection")] = NOT_STR
        req[("commit", "rkey")] = NOT_STR
        collection = commit["collection"]
        if commit["operation"] != "delete":
            if collection in ("app.bsky.feed.post", "app.bsky.feed.like", "app.bsky.feed.repost",
                              "app.bsky.graph.follow"):
                req[("commit", "record")] = ALL
            if collection == "app.bsky.feed.post":
                req[("commit", "record", "text")] = NOT_STR
            elif collection in ("app.bsky.feed.like", "app.bsky.feed.repost"):
                req[("commit", "record", "subject")] = ALL
                req[("commit", "record", "subject", "uri")] = ALL
            elif collection == "app.bsky.graph.follow":
                req[("commit", "record", "subject")] = ALL
    return req


def masto_status_posts(status: Any) -> set[str]:
    ids = {status["uri"]}
    if isinstance(status.get("reblog"), dict):
        ids |= masto_status_posts(status["reblog"])
    quote = status.get("quote")
    if isinstance(quote, dict):
        if "state" in quote or "quoted_status_id" in quote:
            if isinstance(quote.get("quoted_status"), dict):
                ids |= masto_status_posts(quote["quoted_status"])
        elif "uri" in quote and "account" in quote and ("content" in quote or "reblog" in quote):
            ids |= masto_status_posts(quote)
    return ids


def masto_posts(entity: Any) -> set[str]:
    if "type" in entity and "uri" not in entity:  # a notification
        return masto_status_posts(entity["status"]) if isinstance(entity.get("status"), dict) else set()
    return masto_status_posts(entity)


def masto_status_required(status: Any, prefix: Path_ = ()) -> dict[Path_, frozenset[str]]:
    req = {(*prefix, "uri"): NOT_STR, (*prefix, "account"): ALL, (*prefix, "account", "acct"): NOT_STR}
    if status.get("content") is not None:
        req[(*prefix, "content")] = TEXT_BAD
    if isinstance(status.get("reblog"), dict):
        req.update(masto_status_required(status["reblog"], (*prefix, "reblog")))
    return req


def masto_required(entity: Any) -> dict[Path_, frozenset[str]]:
    if "type" in entity and "uri" not in entity:
        req = {("account",): ALL, ("account", "acct"): NOT_STR}
        if isinstance(entity.get("status"), dict):
            req[("status",)] = ALL - {"null", "delete"}
            req.update(masto_status_required(entity["status"], ("status",)))
        return req
    return masto_status_required(entity)


def archive_posts(element: Any) -> set[str]:
    tweet = element["tweet"]
    return {str(tweet.get("id_str") or tweet["id"])}


def archive_required(element: Any) -> dict[Path_, frozenset[str]]:
    tweet = element["tweet"]
    texts = [k for k in ("full_text", "text") if tweet.get(k) is not None]
    req = {("tweet",): ALL, ("tweet", "id_str"): ID_TYPE_BAD}
    for name in texts:
        req[("tweet", name)] = TEXT_BAD | ({"null", "delete"} if len(texts) == 1 else set())
    return req


def plain_posts(row: Any) -> set[str]:
    return {row["id"]} if row.get("type", "post") == "post" else set()


def plain_required(row: Any) -> dict[Path_, frozenset[str]]:
    if row.get("type", "post") == "post":
        return {("id",): ID_BAD, ("author",): ID_BAD, ("text",): TEXT_BAD | {"null", "delete"}}
    return {("author",): ID_BAD, ("post",): ID_BAD}


# -- seeds --------------------------------------------------------------------------------------

V2_PAGES = ("noflat", "two_tweets", "cotweet", "mentions_tweet", "media_tweet", "quoted_edit", "edited",
            "edited_before", "geo_tweets", "verified_type", "many_urls", "cashtags", "lists", "counts")


def _jsonl(*parts: str) -> list[Any]:
    with FORMATS.joinpath(*parts).open("rb") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _array(*parts: str) -> list[Any]:
    return list(json.loads(FORMATS.joinpath(*parts).read_bytes()))


def _js(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8-sig")
    return list(json.loads(text[text.index("=") + 1:]))


def _stream_lines() -> list[Any]:
    lines = []
    with FORMATS.joinpath("x-v2-twarc", "streaming_output_with_error.jsonl").open("rb") as handle:
        for raw in handle:
            if is_json(raw):  # its one deliberately broken line is no seed (see test_real_broken_stream_line)
                lines.append(json.loads(raw))
    return lines


def _bluesky() -> list[Any]:
    events = _jsonl("bluesky-jetstream", "expected_v1.jsonl") + _jsonl("bluesky-jetstream", "golden_v1.jsonl")
    # events that erase (a post, an account) would make the count of stored posts depend on order
    return [e for e in events
            if not (e.get("kind") == "commit" and e["commit"].get("operation") == "delete"
                    and e["commit"].get("collection") == "app.bsky.feed.post")
            and not (e.get("kind") == "account" and e["account"].get("status") == "deleted")]


def _mastodon() -> list[Any]:
    return _array("mastodon", "extracted", "statuses.json") + _array("mastodon", "extracted", "notifications.json")


def plain_rows() -> list[dict[str, Any]]:
    """Plain rows made from the real flattened tweets: their posts, and their retweets as reposts."""
    rows: list[dict[str, Any]] = []
    for tweet in _jsonl("x-v2-twarc", "flat.jsonl"):
        refs = {r["type"]: r["id"] for r in tweet.get("referenced_tweets") or []}
        author = tweet["author"]["username"]
        if "retweeted" in refs:
            rows.append({"type": "repost", "author": author, "post": refs["retweeted"],
                         "created_at": tweet["created_at"]})
            continue
        row = {"id": tweet["id"], "author": author, "text": tweet["text"], "created_at": tweet["created_at"],
               "lang": tweet.get("lang")}
        if "replied_to" in refs:
            row["reply_to"] = refs["replied_to"]
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Spec:
    """One format (or one shape of it) under test."""

    id: str
    format: str
    load: Callable[[], list[Any]]
    posts: Callable[[Any], set[str]]
    required: Callable[[Any], dict[Path_, frozenset[str]]]
    layout: str = "jsonl"  # jsonl | array | archive
    salvage: Callable[[Any, Path_], set[str]] | None = None

SPECS = [
    Spec("x-v2-flat", "x-v2", lambda: _jsonl("x-v2-twarc", "flat.jsonl"), v2_posts, v2_required),
    Spec("x-v2-pages", "x-v2", lambda: [p for n in V2_PAGES for p in _jsonl("x-v2-twarc", f"{n}.jsonl")],
         v2_posts, v2_required, salvage=v2_salvage),
    Spec("x-v2-stream", "x-v2", _stream_lines, v2_posts, v2_required, salvage=v2_salvage),
    Spec("x-v1.1-jsonl", "x-v1.1", lambda: _array("x-v1.1", "extracted", "statuses.json"), v1_posts,
         v1_required),
    Spec("x-v1.1-array", "x-v1.1", lambda: _array("x-v1.1", "extracted", "statuses.json"), v1_posts,
         v1_required, layout="array"),
    Spec("x-archive", "x-archive", lambda: _js(FORMATS / "x-archive" / "mock-archive" / "data" / "tweets.js"),
         archive_posts, archive_required, layout="archive"),
    Spec("bluesky-jetstream", "bluesky-jetstream", _bluesky, bsky_posts, bsky_required),
    Spec("mastodon-jsonl", "mastodon", _mastodon, masto_posts, masto_required),
    Spec("mastodon-array", "mastodon", _mastodon, masto_posts, masto_required, layout="array"),
    Spec("plain-jsonl", "plain-jsonl", plain_rows, plain_posts, plain_required),
]


@cache
def seeds(spec_id: str) -> list[tuple[Any, bytes]]:
    """The spec's real records, decoded and serialized once."""
    spec = next(s for s in SPECS if s.id == spec_id)
    return [(value, dumps(value)) for value in spec.load()]
