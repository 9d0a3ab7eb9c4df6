"""Measure endorsement detection on the labelled Qatar Living replies (dev).

Converts the labelled threads to plain JSONL (questions and their comments;
comments carry ``reply_to`` so the classifier sees the parent), runs the real
CLI ``refer classify`` on them, and compares with ``labels_endorsements.jsonl``:

- endorsement precision / recall / F1, comment level (endorses or not);
- target match rate: of the labelled targets of endorsing comments, the share
  that a predicted target of the same comment matches; target precision: of
  the predicted targets, the share that match a labelled one of that comment;
- polarity accuracy over the comments both call endorsements.

Target match rule (:func:`targets_match`): two names match when they share a
distinctive word, i.e. a word of 2+ characters that is not generic (business or
place-type words such as bank, hospital, centre, shop, road; places such as Doha,
Qatar; articles, "al", web parts such as www, com). Words also match when one is
a prefix of the other (4+ characters: "cornich"/"corniche"), when they are one
edit apart (5+ characters: "khudsia"/"kudsia"), or when a distinctive word of 4+
characters occurs inside the other name written without spaces
("lulucentre"/"lulu", "infocenter"/"info center").

    python eval/endorsements.py [--errors] [--speed]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import qatarliving

_GENERIC_WORDS = """
the a an of and at in on near for to by from al el bin de la bank banks hospital hospitals clinic clinics
medical health centre center centres centers club school schools academy institute college nursery salon spa
garage workshop showroom showrooms shop shops store stores mall market supermarket hypermarket pharmacy
restaurant cafe hotel hotels resort park beach gym studio company trading services service agency press
printing dealer airline airlines airways road rd street st area complex plaza souq souk doha qatar ql www com
net org http https co uk qa dr doctor mr mrs ms
"""
GENERIC = frozenset(_GENERIC_WORDS.split())


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", name.lower())


def _distinct(name: str) -> list[str]:
    return [w for w in _words(name) if len(w) > 1 and w not in GENERIC and not w.isdigit()]


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1 or any(
            a[:i] + a[i + 1] + a[i] + a[i + 2:] == b for i in range(len(a) - 1))
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def targets_match(predicted: str, labelled: str) -> bool:
    """Do two target names match through a distinctive word? (see the module's doc)"""
    a, b = _distinct(predicted), _distinct(labelled)
    if not b:  # a labelled name of generic words only ("doha clinic") must match word for word
        return [w for w in _words(predicted) if w != "the"] == [w for w in _words(labelled) if w != "the"]
    for x in a:
        for y in b:
            if x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))):
                return True
            if min(len(x), len(y)) >= 5 and _one_edit(x, y):
                return True
    joined_a, joined_b = "".join(_words(predicted)), "".join(_words(labelled))
    return any(len(x) >= 4 and x in joined_b for x in a) or any(len(y) >= 4 and y in joined_a for y in b)


def load_labels(folder: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in (folder / "labels_endorsements.jsonl").open(encoding="utf-8")]
    return {row["cid"]: row for row in rows}


def classify(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], float]:
    """Run ``refer classify`` on ``rows``; its output by id, and the seconds it took."""
    refer = Path(sys.executable).with_name("refer")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "threads.jsonl"
        qatarliving.write_jsonl(rows, path)
        began = time.perf_counter()
        done = subprocess.run([str(refer), "classify", str(path)], capture_output=True, text=True, check=False,
                              cwd=tmp)
        took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"refer classify failed ({done.returncode}):\n{done.stderr}")
    return {o["id"]: o for o in map(json.loads, done.stdout.splitlines())}, took


def evaluate(labels: dict[str, dict[str, Any]], output: dict[str, dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = tn = 0
    found = total_targets = 0
    pred_ok = pred_total = 0
    pol_ok = pol_total = 0
    errors: list[tuple[str, str, list[str], list[tuple[str, str]]]] = []
    for cid, label in labels.items():
        predicted = output.get(cid, {}).get("endorsements", [])
        said = bool(predicted)
        truth = bool(label["endorses"])
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
        tn += not said and not truth
        names = [e["target"] for e in predicted]
        gold = label["targets"] if truth else []
        hits = [t for t in gold if any(targets_match(p, t) for p in names)]
        found += len(hits)
        total_targets += len(gold)
        good = [p for p in names if any(targets_match(p, t) for t in gold)]
        pred_ok += len(good)
        pred_total += len(names)
        if said and truth:
            polarity = "negative" if all(e["polarity"] == "negative" for e in predicted) else "positive"
            pol_total += 1
            pol_ok += polarity == label["polarity"]
        if said != truth or len(hits) < len(gold) or len(good) < len(names):
            kind = "FP" if said and not truth else "FN" if truth and not said else "TARGET"
            errors.append((kind, cid, gold, [(e["target"], f'{e["polarity"][:3]} {e["score"]:.2f}')
                                              for e in predicted]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "comments": len(labels), "endorsing": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "target_match": round(found / total_targets, 4) if total_targets else 0.0,
        "target_precision": round(pred_ok / pred_total, 4) if pred_total else 0.0,
        "polarity_accuracy": round(pol_ok / pol_total, 4) if pol_total else 0.0,
        "errors": errors,
    }


def speed(path: Path, limit: int = 50_000) -> dict[str, float]:
    """Microseconds per post of ``detect_endorsements`` on standalone tweets (no parent)."""
    from referral_engine.understand.endorsements import detect_endorsements

    texts = [json.loads(line)["text"] for line, _ in zip(path.open(encoding="utf-8"), range(limit), strict=False)]
    began = time.perf_counter()
    flagged = sum(1 for text in texts if detect_endorsements(text))
    took = time.perf_counter() - began
    return {"posts": len(texts), "us_per_post": round(took / len(texts) * 1e6, 3), "flagged": flagged}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--errors", action="store_true", help="list every mistake with the comment's text")
    parser.add_argument("--speed", action="store_true", help="also time the detector on 2009 tweets")
    args = parser.parse_args(argv)
    folder = qatarliving.data_dir()
    labels = load_labels(folder)
    qids = {label["qid"].split(":", 1)[1] for label in labels.values()}
    rows = list(qatarliving.plain_rows([folder / "CQA-QL-devel.xml"], qids=qids))
    texts = {row["id"]: row["text"] for row in rows}
    output, took = classify(rows)
    result = evaluate(labels, output)
    errors = result.pop("errors")
    if args.errors:
        for kind, cid, gold, predicted in errors:
            print(f"{kind:6} {cid:10} gold={gold} predicted={predicted}")
            print("       " + texts.get(cid, "").replace("\n", " | ")[:300])
    result["classify_seconds"] = round(took, 2)
    print(json.dumps(result, indent=1))
    if args.speed:
        tweets = folder.parent / "tweets_sentiment140_2009.jsonl"
        print(json.dumps(speed(tweets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
