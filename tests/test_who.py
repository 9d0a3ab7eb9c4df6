"""``refer who``: small hand-built communities where the right answer is known by construction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from referral_engine import NoSuchAccount, Store
from referral_engine.cli import app
from referral_engine.refer import NameRule, NoTrust, StoreTrust, group_names, parse_query, who

ASK = "Does anyone know a good plumber in Austin?"


class Community:
    """Plain-format lines for a community, built step by step, then ingested into a real store."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self.n = 0

    def account(self, handle: str, **fields: Any) -> None:
        self.lines.append({"type": "account", "id": handle, **fields})

    def post(self, author: str, text: str, when: str, reply_to: str | None = None) -> str:
        self.n += 1
        post_id = f"p{self.n}"
        row: dict[str, Any] = {"id": post_id, "author": author, "text": text, "created_at": when}
        if reply_to:
            row["reply_to"] = reply_to
        self.lines.append(row)
        return post_id

    def thread(self, asker: str, when: str, replies: Iterable[tuple[str, str]], ask: str = ASK) -> str:
        """A request and its replies (a minute apart)."""
        root = self.post(asker, ask, f"{when}T09:00:00Z")
        for i, (author, text) in enumerate(replies, 1):
            self.post(author, text, f"{when}T09:{i:02d}:00Z", reply_to=root)
        return root

    def chat(self, a: str, b: str, times: int, when: str = "2026-01-05") -> None:
        """``a`` replies to ``b`` ``times`` times (and ``b`` once to ``a``): a tie between them."""
        first = self.post(b, "morning all, lovely weather", f"{when}T08:00:00Z")
        for i in range(times):
            self.post(a, f"ha, so true {i}", f"{when}T08:{i + 1:02d}:00Z", reply_to=first)
        mine = self.post(a, "anyone up for coffee later", f"{when}T10:00:00Z")
        self.post(b, "sure!", f"{when}T10:05:00Z", reply_to=mine)

    def ingest(self, store: Store, tmp_path: Path) -> Store:
        path = tmp_path / "community.jsonl"
        path.write_text("\n".join(json.dumps(line) for line in self.lines) + "\n")
        store.ingest(path)
        return store


def names(answers: list[Any]) -> list[str]:
    return [a.name for a in answers]


@pytest.fixture
def plumbers() -> Community:
    c = Community()
    for handle, where in (("joesplumbing", "Austin, TX"), ("acmepipes", "Austin, TX"), ("bobsdrains", "Denver")):
        c.account(handle, name=handle, description="Plumber", location=where)
    return c


def test_more_endorsements_win(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @joesplumbing"),
                                            ("ben", "@joesplumbing fixed ours in an hour, highly recommend"),
                                            ("cat", "Try @acmepipes, they were great")])
    plumbers.thread("nora", "2026-03-02", [("dan", "Highly recommend @joesplumbing")])
    found = who(plumbers.ingest(store, tmp_path), "a good plumber", trust=NoTrust())
    assert names(found)[:2] == ["@joesplumbing", "@acmepipes"]
    assert found[0].endorsements == 3 and sorted(found[0].endorsers) == ["@ana", "@ben", "@dan"]


def test_more_recent_endorsements_win(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2024-02-01", [("ana", "Highly recommend @acmepipes"), ("ben", "Try @acmepipes")])
    plumbers.thread("nora", "2026-03-01", [("cat", "Highly recommend @joesplumbing"), ("dan", "Try @joesplumbing")])
    found = who(plumbers.ingest(store, tmp_path), "plumber", trust=NoTrust())
    assert names(found)[:2] == ["@joesplumbing", "@acmepipes"]
    assert found[0].score > 2 * found[1].score  # two years at a one-year half-life: a quarter
    assert "2 endorsements in the last 60 days" in found[0].reasons


def test_a_warning_lowers_a_provider(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @acmepipes"),
                                            ("ben", "Highly recommend @joesplumbing")])
    plumbers.thread("nora", "2026-03-02", [("cat", "Try @acmepipes, they were great"),
                                           ("dan", "Try @joesplumbing, they were great")])
    store = plumbers.ingest(store, tmp_path)
    before = {a.name: a.score for a in who(store, "plumber", trust=NoTrust())}
    assert before["@acmepipes"] == pytest.approx(before["@joesplumbing"], rel=0.2)
    store.close()

    plumbers.thread("olga", "2026-03-03", [("eve", "Avoid @acmepipes, they never showed up")])
    with Store(tmp_path / "warned.duckdb") as warned:
        found = who(plumbers.ingest(warned, tmp_path), "plumber", trust=NoTrust())
        after = {a.name: a.score for a in found}
    assert after["@acmepipes"] < before["@acmepipes"] * 0.75
    assert names(found)[0] == "@joesplumbing"
    assert any("warned against by @eve" in r for r in found[1].reasons)


def test_only_warnings_is_no_answer(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Avoid @acmepipes, they never showed up"),
                                            ("ben", "Highly recommend @joesplumbing")])
    assert names(who(plumbers.ingest(store, tmp_path), "plumber", trust=NoTrust())) == ["@joesplumbing"]


def test_the_askers_circle_changes_the_order(store: Store, tmp_path: Path, plumbers: Community) -> None:
    # two circles: ana and ben talk with ann, who vouches for joe; zed and yan with zoe, who vouches for acme
    plumbers.thread("maria", "2026-03-01", [("ann", "Highly recommend @joesplumbing"),
                                            ("zoe", "Highly recommend @acmepipes")])
    for asker, friend in (("ana", "ann"), ("ben", "ann"), ("zed", "zoe"), ("yan", "zoe")):
        plumbers.chat(asker, friend, 4)
    store = plumbers.ingest(store, tmp_path)
    trust = StoreTrust(store)
    for_ana = who(store, "a plumber", asker="ana", trust=trust)
    for_zed = who(store, "a plumber", asker="@zed", trust=trust)
    assert names(for_ana)[:2] == ["@joesplumbing", "@acmepipes"]
    assert names(for_zed)[:2] == ["@acmepipes", "@joesplumbing"]
    assert "vouched for by @ann, whom you reply to often" in for_ana[0].reasons
    anonymous = who(store, "a plumber", trust=trust)
    assert {a.name for a in anonymous} == {"@joesplumbing", "@acmepipes"}


def test_unknown_asker_is_an_error(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ann", "Highly recommend @joesplumbing")])
    with pytest.raises(NoSuchAccount):
        who(plumbers.ingest(store, tmp_path), "plumber", asker="@nobody", trust=NoTrust())


def test_place_match(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @bobsdrains"), ("ben", "Try @bobsdrains"),
                                            ("cat", "Highly recommend @joesplumbing")])
    store = plumbers.ingest(store, tmp_path)
    anywhere = who(store, "a plumber", trust=NoTrust())
    assert names(anywhere)[0] == "@bobsdrains"
    near = who(store, "a plumber", near="Austin", trust=NoTrust())
    assert names(near)[0] == "@joesplumbing"
    assert "based in Austin" in near[0].reasons
    # the query's own place counts the same way
    assert names(who(store, "a plumber in Austin", trust=NoTrust()))[0] == "@joesplumbing"


def test_topic_and_synonyms(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @joesplumbing")])
    plumbers.thread("nora", "2026-03-02", [("ben", "I recommend Smile Dental, very gentle")],
                    ask="Can anyone recommend a dentist near Austin?")
    store = plumbers.ingest(store, tmp_path)
    assert names(who(store, "someone to fix my leaking tap", trust=NoTrust())) == ["@joesplumbing"]
    assert names(who(store, "a good dentist", trust=NoTrust())) == ["Smile Dental"]
    assert who(store, "a wedding photographer", trust=NoTrust()) == []
    # a whole request post is read for what it seeks
    post = "Hi all, new in town. Can anyone recommend a dentist? My tooth is killing me"
    assert names(who(store, post, trust=NoTrust())) == ["Smile Dental"]


def test_named_businesses_are_grouped_by_distinctive_word(store: Store, tmp_path: Path) -> None:
    c = Community()
    ask = "Which is a good bank in Doha?"
    c.thread("maria", "2026-03-01", [("ana", "I recommend Commercial Bank, very good service"),
                                     ("ben", "Go to commercial bank of qatar, the best"),
                                     ("cat", "I recommend Doha Bank, very good service")], ask=ask)
    found = who(c.ingest(store, tmp_path), "a bank", trust=NoTrust())
    assert found[0].endorsements == 2 and found[0].account is None
    assert found[0].name == "Commercial Bank" and len(found[0].aliases) == 2
    assert any(a.name == "Doha Bank" for a in found)


def test_the_name_rule() -> None:
    rule = NameRule()
    assert rule.matches("QNB", "Qatar National Bank")
    assert rule.matches("Commercial Bank", "Commercial Bank of Qatar")
    assert rule.matches("CBQ", "commercial bank of qatar")
    assert rule.matches("@joesplumbing", "Joe's Plumbing")
    assert rule.matches("lulucentre", "Lulu")
    assert rule.matches("Corniche", "cornich")
    assert rule.matches("Doha Clinic", "doha clinic")
    for generic in ("bank", "Doha", "the", "hospital"):
        assert not rule.matches(generic, "Commercial Bank of Qatar")
        assert not rule.matches(generic, generic)
    assert not rule.matches("Doha Bank", "Bank Muscat")
    assert not rule.matches("Doha Clinic", "Doha Bank")
    assert not rule.matches("Ahmad", "Hamad")
    assert not rule.matches("Lebanon", "Ban Spoon Feeding")
    # a word in 1% or more of a large store's posts is generic there
    common = NameRule(frequency={"zephyr": 80}, posts=1000)
    assert NameRule().matches("Zephyr Plumbing", "Zephyr Bakery")
    assert not common.matches("Zephyr Plumbing", "Zephyr Bakery")


def test_grouping_does_not_chain() -> None:
    rule = NameRule()
    groups, index = group_names([("Hamad Medical Corporation", None), ("HMC", None), ("Hamad Hospital", None),
                                 ("Al Ahli Hospital", None), ("bank", None)], rule)
    labels = [g.label for g in groups]
    assert index[0] == index[1] == index[2] != index[3]
    assert "Al Ahli Hospital" in labels
    # an endorsed name joins the account it names
    groups, index = group_names([("@joesplumbing", "joesplumbing"), ("Joe's Plumbing", None)], rule,
                                {"joesplumbing": ["joesplumbing", "Joe's Plumbing"]})
    assert index == [0, 0] and groups[0].account == "joesplumbing"


def test_parse_query() -> None:
    bare = parse_query("a good dentist")
    assert (bare.sought, bare.category, bare.location, bare.is_request) == ("dentist", "health", None, False)
    placed = parse_query("plumber near Hyde Park")
    assert placed.category == "trades" and placed.location == "hyde park" and "plumber" in placed.words
    post = parse_query("Does anyone know a good plumber in Austin?")
    assert (post.sought, post.location, post.is_request) == ("plumber", "austin", True)
    assert parse_query("a plumber", near="Denver").location == "denver"


def test_cli_json_shape(store: Store, tmp_path: Path, plumbers: Community) -> None:
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @joesplumbing"),
                                            ("ben", "I recommend Smith Plumbing, very reliable")])
    plumbers.ingest(store, tmp_path)
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["who", "a good plumber", "--for", "maria", "--json", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)
    assert [a["name"] for a in answers] == ["@joesplumbing", "Smith Plumbing"] or \
        [a["name"] for a in answers] == ["Smith Plumbing", "@joesplumbing"]
    for answer in answers:
        assert set(answer) >= {"name", "account", "score", "reasons", "endorsers"}
        assert isinstance(answer["name"], str) and isinstance(answer["score"], float)
        assert all(isinstance(r, str) for r in answer["reasons"]) and answer["reasons"]
        assert all(isinstance(e, str) for e in answer["endorsers"])
    by_name = {a["name"]: a for a in answers}
    assert by_name["@joesplumbing"]["account"] == "joesplumbing"
    assert by_name["Smith Plumbing"]["account"] is None
    human = runner.invoke(app, ["who", "a good plumber", "--db", str(store.path)])
    assert human.exit_code == 0 and "joesplumbing" in human.stdout
    missing = runner.invoke(app, ["who", "a plumber", "--for", "@nobody", "--db", str(store.path)])
    assert missing.exit_code == 3


def test_the_qatar_living_evaluation_runs_on_a_slice() -> None:
    import importlib.util
    import sys

    from conftest import ROOT, shared

    shared("dev", "qatarliving_2015", "labels_requests.jsonl")
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        spec = importlib.util.spec_from_file_location("eval_referrals", ROOT / "eval" / "referrals.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["eval_referrals"] = module  # its dataclasses look themselves up there
        spec.loader.exec_module(module)
        threads = module.load_threads()
        result = module.evaluate(threads[:150], "2008-12-01", cli=1, limit=3)
        # the naive baseline reads names fairly: no sentence-initial ordinary words, no shouting
        said = module.capitalised_names("Clock. Try QAWS for that. REMEMBER TO TELL THEM ALL. Ask at Lulu Hypermarket",
                                        {"clock", "try"})
    finally:
        sys.path.remove(str(ROOT / "eval"))
        sys.modules.pop("eval_referrals", None)
    assert result["cli_checked"] == 1  # the real command, as a subprocess, answered as the library did
    assert result["all"]["requests"] == len(result["cases"]) > 0
    assert said == ["QAWS", "Lulu Hypermarket"]
    for scope in ("all", "named_before", "endorsed_before", "labelled_all", "labelled_endorsed_before"):
        entry = result[scope]
        assert 0.0 <= entry["ours_hit@1"] <= entry["ours_hit@5"] <= 1.0
        assert 0.0 <= entry["baseline_hit@1"] <= entry["baseline_hit@5"] <= 1.0
    assert all(case.gold for case in result["cases"])


def test_the_whole_earlier_question_matches(store: Store, tmp_path: Path) -> None:
    # both threads answer "a school"; only the whole of one question says what this query asks
    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Park House School, very happy there")],
             ask="British schools in Doha?\nWe move in June with two kids and want GCSE and A levels.")
    c.thread("nora", "2026-03-02", [("ben", "I recommend Birla Public School, very good"),
                                    ("cat", "I recommend Birla Public School, excellent teachers")],
             ask="Indian schools in Doha?\nLooking for a CBSE school for my son, grade 5.")
    store = c.ingest(store, tmp_path)
    found = who(store, "School with GCSE and A levels?\nFor our daughter: we want a British curriculum.",
                trust=NoTrust())
    assert names(found)[0] == "Park House School"
    assert any("British schools in Doha" in r for r in found[0].reasons)
    assert names(who(store, "a CBSE school", trust=NoTrust()))[0] == "Birla Public School"


def test_a_specialist_is_no_answer_for_another_product(store: Store, tmp_path: Path) -> None:
    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Yamaha Music, great guitars")],
             ask="Where can I buy a guitar?")
    for i, thing in enumerate(("kettle", "lamp", "rug")):
        c.thread(f"asker{i}", f"2026-03-0{i + 2}", [(f"helper{i}", "I recommend Carrefour, they have everything")],
                 ask=f"Where can I buy a {thing}?")
    found = names(who(c.ingest(store, tmp_path), "Where can I buy a toaster?", trust=NoTrust()))
    # the shop named for three other products is a fair guess; the guitar shop named once is not
    assert found[0] == "Carrefour"
    assert "Yamaha Music" not in found


def test_a_provider_named_for_what_is_asked_ranks_higher(store: Store, tmp_path: Path) -> None:
    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Golden Fork, very tasty"),
                                     ("ben", "I recommend Golden Fork, lovely food"),
                                     ("cat", "I recommend Al Mourjan Lebanese Restaurant, lovely view")],
             ask="Good restaurant for a family dinner?")
    store = c.ingest(store, tmp_path)
    assert names(who(store, "a good restaurant", trust=NoTrust()))[0] == "Golden Fork"
    assert names(who(store, "a good Lebanese restaurant", trust=NoTrust()))[0] == "Al Mourjan Lebanese Restaurant"


def test_thread_index_finds_similar_questions_and_follows_the_store(store: Store, tmp_path: Path) -> None:
    from referral_engine.refer.threads import ThreadIndex, thread_index

    index = ThreadIndex.build([
        ("x", "1", "Dentist for kids\nOur son needs a filling, any gentle dentist?", "Try Smile Dental"),
        ("x", "2", "Car mechanic\nMy car makes a noise when braking", "Joe's Garage fixed my brakes"),
    ])
    found = index.similar("gentle dentist for a child's filling")
    assert next(iter(found)) == ("x", "1") and ("x", "2") not in found
    assert next(iter(index.similar("my brakes squeal"))) == ("x", "2")  # a word only the replies use
    assert index.similar("a florist for a wedding") == {}

    c = Community()
    c.thread("maria", "2026-03-01", [("ana", "I recommend Smile Dental, very gentle")],
             ask="Can anyone recommend a dentist?")
    store = c.ingest(store, tmp_path)
    assert len(thread_index(store).keys) == 1 and thread_index(store) is thread_index(store)
    c.thread("nora", "2026-03-02", [("ben", "I recommend Joe's Garage, honest mechanics")],
             ask="Any good car mechanic?")
    store = c.ingest(store, tmp_path)
    assert len(thread_index(store).keys) == 2  # rebuilt: the store's endorsements changed


def test_the_place_asked_for_is_not_the_topic(store: Store, tmp_path: Path) -> None:
    # An electrician vouched for under a request from the very place asked about must not answer a
    # plumber request: where is the place match's business, what is the topic's.
    c = Community()
    c.account("sparkyelectric", name="Sparky Electric", description="Electrician", location="Austin, TX")
    c.account("joesplumbing", name="Joe's Plumbing", description="Plumber", location="Austin, TX")
    c.thread("maria", "2026-03-01", [("ana", "Highly recommend @sparkyelectric, great work")],
             ask="Does anyone know a good electrician near North Loop? Thanks!")
    c.thread("nora", "2026-03-02", [("ben", "Highly recommend @joesplumbing, great work")],
             ask="Does anyone know a good plumber in Hyde Park?")
    found = who(c.ingest(store, tmp_path), "Does anyone know a good plumber near North Loop?", trust=NoTrust())
    assert names(found)[0] == "@joesplumbing"
    # the electrician shares only the category (trades) and the place: a distant last, if at all
    assert all(a.score < found[0].score / 5 for a in found if a.name == "@sparkyelectric")


def test_answers_follow_the_store_after_an_ingest(store: Store, tmp_path: Path, plumbers: Community) -> None:
    # the same process and store: what was kept for a topic (its plan, the indexes) must not outlive the data
    plumbers.thread("maria", "2026-03-01", [("ana", "Highly recommend @joesplumbing")])
    store = plumbers.ingest(store, tmp_path)
    assert names(who(store, "a plumber"))[:1] == ["@joesplumbing"]
    assert names(who(store, "a plumber in Denver", asker="maria"))[:1] == ["@joesplumbing"]
    later = Community()
    later.n = 100  # post ids after the first community's
    later.thread("nora", "2026-03-05", [(who_, "Highly recommend @acmepipes, they were great")
                                        for who_ in ("cat", "dan", "eve", "fay")])
    path = tmp_path / "later.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in later.lines) + "\n")
    store.ingest(path)
    assert names(who(store, "a plumber"))[:1] == ["@acmepipes"]
    assert names(who(store, "a plumber in Denver", asker="maria"))[:1] == ["@acmepipes"]
