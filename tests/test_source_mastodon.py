"""Mastodon REST entities: the extracted samples, the recorded cassettes, and hand-built entities."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

import referral_engine
from conftest import shared
from referral_engine import Store
from referral_engine.model import Interaction, Post, Rejected, interaction_id
from referral_engine.sources.mastodon import SOURCE, Context, account_id, html_to_text

EXTRACTED = ("formats", "mastodon", "extracted")
CASSETTES = ("formats", "mastodon", "cassettes_entity_tests")


# -- cassettes -----------------------------------------------------------------------------------


def cassette_bodies(folder: Path) -> list[Any]:
    """Every JSON response body recorded in the YAML cassettes of ``folder``, decoded, in file order."""
    bodies: list[Any] = []
    for path in sorted(folder.glob("*.yaml")):
        for interaction in yaml.safe_load(path.read_text())["interactions"]:
            body = interaction["response"]["body"]["string"]
            try:
                bodies.append(json.loads(body))
            except (TypeError, ValueError):  # empty bodies, HTML error pages
                continue
    return bodies


def kind_of(value: Any) -> str | None:
    """The test's own, simpler classification of a REST entity."""
    if not isinstance(value, dict):
        return None
    if "content" in value and "uri" in value:
        return "status"
    if "type" in value and "account" in value:
        return "notification"
    if "acct" in value and "username" in value:
        return "account"
    return None


def cassette_entities() -> list[dict[str, Any]]:
    """Statuses, accounts and notifications found in the cassettes' bodies, with duplicates."""
    found: list[dict[str, Any]] = []
    for body in cassette_bodies(shared(*CASSETTES)):
        for item in body if isinstance(body, list) else [body]:
            if kind_of(item) is not None:
                found.append(item)
    return found


# -- independent expectations ----------------------------------------------------------------------


def ident(account: dict[str, Any]) -> str:
    acct = account["acct"]
    return (acct if "@" in acct else f"{acct}@{urlsplit(account['url']).netloc}").lower()


def expected(entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Posts, accounts and interactions by kind, counted from the raw entities by the test's own walk."""
    posts: set[str] = set()
    accounts: set[str] = set()
    kinds: dict[str, set[Any]] = {k: set() for k in ("mention", "reply", "repost", "quote", "like")}

    def status(s: dict[str, Any]) -> None:
        posts.add(s["uri"])
        accounts.add(ident(s["account"]))
        if s.get("reblog"):
            status(s["reblog"])
            kinds["repost"].add((ident(s["account"]), s["reblog"]["uri"]))
            return
        for m in s["mentions"]:
            accounts.add(ident(m))
            kinds["mention"].add((s["uri"], ident(m)))
        if s.get("in_reply_to_id"):
            kinds["reply"].add(s["uri"])
        quote = s.get("quote")
        if quote and quote.get("quoted_status"):
            kinds["quote"].add(s["uri"])
            status(quote["quoted_status"])

    for entity in entities:
        kind = kind_of(entity)
        if kind == "status":
            status(entity)
        elif kind == "account":
            accounts.add(ident(entity))
        elif kind == "notification":
            accounts.add(ident(entity["account"]))
            if entity.get("status"):
                status(entity["status"])
                if entity["type"] in ("favourite", "reblog"):
                    act = "like" if entity["type"] == "favourite" else "repost"
                    kinds[act].add((ident(entity["account"]), entity["status"]["uri"]))
    return {"posts": len(posts), "accounts": len(accounts), "kinds": {k: len(v) for k, v in kinds.items() if v}}


def kinds_in(store: Store) -> dict[str, int]:
    return {str(k): int(n) for k, n in store.query("SELECT kind, count(*) FROM interactions GROUP BY 1")}


def load(*names: str) -> list[dict[str, Any]]:
    return [e for name in names for e in json.loads(shared(*EXTRACTED, name).read_text())]


# -- the extracted samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("names", [("statuses.json",), ("notifications.json",),
                                   ("statuses.json", "notifications.json")])
def test_samples_match_the_raw_entities(store: Store, names: tuple[str, ...]) -> None:
    want = expected(load(*names))
    store.ingest(*(shared(*EXTRACTED, n) for n in names))
    stats = store.stats()
    assert stats["quarantined"] == 0
    assert stats["posts"] == want["posts"]
    assert stats["accounts"] == want["accounts"]
    assert kinds_in(store) == want["kinds"]
    # Every sample reply names its parent's author, from the status or from elsewhere in the file.
    assert store.query("SELECT count(*) FROM interactions WHERE kind = 'reply' AND target_id IS NULL") == [(0,)]


def test_sample_figures_are_not_vacuous(store: Store) -> None:
    store.ingest(shared(*EXTRACTED, "statuses.json"))
    kinds = kinds_in(store)
    assert kinds["mention"] >= 30 and kinds["repost"] == 7 and kinds["quote"] == 4 and kinds["reply"] >= 6
    assert store.stats()["snapshots"] > 0


def test_ingesting_twice_changes_nothing(store: Store) -> None:
    paths = [shared(*EXTRACTED, n) for n in ("statuses.json", "notifications.json")]
    store.ingest(*paths)
    first = store.stats()
    store.ingest(*paths, force=True)
    assert store.stats() == first


def test_identities_text_and_boosts(store: Store) -> None:
    store.ingest(shared(*EXTRACTED, "statuses.json"))
    ids = {r[0] for r in store.query("SELECT id FROM accounts")}
    assert {"admin@localhost:3000", "halcy@mastodon.social", "halcy@icosahedron.website",
            "h4lcy.bsky.social@bsky.brid.gy"} <= ids
    text = store.query("SELECT text FROM posts WHERE id = ?",
                       ["https://icosahedron.website/users/halcy/statuses/110446222386355655"])[0][0]
    assert text.startswith("@halcy you're a doo-doo head\n\nedit: editing")
    assert "<" not in text
    quoting = "http://localhost:3000/ap/users/117020565966271181/statuses/117020582925004921"
    assert store.query("SELECT text, quote_of_id FROM posts WHERE id = ?", [quoting]) == [
        ("yoooooooo", "http://localhost:3000/ap/users/117020565966271181/statuses/117020582917124092")]
    boost = "http://localhost:3000/ap/users/117020565693913441/statuses/117020569768720055/activity"
    original = "http://localhost:3000/ap/users/117020566092212359/statuses/117020569685834492"
    assert store.query("SELECT author_id, text, repost_of_id FROM posts WHERE id = ?", [boost]) == [
        ("admin@localhost:3000", "", original)]
    assert store.query("SELECT text FROM posts WHERE id = ?", [original]) == [("rootin tooting and shootin",)]
    repost = store.query("SELECT source_id, target_id, post_id FROM interactions WHERE id = ?",
                         [interaction_id("repost", "admin@localhost:3000", None, original)])
    assert repost == [("admin@localhost:3000", "mastodonpy_test_2@localhost:3000", boost)]


def test_detect_recognises_mastodon(tmp_path: Path) -> None:
    for name in ("statuses.json", "notifications.json"):
        head = shared(*EXTRACTED, name).read_bytes()[:64 * 1024]
        assert referral_engine.detect(head) == "mastodon"
    jsonl = "".join(json.dumps(e) + "\n" for e in load("notifications.json")).encode()
    assert referral_engine.detect(jsonl[:64 * 1024]) == "mastodon"
    one = json.dumps(load("statuses.json")[0], indent=2).encode()
    assert referral_engine.detect(one) == "mastodon"
    assert not SOURCE.sniff(b'[{"id_str": "1", "text": "a tweet", "user": {"screen_name": "x"}}]')
    assert not SOURCE.sniff(b'{"id": "1", "author": "a", "text": "hi", "created_at": "2024-01-01"}\n')


# -- cassettes -------------------------------------------------------------------------------------------


def test_cassette_bodies_ingest(store: Store, tmp_path: Path) -> None:
    entities = cassette_entities()
    assert {kind_of(e) for e in entities} == {"status", "account", "notification"}
    path = tmp_path / "cassettes.json"
    path.write_text(json.dumps(entities))
    want = expected(entities)
    store.ingest(path)
    stats = store.stats()
    assert stats["quarantined"] == 0
    assert (stats["posts"], stats["accounts"]) == (want["posts"], want["accounts"])
    assert kinds_in(store) == want["kinds"]
    halcy = store.query("SELECT handle, name, description, followers FROM accounts WHERE id = ?",
                        ["halcy@icosahedron.website"])
    assert halcy and halcy[0][0] == "halcy@icosahedron.website" and halcy[0][3] > 0
    assert "<p>" not in halcy[0][2] and "\n\n" in halcy[0][2]


def test_cassette_bodies_as_jsonl_match_the_array(store: Store, tmp_path: Path) -> None:
    entities = cassette_entities()
    array, lines = tmp_path / "a.json", tmp_path / "b.jsonl"
    array.write_text(json.dumps(entities))
    lines.write_text("".join(json.dumps(e) + "\n" for e in entities))
    with array.open("rb") as a, lines.open("rb") as b:
        assert list(SOURCE.iter_records(a)) == list(SOURCE.iter_records(b))


# -- hand-built entities -----------------------------------------------------------------------------------


def account(user: str, host: str = "example.social", local_id: str = "1", *, remote: bool = False) -> dict[str, Any]:
    return {"id": local_id, "username": user, "acct": f"{user}@{host}" if remote else user,
            "url": f"https://{host}/@{user}", "display_name": user.title(), "note": "<p>hi &amp; bye</p>",
            "created_at": "2023-01-01T00:00:00.000Z", "followers_count": 3, "following_count": 4,
            "statuses_count": 5}


def status(local_id: str, author: dict[str, Any], content: str = "<p>hello</p>", **extra: Any) -> dict[str, Any]:
    host = urlsplit(author["url"]).netloc
    return {"id": local_id, "uri": f"https://{host}/users/{author['username']}/statuses/{local_id}",
            "url": f"https://{host}/@{author['username']}/{local_id}", "created_at": "2026-01-02T03:04:05.000Z",
            "content": content, "account": author, "reblog": None, "mentions": [], "in_reply_to_id": None,
            "in_reply_to_account_id": None, "language": "en", **extra}


def records(entities: list[Any]) -> list[Any]:
    data = json.dumps(entities).encode()
    return [r for _, batch in SOURCE.iter_records(io.BytesIO(data)) for r in batch]


ANN = account("ann", local_id="10")
BEN = account("ben", "other.host", local_id="20", remote=True)


def test_account_ids_take_the_host_from_the_url() -> None:
    assert account_id("Ann", "https://Example.Social/@Ann") == ("ann@example.social", "Ann@example.social")
    assert account_id("ben@other.host", None) == ("ben@other.host", "ben@other.host")
    with pytest.raises(ValueError):
        account_id("ann", None)


def test_html_to_text() -> None:
    assert html_to_text("<p>a &lt;b&gt; &amp; c<br>d<br/>e</p><p>f</p>") == "a <b> & c\nd\ne\n\nf"
    assert html_to_text('<p class="quote-inline">RE: <a href="x">x<br>y</a></p><p>mine</p>') == "mine"
    assert html_to_text('<a href="https://x.org/long"><span class="invisible">https://</span>'
                        '<span class="ellipsis">x.org/lo</span><span class="invisible">ng</span></a>') == (
        "https://x.org/long")
    assert html_to_text("plain") == "plain"


def test_reply_resolves_its_parent_from_the_mentions_and_the_input() -> None:
    parent = status("100", BEN)
    reply = status("101", ANN, "<p>@ben yes</p>", in_reply_to_id="100", in_reply_to_account_id="20",
                   mentions=[{"id": "20", "username": "ben", "acct": "ben@other.host",
                              "url": "https://other.host/@ben"}])
    orphan = status("102", ANN, in_reply_to_id="999", in_reply_to_account_id="777")
    out = records([reply, orphan, parent])  # the parent comes after the reply: arrays resolve forward too
    posts = {p.id.rsplit("/", 1)[1]: p for p in out if isinstance(p, Post)}
    assert posts["101"].reply_to_id == parent["uri"]
    assert posts["101"].reply_to_account_id == "ben@other.host"
    assert posts["102"].reply_to_id is None and posts["102"].reply_to_account_id is None
    replies = [r for r in out if isinstance(r, Interaction) and r.kind == "reply"]
    assert [(r.source_id, r.target_id, r.target_post_id) for r in replies] == [
        ("ann@example.social", "ben@other.host", parent["uri"])]
    mention = next(r for r in out if isinstance(r, Interaction) and r.kind == "mention")
    assert mention.id == interaction_id("mention", reply["uri"], "ben@other.host")


def test_notifications_favourite_reblog_follow_and_quote() -> None:
    mine = status("200", ANN)
    quoting = status("201", BEN, '<p class="quote-inline">RE: x</p><p>look</p>',
                     quote={"state": "accepted", "quoted_status": mine})
    out = records([
        {"id": "1", "type": "favourite", "created_at": "2026-01-03T00:00:00Z", "account": BEN, "status": mine},
        {"id": "2", "type": "reblog", "created_at": "2026-01-03T00:00:00Z", "account": BEN, "status": mine},
        {"id": "3", "type": "follow", "created_at": "2026-01-03T00:00:00Z", "account": BEN},
        {"id": "4", "type": "quote", "created_at": "2026-01-03T00:00:00Z", "account": BEN, "status": quoting},
    ])
    acts = {(r.kind, r.source_id, r.target_id, r.target_post_id) for r in out if isinstance(r, Interaction)}
    assert acts == {
        ("like", "ben@other.host", "ann@example.social", mine["uri"]),
        ("repost", "ben@other.host", "ann@example.social", mine["uri"]),
        ("quote", "ben@other.host", "ann@example.social", mine["uri"]),
    }
    assert next(p for p in out if isinstance(p, Post) and p.id == quoting["uri"]).text == "look"


def test_bad_elements_are_quarantined_alone(store: Store, tmp_path: Path) -> None:
    no_uri = status("301", ANN)
    del no_uri["uri"]
    hostless = copy.deepcopy(status("302", ANN))
    hostless["account"]["url"] = None
    bad_time = status("303", ANN, created_at="yesterday")
    elements = [status("300", ANN), "just text", no_uri, hostless, bad_time, status("304", BEN)]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(elements))
    store.ingest(path)
    rows = store.query("SELECT line, reason FROM quarantine ORDER BY line")
    assert [line for line, _ in rows] == [2, 3, 4, 5]
    assert "host" in dict(rows)[4]
    assert sorted(r[0].rsplit("/", 1)[1] for r in store.query("SELECT id FROM posts")) == ["300", "304"]


def test_jsonl_bad_lines_and_resume(store: Store, tmp_path: Path) -> None:
    entities = load("statuses.json")[:30]
    lines = [json.dumps(e) for e in entities]
    lines.insert(5, '{"uri": "broken",')
    path = tmp_path / "statuses.jsonl"
    path.write_text("\n".join(lines) + "\n")
    store.ingest(path)
    assert store.query("SELECT line FROM quarantine") == [(6,)]
    assert store.stats()["posts"] == expected(entities)["posts"]
    with path.open("rb") as a, path.open("rb") as b:
        full = list(SOURCE.iter_records(a))
        resumed = list(SOURCE.iter_records(b, start_line=12))
    assert resumed == [batch for batch in full if batch[0] >= 12]


def test_a_non_entity_is_rejected_with_its_position() -> None:
    out = records([{"name": "a filter", "id": "1"}])
    assert len(out) == 1 and isinstance(out[0], Rejected) and out[0].line == 1
    broken = list(SOURCE.iter_records(io.BytesIO(b'[{"uri": "x", ')))
    assert broken[0][0] == 1 and isinstance(broken[0][1][0], Rejected)


# -- damaged input: never raise, lose only the damaged part ------------------------------------------


def batches(data: bytes, start_line: int = 1) -> list[tuple[int, list[Any]]]:
    return list(SOURCE.iter_records(io.BytesIO(data), start_line=start_line))


def uris(found: list[tuple[int, list[Any]]]) -> set[str]:
    return {r.id.rsplit("/", 1)[1] for _, records in found for r in records if isinstance(r, Post)}


def rejected_at(found: list[tuple[int, list[Any]]]) -> list[int]:
    return [position for position, records in found for r in records if isinstance(r, Rejected)]


def test_invalid_utf8_in_a_string_is_quarantined_not_raised() -> None:
    """msgspec raises UnicodeDecodeError (not a DecodeError) for such bytes: the entity alone is lost."""
    raws = [json.dumps(status(n, ANN)).encode() for n in ("1", "2", "3")]
    raws[1] = raws[1].replace(b"hello", b"hel\xfflo")
    for found in (batches(b"\n".join(raws) + b"\n"), batches(b"[" + b",\n".join(raws) + b"]")):
        assert uris(found) == {"1", "3"} and rejected_at(found) == [2]
        assert "utf-8" in found[1][1][0].reason
    pretty = json.dumps(status("4", ANN), indent=2).encode().replace(b"hello", b"\xc3(")
    assert rejected_at(batches(pretty)) == [1]
    assert SOURCE.sniff(raws[1] + b"\n") is False  # does not raise either


@pytest.mark.parametrize("layout", ["array", "jsonl"])
@pytest.mark.parametrize("mentions", [7, True, 2.5, "ann", {"acct": "ann"}])
def test_mentions_of_the_wrong_type_quarantine_the_status(layout: str, mentions: Any) -> None:
    bad = status("1", ANN, mentions=mentions)
    entities = [bad, status("2", ANN), {"id": "n", "type": "mention", "created_at": "2026-01-02T03:04:05Z",
                                        "account": BEN, "status": bad}]
    raws = [json.dumps(e).encode() for e in entities]
    data = b"[" + b",".join(raws) + b"]" if layout == "array" else b"\n".join(raws) + b"\n"
    found = batches(data)
    assert rejected_at(found) == [1, 3] and uris(found) == {"2"}
    assert "'mentions' must be a list" in found[0][1][0].reason


def test_context_learn_never_raises() -> None:
    context = Context()
    for junk in (status("1", ANN, mentions=7), status("2", ANN, mentions=[7, None]), [1, {"x": 2}], 3, None,
                 status("3", ANN, reblog=5, quote=[1]), {"statuses": 7, "accounts": [None]}):
        context.learn(junk)
    assert context.statuses == {"1": ANN_URI + "1", "2": ANN_URI + "2", "3": ANN_URI + "3"}


ANN_URI = "https://example.social/users/ann/statuses/"


@pytest.mark.parametrize("cut", [1, 40])
def test_jsonl_with_a_broken_first_line_keeps_the_rest(cut: int) -> None:
    raws = [json.dumps(status(n, ANN)).encode() for n in ("1", "2", "3", "4")]
    found = batches(b"\n".join([raws[0][:cut], *raws[1:]]) + b"\n")
    assert rejected_at(found) == [1] and uris(found) == {"2", "3", "4"}
    assert [position for position, _ in found] == [1, 2, 3, 4]
    garbage = batches(b"\n\nnot json at all\n" + b"\n".join(raws[1:]) + b"\n")  # numbered as lines
    assert rejected_at(garbage) == [3] and uris(garbage) == {"2", "3", "4"}


def test_layout_is_told_from_the_first_lines() -> None:
    """A pretty-printed entity or wrapper is one document; JSONL of pages is read per line."""
    one = json.dumps(status("1", ANN), indent=2).encode()
    assert [(p, uris([(p, r)])) for p, r in batches(one)] == [(1, {"1"})]
    wrapper = json.dumps({"ancestors": [status("1", ANN)], "descendants": [status("2", BEN)]}, indent=2).encode()
    assert uris(batches(wrapper)) == {"1", "2"} and rejected_at(batches(wrapper)) == []
    pages = b"\n".join(json.dumps([status(a, ANN), status(b, ANN)]).encode() for a, b in (("1", "2"), ("3", "4")))
    found = batches(pages + b"\n")
    assert [p for p, _ in found] == [1, 2] and uris(found) == {"1", "2", "3", "4"}
    assert batches(b"") == [] and batches(b"\n \n") == []


@pytest.mark.parametrize("damage", ["control-byte", "not-json", "truncated", "unclosed"])
def test_a_damaged_array_keeps_every_complete_element(damage: str) -> None:
    raws = [json.dumps(status(n, ANN), indent=2).encode() for n in ("1", "2", "3", "4")]
    if damage == "control-byte":
        raws[2] = raws[2].replace(b"hello", b"hel\x01lo")
    elif damage == "not-json":
        raws[2] = b"{nope}"
    data = b"[\n" + b",\n".join(raws) + b"\n]\n"
    if damage == "truncated":
        data = data[: data.index(b'"4"') + 2]
    elif damage == "unclosed":
        data = data[: data.rindex(b"]")]
    found = batches(data)
    if damage in ("control-byte", "not-json"):
        assert uris(found) == {"1", "2", "4"} and rejected_at(found) == [3]
        assert "JSON" in found[2][1][0].reason
    else:  # the last element is quarantined whole, with its raw text, even when only the "]" is missing
        assert uris(found) == {"1", "2", "3"} and rejected_at(found) == [4]
        assert found[3][1][0].reason == "truncated: the input ends inside this element"
    assert batches(data, start_line=3) == [batch for batch in found if batch[0] >= 3]
