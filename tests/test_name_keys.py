"""Grouping compares a name only with the groups filed under one of its match keys: every pair of
names the rule matches must share one, or grouping would miss it."""

from __future__ import annotations

import random

from referral_engine.refer import NameRule, group_names
from referral_engine.refer.providers import _match_keys

WORDS = ("zephyr", "vokari", "lulu", "hamad", "joes", "corniche", "nadia", "kavotel", "lanpex", "qnb", "hmc", "cbq",
         "al", "the", "of", "and", "doha", "qatar", "bank", "medical", "corporation", "centre", "plumbing", "clinic",
         "national", "commercial", "dental", "bakery", "hospital", "shop", "online")


def _edited(word: str, rng: random.Random) -> str:
    """``word`` with one random edit: a letter changed, added, dropped, or two neighbours swapped."""
    i = rng.randrange(1, len(word))  # the rule keeps a name's first letter
    letter = rng.choice("aeiouklmnrst")
    return rng.choice((
        word[:i] + letter + word[i + 1:],
        word[:i] + letter + word[i:],
        word[:i] + word[i + 1:],
        word[:i - 1] + word[i] + word[i - 1] + word[i + 1:] if i >= 2 else word,
        word + "s",
    ))


def _names(count: int, seed: int) -> list[str]:
    """Names as people write them: several words, misspelt, initials, written as one word, with a handle's "@"."""
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
        words = [_edited(w, rng) if len(w) > 3 and rng.random() < 0.3 else w for w in words]
        form = rng.random()
        if form < 0.15:
            names.append("".join(w[0] for w in words).upper())
        elif form < 0.3:
            names.append("@" + "".join(words))
        else:
            names.append(" ".join(w.capitalize() for w in words))
    return names


def test_names_the_rule_matches_share_a_match_key() -> None:
    rule = NameRule()
    names = sorted(set(_names(400, seed=11)))
    keys = {n: set(_match_keys(rule, rule.key(n))) for n in names}
    matched = 0
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if rule.matches(a, b):
                matched += 1
                assert keys[a] & keys[b], (a, b)
    assert matched > 300  # the names are made to meet often: every kind of match is exercised


def test_each_kind_of_match_shares_a_key() -> None:
    rule = NameRule()
    for a, b in [("QNB", "Qatar National Bank"), ("CBQ", "Commercial Bank of Qatar"),
                 ("@joesplumbing", "Joe's Plumbing"), ("lulucentre", "Lulu"), ("Corniche", "cornich"),
                 ("Vokari Dental", "Vokary Dental"), ("Vokari", "Vokaris Clinic"), ("Nadia Salon", "Naida"),
                 ("Doha Clinic", "doha clinic"), ("onlinezephyrshop", "Zephyr")]:
        assert rule.matches(a, b), (a, b)
        assert set(_match_keys(rule, rule.key(a))) & set(_match_keys(rule, rule.key(b))), (a, b)


def test_grouping_finds_a_match_anywhere_in_the_list() -> None:
    rule = NameRule()
    rows = [(f"{name} Dental", None) for name in ("Vokari", "Kavotel", "Lanpex", "Zephyr")] * 3
    rows += [("Vokary Dental", None), ("KD", None), ("@lanpexdental", "lanpex")]
    groups, index = group_names(rows, rule, {"lanpex": ["lanpexdental", "Lanpex Dental"]})
    by_name = {rows[i][0]: groups[g].key for i, g in enumerate(index)}
    assert by_name["Vokary Dental"] == by_name["Vokari Dental"]
    assert by_name["Lanpex Dental"] == "lanpex"  # joined the account through its handle
    assert len({by_name[n] for n in ("Vokari Dental", "Kavotel Dental", "Zephyr Dental")}) == 3


def test_grouping_follows_the_rule_whatever_the_first_letters() -> None:
    # "onlinezephyrshop" is "Zephyr" written with affixes: the rule says so, and grouping must too
    # (it used to compare only names sharing a first letter, and missed it)
    rule = NameRule()
    assert rule.matches("onlinezephyrshop", "Zephyr")
    groups, index = group_names([("Zephyr", None), ("Zephyr", None), ("onlinezephyrshop", None)], rule)
    assert len(groups) == 1 and index == [0, 0, 0]
