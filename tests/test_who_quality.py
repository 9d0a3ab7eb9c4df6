"""Ranking rules of ``refer who`` added for answer quality (issue #4), each on a small hand-built store."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from referral_engine import Store
from referral_engine.refer import NoTrust, who
from referral_engine.refer.query import content_words
from referral_engine.refer.threads import ThreadIndex, thread_index
from test_who import Community, names

# the module, not the function that ``referral_engine.refer`` exports under the same name
W = importlib.import_module("referral_engine.refer.who")
E = importlib.import_module("referral_engine.refer.evidence")


class FixedTrust:
    """Global trust as given (1.0 = an average account), no personal trust: a hub among ordinary members."""

    def __init__(self, values: Mapping[str, float]) -> None:
        self.values = values

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        return {i: self.values.get(i, 1.0) for i in ids}

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        return {}


def test_a_hubs_trust_counts_half_again_not_double(store: Store, tmp_path: Path) -> None:
    # the forum's hub (50x an average account's trust) vouches for Acme once; three ordinary members
    # vouch for Bolt under three questions. Three agreeing questions (1 + 1/2 + 1/3 = 1.83) must
    # outweigh one hub's word (capped at 1.5; at 2, the hub would win)
    c = Community()
    c.thread("q0", "2026-03-01", [("hub", "I recommend Acme Plumbing, very good")], ask="Any good plumber?")
    for i in range(1, 4):
        c.thread(f"q{i}", "2026-03-01", [(f"member{i}", "I recommend Bolt Plumbing, very good")],
                 ask="Any good plumber?")
    found = who(c.ingest(store, tmp_path), "a good plumber", trust=FixedTrust({"hub": 50.0}))
    assert names(found)[:2] == ["Bolt Plumbing", "Acme Plumbing"]
    assert E.trust_factor(50.0) == E.TRUST_CAP == 1.5
    assert E.trust_factor(0.01) == E.TRUST_FLOOR and E.trust_factor(None) == 1.0


def test_words_of_asking_are_no_topic(store: Store, tmp_path: Path) -> None:
    assert content_words("This is urgent, kindly advise. Thanks in advance for any information") == frozenset()
    assert content_words("urgent: a seafood restaurant") == {"seafood", "restaurant"}
    # an earlier question that shares only its manner ("urgent", "kindly advise") is not like the query
    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Bolt Garage, very good")],
             ask="Urgent!!\nKindly advise, my car will not start. Urgent please")
    c.thread("nora", "2026-03-02", [("ben", "I recommend Marlin Grill, lovely view")],
             ask="Dinner by the sea\nA seafood place with a view of the bay?")
    found = who(c.ingest(store, tmp_path), "Seafood dinner with a view? This is urgent, kindly advise",
                trust=NoTrust())
    assert names(found) == ["Marlin Grill"]


def test_names_written_in_the_replies_to_similar_questions() -> None:
    index = ThreadIndex.build([
        ("x", "1", "Where to buy a turkey\nFor Thanksgiving, a whole turkey?",
         "Carrefour has them in November.\nor try the gold souq, joking"),
        ("x", "2", "Car mechanic\nMy car makes a noise", "Bolt Garage fixed mine"),
    ])
    known = {"Carrefour": ("carrefour",), "Gold": ("gold",), "Bolt Garage": ("bolt",), "Megamart": ("megamart",)}
    similar = index.similar("a frozen turkey for Christmas")
    assert list(similar) == [("x", "1")]
    # written capitalised as a name is: "Carrefour", not "gold"; and only under the similar question
    assert index.mentioned(similar, known) == [(("x", "1"), "Carrefour", similar[("x", "1")])]
    assert index.mentioned(similar, known, limit=0) == []


def test_mentions_are_weak_candidates_counted_once_per_thread(store: Store, tmp_path: Path) -> None:
    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Carrefour, very good"),
                                     ("ben", "Megamart has it too")],
             ask="Where can I buy a turkey?\nA whole turkey for Thanksgiving")
    c.thread("nora", "2026-03-02", [("cat", "I recommend Megamart, very good")], ask="Where can I buy tofu?")
    store = c.ingest(store, tmp_path)
    index = thread_index(store)
    similar = index.similar("Where to buy a whole turkey?")
    rows = W.mention_rows(index, similar, W.name_rule(store), ["Carrefour", "Megamart", "Nowhere Shop"])
    assert sorted((r.target, r.polarity, r.score, r.author) for r in rows) == [
        ("Carrefour", E.MENTION, E.MENTION_SCORE, None), ("Megamart", E.MENTION, E.MENTION_SCORE, None)]
    turkey = next(iter(similar))[1]
    assert {r.in_reply_to for r in rows} == {turkey}

    def row(target: str, polarity: str, weight: float, thread: str, author: str | None) -> object:
        return E.Row("x", f"{thread}-{target}-{polarity}", author, None, target, None, None, None, polarity, 1.0,
                     thread, None, None, None, None, None, topic=1.0, weight=weight)

    # endorsed and named in the same thread: one piece of evidence there; named elsewhere: a second
    endorsed = row("Carrefour", "positive", 1.0, "t1", "ana")
    assert E.evidence([endorsed, row("Carrefour", E.MENTION, 0.5, "t1", None)]) == 1.0
    assert E.evidence([endorsed, row("Carrefour", E.MENTION, 0.5, "t2", None)]) == 1.25
