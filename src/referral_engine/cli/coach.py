"""The coach's commands: ``refer profile add|list|show|remove``, ``refer audit``, ``refer plan``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from .app import DbOption, JsonOption, app, fail, open_store, out, print_json

profile_app = typer.Typer(help="Profiles: a business as one, holding its accounts on several platforms.",
                          no_args_is_help=True)
app.add_typer(profile_app, name="profile")

AccountArgument = Annotated[str, typer.Argument(help="A profile name, @handle, account id, or PLATFORM:ID.")]


@profile_app.command("add")
def profile_add(
    name: Annotated[str, typer.Argument(help="The profile's name (a business name).")],
    account: Annotated[list[str], typer.Option("--account", "-a", help="An account of it: @handle, id, or "
                                               "PLATFORM:ID. Repeat for each platform.")],
    category: Annotated[list[str] | None, typer.Option("--category", "-c", help="What it does (plumber, dentist, "
                                                       "or a taxonomy category). Repeatable. Default: inferred.")]
    = None,
    area: Annotated[str | None, typer.Option(help="Where it is (Austin, Hyde Park). Default: inferred.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Add a profile: a business's accounts, categories and area (inferred when not given)."""
    from ..coach.profiles import add_profile
    from ..store.profiles import ProfileExists

    with open_store(db) as store:
        try:
            subject = add_profile(store, name, account, categories=category or (), area=area)
        except ProfileExists as error:
            raise fail(str(error)) from None
    if json_:
        print_json(subject.as_dict())
    else:
        _print_profile(out, subject.as_dict())


@profile_app.command("list")
def profile_list(db: DbOption = None, json_: JsonOption = False) -> None:
    """List the stored profiles."""
    from ..coach.profiles import list_profiles

    with open_store(db) as store:
        found = [s.as_dict() for s in list_profiles(store)]
    if json_:
        print_json(found)
        return
    table = Table(title=f"{len(found)} profiles", title_justify="left")
    for column in ("name", "accounts", "categories", "area"):
        table.add_column(column)
    for p in found:
        table.add_row(escape(p["account"]), escape(_accounts(p)), escape(", ".join(p["categories"]) or "-"),
                      escape(p["area"] or "-"))
    out.print(table)


@profile_app.command("show")
def profile_show(name: Annotated[str, typer.Argument(help="The profile's name.")], db: DbOption = None,
                 json_: JsonOption = False) -> None:
    """Show one profile."""
    from ..coach.profiles import show_profile

    with open_store(db) as store:
        found = show_profile(store, name).as_dict()
    if json_:
        print_json(found)
    else:
        _print_profile(out, found)


@profile_app.command("remove")
def profile_remove(name: Annotated[str, typer.Argument(help="The profile's name.")], db: DbOption = None) -> None:
    """Remove a profile (its accounts and their posts stay in the store)."""
    from ..coach.profiles import remove_profile

    with open_store(db) as store:
        remove_profile(store, name)
    out.print(f"Removed profile {escape(name)}.")


@app.command()
def audit(
    account: AccountArgument,
    since: Annotated[datetime | None, typer.Option(help="Start of the period (default: 26 weeks before the "
                                                   "newest post).")] = None,
    chart: Annotated[Path | None, typer.Option(help="Also draw the audit to this .png or .svg file.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Audit an account or profile as a citizen of its network: post mix, reciprocity, sweet spot, score."""
    from ..coach.audit import audit as run_audit

    with open_store(db) as store:
        result = run_audit(store, account, since=since.replace(tzinfo=UTC) if since and not since.tzinfo else since)
    found = result.as_dict()
    if chart is not None:
        from ..coach.charts import ChartError, render

        try:
            render(found, chart)
        except (ChartError, OSError) as error:
            raise fail(str(error)) from None
    if json_:
        print_json(found)
        return
    render_audit(out, found)
    if chart is not None:
        out.print(f"Chart written to {escape(str(chart))}")


@app.command()
def plan(account: AccountArgument, db: DbOption = None, json_: JsonOption = False) -> None:
    """Plan a week for an account or profile: concrete actions, each with its reason (no mass mentions, no pitch
    unless asked)."""
    from ..coach.plan import plan as run_plan

    with open_store(db) as store:
        result = run_plan(store, account)
    if json_:
        print_json(result.as_list())
        return
    render_plan(out, result.subject.label, result.as_list())


# -- rendering -------------------------------------------------------------------------------------

_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | int | None]) -> str:
    """A one-line chart of ``values`` (blank where unknown)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1
    return "".join(" " if v is None else _BARS[int((v - low) / span * (len(_BARS) - 1))] for v in values)


def _accounts(p: dict[str, Any]) -> str:
    return ", ".join(f"@{a['handle']}" if a["handle"] else f"{a['platform']}:{a['id']}" for a in p["accounts"])


def _short(text: str | None, width: int = 80) -> str:
    text = " ".join((text or "").split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _print_profile(console: Console, p: dict[str, Any]) -> None:
    guessed = p.get("inferred", {})
    console.print(Panel.fit(
        f"[bold]{escape(p['account'])}[/]\naccounts: {escape(_accounts(p))}\n"
        f"categories: {escape(', '.join(p['categories']) or '-')}"
        f"{' (inferred)' if guessed.get('categories') else ''}"
        f"{'  trade: ' + escape(', '.join(p['services'])) if p.get('services') else ''}\n"
        f"area: {escape(p['area'] or '-')}{' (inferred)' if guessed.get('area') else ''}",
        title="Profile", border_style="cyan"))


def render_audit(console: Console, a: dict[str, Any], *, brief: bool = False) -> None:
    """Print an audit (``Audit.as_dict()``); ``brief`` leaves out the examples and people lists."""
    peers = a.get("peers") or {}
    standing = (f" · {peers['rank']} of {peers['of']} in {', '.join(peers['categories'])} (median "
                f"{peers['median']:.2f})" if peers.get("rank") else "")
    score = a["citizenship"]
    console.print(Panel.fit(
        f"[bold]{escape(a['account'])}[/]{' (' + escape(_accounts(a)) + ')' if a['profile'] else ''} · "
        f"{escape(', '.join(a['categories']) or '-')}"
        f" · {escape(a['area'] or '-')}\n{a['since'][:10]} to {a['until'][:10]}: {a['posts']} own posts\n"
        f"[bold]Citizenship {score:.2f}[/]{standing}" if score is not None else
        f"[bold]{escape(a['account'])}[/]: nothing to audit between {a['since'][:10]} and {a['until'][:10]}",
        title="Audit", border_style="cyan"))
    parts = Table(title="How the score is made", title_justify="left", show_edge=False)
    for column in ("part", "value", "weight", "measured"):
        parts.add_column(column, justify="right" if column in ("value", "weight") else "left")
    for c in a["citizenship_components"]:
        parts.add_row(c["name"], "-" if c["value"] is None else f"{c['value']:.2f}", f"{c['weight']:.2f}",
                      escape(c["measured"]))
    console.print(parts)

    kinds = Table(title="What it posts", title_justify="left", show_edge=False, expand=not brief)
    kinds.add_column("kind")
    kinds.add_column("share", justify="right")
    kinds.add_column("by week")
    if not brief:
        kinds.add_column("for example")
    for kind, share in a["kinds"].items():
        if not share and kind == "other":
            continue
        weekly = sparkline([w[kind] for w in a["kinds_by_week"]])
        example = a["examples"].get(kind) or []
        row = [kind.replace("_", " "), _pct(share), weekly]
        if not brief:
            row.append(_short(example[0]["text"], 70) if example else "-")
        kinds.add_row(*row)
    console.print(kinds)
    p, r = a["pitches"], a["reciprocity"]
    console.print(
        f"Pitches: {p['total']} ({p['asked_for']} asked for, [bold]{p['unsolicited']} unsolicited[/]). "
        f"Answered {r['answered']} of {r['addressed']} posts addressed to it ({_pct(r['answered_share'])})"
        + (f", median {r['median_hours_to_answer']:.1f} h" if r["median_hours_to_answer"] is not None else "")
        + f"; {r['new_people']} new people ({sparkline([w['people'] for w in r['new_people_by_week']])}).")
    if not brief:
        people = Table(title="Promotes / promoted by", title_justify="left", show_edge=False)
        people.add_column("it promotes")
        people.add_column("who promote it")
        gave = [f"{escape(x['account'])} ({x['total']})" for x in r["promotes"][:5]]
        got = [f"{escape(x['account'])} ({x['total']})" for x in r["promoted_by"][:5]]
        for n in range(max(len(gave), len(got))):
            people.add_row(gave[n] if n < len(gave) else "", got[n] if n < len(got) else "")
        console.print(people)
    sweet = a["sweet_spot"]
    spot = Table(title="The sweet spot, week by week", title_justify="left", show_edge=False)
    for column in ("", "weekly", "first", "last", "total"):
        spot.add_column(column, justify="left" if column in ("", "weekly") else "right")
    followers = [w["followers"] for w in sweet]
    known = [f for f in followers if f is not None]
    spot.add_row("followers", sparkline(followers), str(known[0]) if known else "-", str(known[-1]) if known else "-",
                 "")
    for key, label in (("reposts", "reposts"), ("quotes", "quotes"), ("mentions", "mentions"),
                       ("referral_mentions", "referral mentions")):
        values = [w[key] for w in sweet]
        spot.add_row(label, sparkline(values), str(values[0]) if values else "-", str(values[-1]) if values else "-",
                     str(sum(values)))
    console.print(spot)
    halves = a.get("halves") or {}
    if halves:
        first, second = halves["first"], halves["second"]
        console.print(
            f"First half → second half: pitches {_pct(first['pitch_share'])} → {_pct(second['pitch_share'])}, "
            f"promoting others {_pct(first['promoting_share'])} → {_pct(second['promoting_share'])}, "
            f"referral mentions a week {first['referral_mentions_per_week']:.1f} → "
            f"{second['referral_mentions_per_week']:.1f}.")


def render_plan(console: Console, label: str, actions: list[dict[str, Any]], *, total: int | None = None) -> None:
    """Print a plan's actions (``Plan.as_list()``); ``total``: how many the whole plan has, when only some are shown."""
    shown = actions
    count = f"{len(actions)} of its {total} actions" if total and total > len(actions) else f"{len(actions)} actions"
    table = Table(title=f"A week for {escape(label)} ({count})", title_justify="left", expand=True)
    table.add_column("day", no_wrap=True)
    table.add_column("do")
    table.add_column("why")
    for action in shown:
        table.add_row(action["day"][5:], escape(action["action"]), escape(action["reason"]))
    console.print(table)
