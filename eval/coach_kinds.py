"""The audit's post kinds on the demo's business posts, against the generator's labels (``truth.json``).

Usage: python eval/coach_kinds.py [--work DIR]

Builds the demo store (``refer demo``'s own library call) and compares, for every post of every
demo business, the judged post kind and the audit's kind (judged kind, except that a post
positively endorsing another account counts as ``promoting_others``) with the generator's label:
per-kind precision, recall, F1, and the macro-F1 over the four kinds. The demo's texts are
generated, so this checks the audit's rule, not the classifier (whose figures on real posts are
``eval/kinds.py``'s).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from referral_engine import Store
from referral_engine.demo.run import run_demo
from referral_engine.store import coach as sql

KINDS = ("pitch", "promoting_others", "conversation", "information")


def scores(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Per kind ``(precision, recall, F1, gold count)`` and the macro-F1 of ``(gold, predicted)`` pairs."""
    out: dict[str, object] = {}
    f1s = []
    for kind in KINDS:
        tp = sum(1 for g, p in pairs if g == kind and p == kind)
        fp = sum(1 for g, p in pairs if g != kind and p == kind)
        fn = sum(1 for g, p in pairs if g == kind and p != kind)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        out[kind] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                     "posts": tp + fn}
    out["macro_f1"] = round(sum(f1s) / len(f1s), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="where to build the demo (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="coach-kinds-"))
    result = run_demo(work / "demo.duckdb")
    truth = json.loads((Path(result["data"]).parent / "truth.json").read_text())
    rows = [(b["name"], "demo", handle, ()) for handle, b in truth["businesses"].items()]
    with Store(result["store"]) as store, sql.subjects(store, rows, sql.EPOCH) as q:
        posts = q.posts(sql.EPOCH, datetime(2100, 1, 1, tzinfo=UTC))
    judged = [(truth["posts"][r[2]]["kind"], r[6]) for r in posts if r[6]]
    audited = [(truth["posts"][r[2]]["kind"], r[4]) for r in posts if r[4]]
    print(json.dumps({"posts": len(judged), "judged_kind": scores(judged), "audit_kind": scores(audited)},
                     indent=1))


if __name__ == "__main__":
    main()
