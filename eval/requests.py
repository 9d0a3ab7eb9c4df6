"""Measure referral-request detection on the dev data, through the real CLI (``refer classify``).

Usage: ``.venv/bin/python eval/requests.py [--errors] [--data ../shared/data/dev]``

Writes each dev set as plain JSONL (``id``, ``text``; Qatar Living: subject + newline + body) to a
temporary file, runs ``refer classify`` on it, and compares with the hand labels:

- request precision / recall / F1. Sentiment140 is judged at *stream level*: every one of the
  49,785 tweets counts, a null label is ``not_request``. ``unsure`` rows are left out everywhere.
  Recall is also given per gold kind, precision per predicted kind.
- on true positives: match rates for ``sought``, ``location``, ``kind`` and ``category``.

Match rules (strict-ish, documented so the figures mean something):

- sought: both normalised (lowercased, leading determiners and "good"/"best"-like adjectives off,
  each word singularised); a match when equal, or when both have the same *head noun* (the last
  word before the first preposition: "hospital for baby vaccinations" -> "hospital", "thai
  restaurants" -> "restaurant"). "dentist" matches "dentist for braces"; "laptop" does not match
  "laptop bag" (head "bag").
- location: lowercased, a leading "in"/"near"/"around"/"the"/"#" off; a match when equal, when one
  is a whole-word part of the other, or when both are absent.
- category: the predicted category equals the taxonomy's category of the gold ``sought`` (rows whose
  gold sought has no category are not counted).
- kind: equal to the gold kind.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from referral_engine.understand.taxonomy import category_of
from referral_engine.understand.text import head_noun, norm_phrase, singular, words

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def load(data: Path) -> dict[str, list[dict[str, Any]]]:
    tweets = []
    with open(data / "tweets_sentiment140_2009.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            row["label"] = row["label"] or "not_request"
            tweets.append(row)
    ql = []
    with open(data / "qatarliving_2015" / "labels_requests.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            row["text"] = f"{row['subject']}\n{row['body']}"
            ql.append(row)
    return {"sentiment140 (stream)": tweets, "qatarliving": ql}


def classify(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    refer = Path(sys.executable).with_name("refer")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for row in rows:
            tmp.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
    try:
        out = subprocess.run([str(refer), "classify", tmp.name], check=True, capture_output=True, text=True).stdout
    finally:
        Path(tmp.name).unlink()
    return {o["id"]: o for o in map(json.loads, out.splitlines())}


def _norm_sought(phrase: str) -> str:
    return " ".join(singular(w) for w in words(norm_phrase(phrase)))


def sought_match(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return pred == gold
    p, g = _norm_sought(pred), _norm_sought(gold)
    return p == g or (head_noun(p) != "" and head_noun(p) == head_noun(g))


def _norm_loc(loc: str | None) -> str:
    toks = words(loc or "")
    while toks and toks[0] in ("in", "near", "around", "the", "at"):
        toks.pop(0)
    return " ".join(toks)


def location_match(pred: str | None, gold: str | None) -> bool:
    p, g = _norm_loc(pred), _norm_loc(gold)
    if not p or not g:
        return p == g
    return p == g or f" {p} " in f" {g} " or f" {g} " in f" {p} "


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, rows: list[dict[str, Any]], preds: dict[str, dict[str, Any]], errors: bool) -> None:
    tp = fp = fn = 0
    by_gold_kind: Counter[str] = Counter()
    found_gold_kind: Counter[str] = Counter()
    pred_kind: Counter[str] = Counter()
    pred_kind_ok: Counter[str] = Counter()
    match = Counter[str]()
    counted = Counter[str]()
    fps, fns, mism = [], [], []
    for row in rows:
        if row["label"] == "unsure":
            continue
        req = preds[row["id"]]["request"]
        gold = row["label"] == "request"
        if req:
            pred_kind[req["kind"]] += 1
            pred_kind_ok[req["kind"]] += gold
        if gold:
            by_gold_kind[row["kind"] or "other"] += 1
        if req and gold:
            tp += 1
            found_gold_kind[row["kind"] or "other"] += 1
            ok = {"sought": sought_match(req["sought"], row["sought"]),
                  "location": location_match(req["location"], row["location"]),
                  "kind": req["kind"] == (row["kind"] or "other")}
            gold_cat = category_of(row["sought"] or "")
            if gold_cat is not None:
                ok["category"] = req["category"] == gold_cat
            if row["location"]:
                ok["location (gold has one)"] = ok["location"]
            for key, value in ok.items():
                counted[key] += 1
                match[key] += value
            if not all(ok.values()):
                mism.append((row, req, [k for k, v in ok.items() if not v]))
        elif req:
            fp += 1
            fps.append((row, req))
        elif gold:
            fn += 1
            fns.append(row)
    p, r, f = _prf(tp, fp, fn)
    print(f"\n== {name}: {len(rows)} posts, {tp + fn} requests")
    print(f"request  P={p:.3f}  R={r:.3f}  F1={f:.3f}   (tp={tp} fp={fp} fn={fn})")
    for kind in sorted(set(by_gold_kind) | set(pred_kind)):
        rec = found_gold_kind[kind] / by_gold_kind[kind] if by_gold_kind[kind] else float("nan")
        prec = pred_kind_ok[kind] / pred_kind[kind] if pred_kind[kind] else float("nan")
        print(f"  kind {kind:8s} recall={rec:.3f} (of {by_gold_kind[kind]})  "
              f"precision={prec:.3f} (of {pred_kind[kind]})")
    for key in ("sought", "location", "location (gold has one)", "kind", "category"):
        if counted[key]:
            print(f"  {key:24s} match={match[key] / counted[key]:.3f}  ({match[key]}/{counted[key]})")
    if errors:
        for row, req in fps:
            print(f"  FP {row['id']}: {row['text'][:160]!r} -> {req}")
        for row in fns:
            print(f"  FN {row['id']}: {row['text'][:160]!r} (sought={row['sought']!r})")
        for row, req, bad in mism:
            print(f"  MISMATCH {bad} {row['id']}: gold sought={row['sought']!r} loc={row['location']!r} "
                  f"kind={row['kind']!r} | pred sought={req['sought']!r} loc={req['location']!r} "
                  f"kind={req['kind']!r} cat={req['category']!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list false positives, false negatives, mismatches")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    for name, rows in load(args.data).items():
        report(name, rows, classify(rows), args.errors)


if __name__ == "__main__":
    main()
