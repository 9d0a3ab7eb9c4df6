"""``refer demo`` as a library call: generate the community, ingest it fresh, look at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..coach.audit import audit
from ..coach.plan import plan
from ..coach.profiles import add_profiles
from ..refer import who
from ..store import Store
from ..store.overview import first_look
from ..understand.explain import explain
from .categories import CATEGORIES
from .generator import PLATFORM, generate

#: The category whose businesses the coach shows (one good citizen, one broadcaster).
COACHED = "plumber"


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
        truth = community.load_truth()
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
        referral = referral_view(store, truth)
        coach = coach_view(store, truth)
    return {
        "store": str(store_path),
        "data": str(community.community),
        "ingest": summary.as_dict(),
        **look,
        "example": example,
        "referral": referral,
        "coach": coach,
    }


def referral_view(store: Store, truth: dict[str, Any], *, category: str = COACHED, limit: int = 3) -> dict[str, Any]:
    """A resident asks the demo community for a provider of ``category`` near home: whom would its
    network refer, and why (``refer who "..." --for @resident``)."""
    trade = next(c for c in CATEGORIES if c.key == category).nouns[0]
    handle, resident = next(iter(truth["residents"].items()))
    query = f"Does anyone know a good {trade} near {resident['area']}?"
    answers = who(store, query, asker=f"@{handle}", platform=PLATFORM, limit=limit)
    return {"query": query, "asker": f"@{handle}", "answers": [a.as_dict() for a in answers]}


def coach_view(store: Store, truth: dict[str, Any], *, category: str = COACHED, actions: int = 5) -> dict[str, Any]:
    """Every demo business signs up as a profile with its trade and area (as a business would); then
    the audits of one good citizen and one broadcaster of ``category``, and ``actions`` of the
    broadcaster's plan (the first of each kind). The behaviour shown beside each audit is the
    generator's, for comparison."""
    trade = {c.key: c.nouns[0] for c in CATEGORIES}
    add_profiles(store, [(business["name"], [f"@{handle}"], [trade[business["category"]]],
                          f"{business['area']}, {truth['city']}") for handle, business in truth["businesses"].items()])
    chosen = {}
    for behaviour in ("good_citizen", "broadcaster"):
        chosen[behaviour] = next(b for b in truth["businesses"].values()
                                 if b["category"] == category and b["behaviour"] == behaviour)
    audits = []
    for behaviour, business in chosen.items():
        found = audit(store, business["name"]).as_dict()
        audits.append({"behaviour": behaviour, **found})
    week = plan(store, chosen["broadcaster"]["name"]).as_list()
    # A taste of each kind of action, in the plan's own order.
    firsts = list({a["kind"]: a for a in reversed(week)}.values())
    shown = sorted(firsts, key=week.index)[:actions]
    return {"category": category, "audits": audits,
            "plan": {"account": chosen["broadcaster"]["name"], "actions": shown, "total": len(week)}}
