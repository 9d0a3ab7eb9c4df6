"""Qatar Living threads (SemEval-2015 Task 3, CQA-QL) as our plain JSONL.

One post per question (``id`` = QID, ``author`` = its user id, ``text`` =
subject + "\\n" + body, ``created_at`` = its date) and one per comment (``id`` =
CID, ``author`` = its user id, ``reply_to`` = the QID, ``created_at``).

Both published layouts are read: the devel/test files (``QSubject``/``QBody``,
``CUSERID``; comments carry no date) and the trial file (``Short_Question``/
``Full_Question``, ``UID``, ``CREATED`` on every post). A comment without a date
of its own gets its question's date plus its position in seconds, so that a
thread keeps its order; the true time is unknown. The trial release numbered its
questions and users independently (Q1.., U1..), so its ids are prefixed with
``trial:`` to keep them from colliding with the others'.

    python eval/qatarliving.py OUT.jsonl [XML ...]

writes every thread of the three files under ``shared/data/dev/qatarliving_2015``
(or of the files given). Importable: :func:`iter_threads`, :func:`plain_rows`.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "qatarliving_2015"
FILES = ("CQA-QL-devel.xml", "CQA-QL-test.xml", "CQA-QL-trial.xml")


def data_dir() -> Path:
    """The folder of the Qatar Living files (``../shared/data`` next to the checkout, else /work/shared)."""
    for candidate in (DATA, Path("/work/shared/data/dev/qatarliving_2015")):
        if candidate.is_dir():
            return candidate
    return DATA


def _text(node: ET.Element | None) -> str:
    return "" if node is None or node.text is None else node.text.strip()


def _iso(value: str | None) -> str | None:
    """``2010-11-24 14:41:45`` as ISO 8601 UTC (the forum's own zone is not recorded)."""
    if not value or not value.strip():
        return None
    return datetime.fromisoformat(value.strip()).isoformat() + "Z"


def _later(value: str | None, seconds: int) -> str | None:
    if value is None:
        return None
    return (datetime.fromisoformat(value.removesuffix("Z")) + timedelta(seconds=seconds)).isoformat() + "Z"


def iter_threads(path: Path) -> Iterator[dict[str, Any]]:
    """Each question of ``path`` as ``{"question": row, "comments": [row, ...]}`` (plain rows)."""
    root = ET.parse(path).getroot()
    trial = path.name.endswith("trial.xml") or (len(root) and "UID" in root[0].attrib)
    prefix = "trial:" if trial else ""
    for question in root.iter("Question"):
        attrib = question.attrib
        qid = prefix + attrib["QID"].strip()
        if trial:
            subject, body = _text(question.find("Short_Question")), _text(question.find("Full_Question"))
            author, created = attrib.get("UID", "").strip(), _iso(attrib.get("CREATED"))
            category = attrib.get("CATEGORY")
        else:
            subject, body = _text(question.find("QSubject")), _text(question.find("QBody"))
            author, created = attrib.get("QUSERID", "").strip(), _iso(attrib.get("QDATE"))
            category = attrib.get("QCATEGORY")
        row: dict[str, Any] = {
            "id": qid, "author": prefix + author, "text": f"{subject}\n{body}",
            "created_at": created, "category": category,
        }
        comments = []
        for position, comment in enumerate(question.iter("Comment"), start=1):
            cattrib = comment.attrib
            if trial:
                cauthor = cattrib.get("UID", "").strip()
                ctext = _text(comment.find("Body")) or _text(comment.find("Subject"))
                cdate = _iso(cattrib.get("CREATED")) or _later(created, position)
            else:
                cauthor = cattrib.get("CUSERID", "").strip()
                ctext = _text(comment.find("CBody")) or _text(comment.find("CSubject"))
                cdate = _later(created, position)
            comments.append({
                "id": prefix + cattrib["CID"].strip(), "author": prefix + cauthor, "text": ctext,
                "created_at": cdate, "reply_to": qid,
            })
        yield {"question": row, "comments": comments}


def plain_rows(paths: Iterable[Path] | None = None, *, qids: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """The plain JSONL rows of every thread (question first, then its comments), optionally only ``qids``."""
    folder = data_dir()
    for path in paths if paths is not None else (folder / name for name in FILES):
        for thread in iter_threads(Path(path)):
            if qids is not None and thread["question"]["id"] not in qids:
                continue
            yield thread["question"]
            yield from thread["comments"]


def write_jsonl(rows: Iterable[dict[str, Any]], out: Path) -> int:
    """Write ``rows`` as JSONL to ``out``; the number written."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    out, inputs = Path(args[0]), [Path(a) for a in args[1:]] or None
    count = write_jsonl(plain_rows(inputs), out)
    print(f"{count} posts -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
