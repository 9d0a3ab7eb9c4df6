"""Post-kind evaluation on the corporate-messaging dev posts, through the real CLI (`refer classify`).

Usage: python eval/kinds.py [--errors] [--shared DIR]

1. Hand labels in our own kinds (corporate_messaging_kinds_dev.jsonl, 450 posts):
   per-class precision/recall/F1, macro-F1 over the four kinds present (the one
   ``other`` row is reported but kept out of the macro), and the confusion matrix.
2. Crowd labels (corporate_messaging_dev.csv, Figure Eight): Action ~ pitch,
   Dialogue ~ conversation, Information ~ information; Exclude rows are dropped.
   The crowd has no "promoting others": our ``promoting_others`` (and ``other``)
   is mapped to Information, the crowd's most common label for such posts
   (sharing or crediting someone else's content reads as information to them).
   Reported on all crowd rows and on the crowd rows *outside* the 450 hand-labelled
   ones, which no one looked at while writing the cues.

Input to the CLI is plain JSONL with only ``id`` and ``text`` (no reply flags, no
author), as the held-out evaluation feeds it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("REFERRAL_ENGINE_SHARED", ROOT.parent / "shared")) / "data"
KINDS = ("pitch", "promoting_others", "conversation", "information", "other")
MACRO_KINDS = KINDS[:4]
CROWD = ("Action", "Dialogue", "Information")
TO_CROWD = {"pitch": "Action", "conversation": "Dialogue", "information": "Information",
            "promoting_others": "Information", "other": "Information"}


def classify(rows: list[dict[str, str]]) -> dict[str, str]:
    """Run ``refer classify`` on plain JSONL (id, text); the post kind of each id."""
    refer = Path(sys.executable).with_name("refer")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows),
                        encoding="utf-8")
        done = subprocess.run([str(refer), "classify", str(path), "--db", str(Path(tmp) / "none.duckdb")],
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"refer classify failed ({done.returncode}): {done.stderr.strip()}")
    return {out["id"]: out["post_kind"] for out in map(json.loads, done.stdout.splitlines())}


def report(gold: list[str], pred: list[str], labels: tuple[str, ...], macro_over: tuple[str, ...]) -> float:
    """Print per-class P/R/F1 and the confusion matrix; return macro-F1 over ``macro_over``."""
    pairs = Counter(zip(gold, pred, strict=True))
    f1s: dict[str, float] = {}
    print(f"  {'kind':<18}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for label in labels:
        tp = pairs[label, label]
        n_pred = sum(v for (g, p), v in pairs.items() if p == label)
        n_gold = sum(v for (g, p), v in pairs.items() if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1s[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {label:<18}{precision:>7.3f}{recall:>7.3f}{f1s[label]:>7.3f}{n_gold:>6}")
    macro = sum(f1s[label] for label in macro_over) / len(macro_over)
    accuracy = sum(v for (g, p), v in pairs.items() if g == p) / len(gold)
    print(f"  macro-F1 ({', '.join(macro_over)}): {macro:.3f}   accuracy: {accuracy:.3f}")
    print("  confusion (rows gold, columns predicted):")
    short = [label[:8] for label in labels]
    print("  " + " " * 18 + "".join(f"{s:>10}" for s in short))
    for label in labels:
        print(f"  {label:<18}" + "".join(f"{pairs[label, p]:>10}" for p in labels))
    return macro


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the misclassified hand-labelled posts")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    args = parser.parse_args()
    dev = args.shared / "dev"
    hand = [json.loads(line) for line in (dev / "corporate_messaging_kinds_dev.jsonl").open(encoding="utf-8")]
    with (dev / "corporate_messaging_dev.csv").open(encoding="utf-8", errors="replace", newline="") as handle:
        crowd = [{"id": f"cm{r['_unit_id']}", "text": r["text"], "category": r["category"]}
                 for r in csv.DictReader(handle)]
    predicted = classify(hand + [r for r in crowd if r["id"] not in {h["id"] for h in hand}])

    print(f"== hand labels, our five kinds ({len(hand)} posts: {dict(Counter(r['kind'] for r in hand))})")
    gold = [r["kind"] for r in hand]
    pred = [predicted[r["id"]] for r in hand]
    report(gold, pred, KINDS, MACRO_KINDS)
    print("  (macro over the four kinds present; 'other' has a single gold row)")

    hand_ids = {r["id"] for r in hand}
    kept = [r for r in crowd if r["category"] in CROWD]
    unseen = [r for r in kept if r["id"] not in hand_ids]
    for title, rows in (("all crowd rows", kept), ("crowd rows outside the 450", unseen)):
        print(f"\n== crowd labels, {title} ({len(rows)} posts, Exclude dropped; promoting_others/other -> Information)")
        report([r["category"] for r in rows], [TO_CROWD[predicted[r["id"]]] for r in rows], CROWD, CROWD)

    by_id = {r["id"]: r for r in crowd}
    both = [r for r in hand if by_id[r["id"]]["category"] in CROWD]
    print(f"\n== reference: our hand labels themselves against the crowd ({len(both)} posts labelled by both)")
    report([by_id[r["id"]]["category"] for r in both], [TO_CROWD[r["kind"]] for r in both], CROWD, CROWD)

    if args.errors:
        print("\n== errors on the hand labels (gold -> predicted)")
        for row, guess in zip(hand, pred, strict=True):
            if guess != row["kind"]:
                print(f"  {row['kind']:>16} -> {guess:<16} {row['text'][:110]!r}")


if __name__ == "__main__":
    main()
