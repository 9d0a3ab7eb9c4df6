"""``refer demo`` as a library call: generate the community, ingest it fresh, look at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from ..store.overview import first_look
from ..understand.explain import explain
from .generator import PLATFORM, generate


def run_demo(store_path: Path, *, seed: int = 7) -> dict[str, Any]:
    """Rebuild the demo store at ``store_path`` and return what a new user sees first.

    The generated files (``community.jsonl`` in the plain format, and the
    generator's ``truth.json``) are kept in ``demo-data/`` beside the store, so the
    input can be read and re-ingested by hand.
    """
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (store_path, store_path.with_name(store_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    community = generate(store_path.parent / "demo-data", seed=seed)
    with Store(store_path) as store:
        summary = community.ingest(store)
        look = first_look(store, platform=PLATFORM)
        # one judgement explained: why the busiest request counts as one, and who answered it
        example = None
        answered = [r for r in look["recent_requests"] if r["replies"]] or look["recent_requests"]
        if answered:
            [(_, post_id, text, author, reply_to, repost_of, parent)] = store.post(answered[0]["post_id"],
                                                                                 platform=PLATFORM)
            example = {"post_id": post_id, **explain(text, parent_text=parent, is_reply=reply_to is not None,
                                                     is_repost=repost_of is not None, author=author)}
            example["answers"] = [
                {"by": e["handle"] or e["author"], "target": e["target"], "polarity": e["polarity"]}
                for e in store.endorsements(platform=PLATFORM, limit=10_000) if e["in_reply_to"] == post_id
            ]
    return {
        "store": str(store_path),
        "data": str(community.community),
        "ingest": summary.as_dict(),
        **look,
        "example": example,
    }
