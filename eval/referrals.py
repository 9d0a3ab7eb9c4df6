"""Measure referral answers (``refer who``) on the Qatar Living threads: would the forum's own history
have named the provider that the replies to a later request recommended?

For each cutoff date:

1. every thread (question and replies) posted before the cutoff is converted to the plain JSONL
   format (``eval/qatarliving.py``: user ids, reply links, dates) and ingested into a fresh store,
   which judges it (requests, endorsements) the way any ingest does;
2. each later question labelled a request (``labels_requests.jsonl``) is asked as
   ``refer who "<subject + body>" --for <asker>`` (``--for`` only when the asker had posted before
   the cutoff; the store knows no one else);
3. its **gold providers** are what the replies to it endorsed: the positive targets in
   ``labels_endorsements.jsonl`` where the thread is labelled, else the positive targets our
   endorsement detector finds in the replies (the asker's own replies left out); a gold name with
   no distinctive word (the issue's rule: "International school", "Doha") can match nothing and
   is dropped, and a request left without gold is left out;
4. a request is a **hit@k** when one of the first k answers matches a gold provider by the shared
   name rule (``referral_engine.refer.providers.NameRule``: a distinctive word, initials, or the
   same words; "bank" or "Doha" match nothing). A request is **answerable** when one of its gold
   providers was named in some post before the cutoff (by a distinctive word; the same rule).

Figures are given over all requests and over the labelled threads only (``labelled_*``).

The naive baseline of the issue runs on the same stores and requests: the most similar earlier
threads by TF-IDF over question text, then the capitalised names in their replies, ranked by the
similarity of the threads that name them; read fairly (:func:`capitalised_names`: no sentence-initial
ordinary words, no shouting).

The full run calls the library function behind the command (:func:`referral_engine.refer.who`)
in-process; ``--cli N`` also runs the real command as a subprocess for the first N requests of
each cutoff and checks that its ``--json`` gives the same names.

    python eval/referrals.py [--cutoff 2010-01-01 --cutoff 2011-01-01] [--errors] [--cli 5] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import qatarliving

from referral_engine import Store
from referral_engine.refer import NoTrust, StoreTrust, TrustView, who
from referral_engine.refer.providers import NameRule, normalise
from referral_engine.refer.who import name_rule
from referral_engine.understand import understand
from referral_engine.understand.names import COMMON
from referral_engine.understand.text import STOPWORDS

CUTOFFS = ("2010-01-01", "2011-01-01")


@dataclass
class Case:
    """One later request and what its replies endorsed."""

    qid: str
    asker: str
    text: str
    created_at: str
    gold: list[str]
    gold_from: str  # "labels" or "detector"
    answerable: bool = False
    endorsed_before: bool = False
    ours: list[str] = field(default_factory=list)
    baseline: list[str] = field(default_factory=list)
    asked_for: bool = False


def load_threads() -> list[dict[str, Any]]:
    """Every Qatar Living thread of the three files, oldest first."""
    folder = qatarliving.data_dir()
    threads = [t for name in qatarliving.FILES for t in qatarliving.iter_threads(folder / name)]
    return sorted(threads, key=lambda t: (t["question"]["created_at"] or "", t["question"]["id"]))


def _labels(name: str) -> list[dict[str, Any]]:
    path = qatarliving.data_dir() / name
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def gold_targets(thread: dict[str, Any], labelled: dict[str, list[dict[str, Any]]]) -> tuple[list[str], str]:
    """What the replies to ``thread`` endorsed: labels where the thread has them, else our detector."""
    question = thread["question"]
    rows = labelled.get(question["id"])
    if rows is not None:
        names = [t for r in rows if r["endorses"] and r["polarity"] == "positive" for t in r["targets"]]
        return _unique(names), "labels"
    names = []
    for comment in thread["comments"]:
        if comment["author"] == question["author"]:
            continue
        judged = understand(comment["text"], parent_text=question["text"], is_reply=True, with_cues=False)
        names += [e.target for e in judged.endorsements if e.polarity == "positive"]
    return _unique(names), "detector"


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(normalise(name), name)
    return [v for k, v in seen.items() if k]


def build_cases(threads: list[dict[str, Any]], cutoff: str) -> tuple[list[dict[str, Any]], list[Case]]:
    """The threads before ``cutoff`` and the later labelled requests (with their gold providers)."""
    requests = {r["id"].split(":", 1)[1] for r in _labels("labels_requests.jsonl") if r["label"] == "request"}
    labelled: dict[str, list[dict[str, Any]]] = {}
    for row in _labels("labels_endorsements.jsonl"):
        labelled.setdefault(row["qid"].split(":", 1)[1], []).append(row)
    before = [t for t in threads if (t["question"]["created_at"] or "") < cutoff]
    cases = []
    for thread in threads:
        question = thread["question"]
        if (question["created_at"] or "") < cutoff or question["id"] not in requests:
            continue
        gold, source = gold_targets(thread, labelled)
        cases.append(Case(question["id"], question["author"], question["text"], question["created_at"], gold,
                          source))
    return before, cases


def ingest(threads: list[dict[str, Any]], folder: Path) -> Store:
    """A fresh store holding ``threads`` (judged at ingest, as any store is)."""
    path = folder / "threads.jsonl"
    qatarliving.write_jsonl((row for t in threads for row in (t["question"], *t["comments"])), path)
    store = Store(folder / "store.duckdb")
    store.ingest(str(path))
    return store


# -- the naive baseline ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z][a-z0-9']+")
_CAPITALISED = re.compile(r"\b[A-Z][\w&'\-]*(?:[ \t]+(?:(?:of|the|&|al|el|de)[ \t]+)?[A-Z][\w&'\-]*)*")
_SKIP = STOPWORDS | COMMON
_WORD = re.compile(r"[A-Za-z][a-z']+")


def _terms(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _SKIP]


class Baseline:
    """TF-IDF over earlier questions; the capitalised names in the replies of the most similar ones."""

    def __init__(self, threads: list[dict[str, Any]], rule: NameRule, *, neighbours: int = 5) -> None:
        self.threads = threads
        self.rule = rule
        self.neighbours = neighbours
        docs = [Counter(_terms(t["question"]["text"])) for t in threads]
        df: Counter[str] = Counter(w for d in docs for w in d)
        self.idf = {w: math.log((1 + len(docs)) / (1 + n)) + 1 for w, n in df.items()}
        self.vectors = [self._vector(d) for d in docs]
        cased: Counter[str] = Counter()
        for thread in threads:
            for post in (thread["question"], *thread["comments"]):
                cased.update(_WORD.findall(post["text"]))
        # words written in lower case more often than capitalised are ordinary words, not names
        self.lowercase = {w for w, n in cased.items() if w.islower() and n > cased[w.capitalize()]}

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vec = {w: (1 + math.log(n)) * self.idf.get(w, 0.0) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def answer(self, text: str, limit: int = 5) -> list[str]:
        """The top ``limit`` names for a request's text."""
        query = self._vector(Counter(_terms(text)))
        sims = sorted(((sum(v * vec.get(w, 0.0) for w, v in query.items()), i) for i, vec in enumerate(self.vectors)),
                      reverse=True)[:self.neighbours]
        scores: dict[str, float] = {}
        shown: dict[str, str] = {}
        for sim, i in sims:
            if sim <= 0:
                continue
            for comment in self.threads[i]["comments"]:
                for name in capitalised_names(comment["text"], self.lowercase):
                    key = normalise(name)
                    if not self.rule.distinctive(key):
                        continue  # "I", "Thanks", "Doha": a name counts only through a distinctive word
                    scores[key] = scores.get(key, 0.0) + sim
                    shown.setdefault(key, name)
        ranked = sorted(scores, key=lambda k: (-scores[k], k))
        return [shown[k] for k in ranked[:limit]]


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|\.\.)\s*$")


def capitalised_names(text: str, lowercase: set[str]) -> list[str]:
    """The capitalised phrases of ``text`` that may be names, as a fair naive reader takes them.

    A sentence's first word is capitalised whatever it is, so common words leading a sentence are
    dropped ("Clock", "Appendix", "Try QAWS" -> "QAWS": stop words, and ``lowercase``, the words the
    forum writes in lower case more often than capitalised); phrases written in capitals throughout
    are shouting, not names, unless short (an acronym: "QNB", "DHL"); a name has at most 5 words.
    """
    found = []
    for match in _CAPITALISED.finditer(text):
        tokens = match.group().split()
        if len(tokens) > 5 or (len(tokens) > 2 and all(t.isupper() for t in tokens if t.isalpha())):
            continue
        if _SENTENCE_START.search(text[:match.start()]):
            while tokens and (tokens[0].lower() in _SKIP or tokens[0].lower() in lowercase):
                tokens = tokens[1:]
        if tokens:
            found.append(" ".join(tokens))
    return found


# -- measuring -------------------------------------------------------------------------------------


def appeared(rule: NameRule, gold: str, vocabulary: set[str], joined: str) -> bool:
    """Was ``gold`` named before the cutoff: one of its distinctive words used, or (no such word) its words?"""
    words = rule.distinctive(gold)
    if words:
        return any(w in vocabulary for w in words)
    phrase = normalise(gold)
    return bool(phrase) and f" {phrase} " in joined


def hit(rule: NameRule, answers: Sequence[str], gold: Sequence[str], k: int) -> bool:
    """Does one of the first ``k`` answers name a gold provider?"""
    return any(rule.matches(a, g) for a in answers[:k] for g in gold)


def run_cli(db: Path, case: Case, limit: int) -> list[str]:
    """``refer who "<request>" [--for asker] --json`` as a subprocess: the names it answers."""
    refer = Path(sys.executable).with_name("refer")
    command = [str(refer), "who", case.text, "--db", str(db), "--json", "--limit", str(limit)]
    if case.asked_for:
        command += ["--for", case.asker]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"refer who failed ({done.returncode}):\n{done.stderr}")
    answers = json.loads(done.stdout)
    assert all(set(a) >= {"name", "account", "score", "reasons", "endorsers"} for a in answers)
    return [a["name"] for a in answers]


def evaluate(threads: list[dict[str, Any]], cutoff: str, *, cli: int = 0, limit: int | None = None,
             trust: str = "store") -> dict[str, Any]:
    """The figures for one cutoff (and the cases, for ``--errors``)."""
    before, cases = build_cases(threads, cutoff)
    cases = [c for c in cases if c.gold]
    if limit is not None:
        cases = cases[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        store = ingest(before, Path(tmp))
        ingest_s = time.perf_counter() - began
        try:
            view: TrustView = StoreTrust(store) if trust == "store" else NoTrust()
            known = {str(r[0]) for r in store.query("SELECT id FROM accounts")}
            texts = [str(r[0]).lower() for r in store.query("SELECT text FROM posts")]
            vocabulary = {w for t in texts for w in re.findall(r"[a-z0-9]+", t)}
            joined = " " + " ".join(" ".join(re.findall(r"[a-z0-9]+", t)) for t in texts) + " "
            targets = [str(r[0]) for r in store.query("SELECT DISTINCT target FROM endorsements")]
            rule = name_rule(store)
            # the rule: a name counts only through a distinctive word, so a gold "provider"
            # without one ("International school", "Beauty Salon") can be matched by nothing
            for case in cases:
                case.gold = [g for g in case.gold if rule.distinctive(g)]
            cases = [c for c in cases if c.gold]
            baseline = Baseline(before, rule)
            seconds = []
            for case in cases:
                case.answerable = any(appeared(rule, g, vocabulary, joined) for g in case.gold)
                case.endorsed_before = any(rule.matches(t, g) for g in case.gold for t in targets)
                case.asked_for = case.asker in known
                began = time.perf_counter()
                found = who(store, case.text, asker=case.asker if case.asked_for else None, limit=5, trust=view)
                seconds.append(time.perf_counter() - began)
                case.ours = [a.name for a in found]
                case.baseline = baseline.answer(case.text)
            store.close()
            checked = 0
            for case in cases[:cli]:
                if run_cli(Path(tmp) / "store.duckdb", case, 5) != case.ours:
                    raise SystemExit(f"refer who --json differs from the library for {case.qid}")
                checked += 1
        finally:
            store.close()
    result: dict[str, Any] = {"cutoff": cutoff, "threads_before": len(before), "ingest_s": round(ingest_s, 2),
                              "cli_checked": checked, "trust": trust}
    labelled = [c for c in cases if c.gold_from == "labels"]
    for scope, chosen in (("all", cases), ("named_before", [c for c in cases if c.answerable]),
                          ("endorsed_before", [c for c in cases if c.endorsed_before]),
                          ("labelled_all", labelled), ("labelled_endorsed_before", [c for c in labelled
                                                                                     if c.endorsed_before])):
        entry: dict[str, Any] = {"requests": len(chosen)}
        for system in ("ours", "baseline"):
            for k in (1, 5):
                hits = sum(hit(rule, getattr(c, system), c.gold, k) for c in chosen)
                entry[f"{system}_hit@{k}"] = round(hits / len(chosen), 3) if chosen else 0.0
                entry[f"{system}_hits@{k}"] = hits
        result[scope] = entry
    result["gold_from_labels"] = sum(c.gold_from == "labels" for c in cases)
    result["asked_for"] = sum(c.asked_for for c in cases)
    seconds.sort()
    result["ms_per_query_p50"] = round(1000 * seconds[len(seconds) // 2], 1) if seconds else 0.0
    result["cases"] = cases
    result["rule"] = rule
    return result


def _print(result: dict[str, Any], errors: bool) -> None:
    cases: list[Case] = result.pop("cases")
    rule: NameRule = result.pop("rule")
    print(json.dumps(result, indent=1))
    if not errors:
        return
    for case in cases:
        mark = "HIT " if hit(rule, case.ours, case.gold, 5) else "MISS"
        base = "b+" if hit(rule, case.baseline, case.gold, 5) else "b-"
        answerable = ("E" if case.endorsed_before else "N") if case.answerable else "-"
        print(f"\n{mark} {base} {answerable} {case.qid} {case.created_at[:10]} ({case.gold_from}) "
              f"{case.text[:110]!r}")
        print(f"   gold: {case.gold}")
        print(f"   ours: {case.ours}")
        print(f"   base: {case.baseline}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cutoff", action="append", help=f"cutoff date(s) (default {', '.join(CUTOFFS)})")
    parser.add_argument("--errors", action="store_true", help="print every request with its answers")
    parser.add_argument("--cli", type=int, default=5, help="run the real command for the first N requests")
    parser.add_argument("--limit", type=int, help="only the first N later requests (a quick check)")
    parser.add_argument("--trust", choices=("store", "none"), default="store",
                        help="trust from the store's graph (default), or none (endorsements alone)")
    args = parser.parse_args(argv)
    threads = load_threads()
    for cutoff in args.cutoff or CUTOFFS:
        _print(evaluate(threads, cutoff, cli=args.cli, limit=args.limit, trust=args.trust), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
