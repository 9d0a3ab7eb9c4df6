"""Charts of an audit, to PNG or SVG (chosen by the file's extension).

Two panels on one time axis, so habits and their effect line up week by week:

1. the mix of the account's own posts by kind, as stacked weekly bars;
2. the sweet spot: reposts and quotes, mentions and referral mentions received per week, with
   followers on their own axis.

matplotlib is imported only here, and only when a chart is asked for (the Agg back end: no
display needed). The web pages reuse :func:`render`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: One colour per post kind, and for each sweet-spot line; chosen to stay apart in grey scale too.
KIND_COLOURS = {"pitch": "#d1495b", "promoting_others": "#2e8540", "conversation": "#00798c",
                "information": "#edae49", "other": "#9e9e9e"}
_LINES = (("referral_mentions", "referral mentions", "#2e8540", 2.6), ("mentions", "mentions", "#00798c", 1.6),
          ("reposts_quotes", "reposts + quotes", "#6a4c93", 1.6))
FORMATS = (".png", ".svg")


class ChartError(ValueError):
    """The chart cannot be written (an unknown extension)."""


def render(audit: dict[str, Any], path: str | Path) -> Path:
    """Draw the audit (:meth:`Audit.as_dict`) to ``path`` (``.png`` or ``.svg``); returns the path."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise ChartError(f"cannot write a chart to {target.name!r}: use a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    weeks = audit["kinds_by_week"]
    sweet = audit["sweet_spot"]
    labels = [w["week"][5:] for w in weeks]  # MM-DD: the year is in the title
    x = list(range(len(weeks)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True, gridspec_kw={"height_ratios": [1, 1]})
    try:
        bottoms = [0.0] * len(weeks)
        for kind, colour in KIND_COLOURS.items():
            values = [float(w[kind]) for w in weeks]
            if any(values):
                top.bar(x, values, bottom=bottoms, color=colour, label=kind.replace("_", " "), width=0.8)
                bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        top.set_ylabel("own posts a week")
        top.legend(loc="upper left", ncols=5, fontsize=8, frameon=False)
        score = audit["citizenship"]
        top.set_title(f"{audit['account']}: citizenship {score:.2f}" if score is not None else audit["account"],
                      loc="left", fontsize=12)

        series = {"referral_mentions": [w["referral_mentions"] for w in sweet],
                  "mentions": [w["mentions"] for w in sweet],
                  "reposts_quotes": [w["reposts"] + w["quotes"] for w in sweet]}
        for key, label, colour, width in _LINES:
            bottom.plot(x, series[key], color=colour, linewidth=width, marker="o", markersize=3, label=label)
        bottom.set_ylabel("received a week")
        followers = [w["followers"] for w in sweet]
        if any(f is not None for f in followers):
            right = bottom.twinx()
            known = [(i, f) for i, f in zip(x, followers, strict=True) if f is not None]
            right.plot([i for i, _ in known], [f for _, f in known], color="#444444", linestyle="--", linewidth=1.2,
                       label="followers")
            right.set_ylabel("followers")
            handles, names = bottom.get_legend_handles_labels()
            more, more_names = right.get_legend_handles_labels()
            bottom.legend(handles + more, names + more_names, loc="upper left", ncols=4, fontsize=8, frameon=False)
        else:
            bottom.legend(loc="upper left", ncols=3, fontsize=8, frameon=False)
        step = max(1, len(x) // 13)
        bottom.set_xticks(x[::step], labels[::step], rotation=0, fontsize=8)
        bottom.set_xlabel(f"week starting (Monday), {weeks[0]['week'][:4] if weeks else ''}")
        for axis in (top, bottom):
            axis.yaxis.set_major_locator(MaxNLocator(integer=True))
            axis.spines[["top", "right"]].set_visible(False)
            axis.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, dpi=120)
    finally:
        plt.close(fig)
    return target
