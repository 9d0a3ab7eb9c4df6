"""Rendering of the demo's first look: tables a person would rather read than JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def render_first_look(console: Console, look: dict[str, Any]) -> None:
    """Print the demo community's first look."""
    totals = look["totals"]
    kinds = totals["interactions_by_kind"]
    console.print(Panel.fit(
        f"[bold]A generated Austin community[/]: {totals['accounts']:,} accounts (local businesses and residents), "
        f"{totals['posts']:,} posts from {totals['first_post'][:10]} to {totals['last_post'][:10]}.\n"
        f"{kinds.get('reply', 0):,} replies, {kinds.get('mention', 0):,} mentions, {kinds.get('repost', 0):,} "
        f"reposts, {kinds.get('like', 0):,} likes, {kinds.get('follow', 0):,} follows; "
        f"{totals['quarantined']:,} records quarantined.",
        title="Referral Engine demo", border_style="cyan",
    ))

    requests = Table(title="Recent referral requests", title_justify="left", expand=True)
    requests.add_column("when", no_wrap=True)
    requests.add_column("who", no_wrap=True)
    requests.add_column("seeks")
    requests.add_column("where")
    requests.add_column("replies", justify="right")
    for row in look["recent_requests"]:
        requests.add_row(row["created_at"][:10], "@" + escape(row["handle"] or row["account"]),
                         escape(row["sought"]), escape(row["location"] or "-"), str(row["replies"]))
    console.print(requests)

    recommended = Table(title="Who the community vouches for", title_justify="left")
    for column in ("who", "for", "vouches", "answers", "people", "warnings"):
        recommended.add_column(column, justify="left" if column in ("who", "for") else "right")
    for row in look["most_recommended"]:
        who = f"{row['name']} (@{row['handle']})" if row["handle"] else str(row["name"])
        recommended.add_row(escape(who), escape(row["for"] or "-"), str(row["endorsements"]), str(row["requests"]),
                            str(row["people"]), str(row["warnings"]))
    console.print(recommended)

    engaged = Table(title="Most engaged-with accounts", title_justify="left")
    for column in ("account", "name", "likes", "reposts", "replies", "mentions", "people"):
        engaged.add_column(column, justify="left" if column in ("account", "name") else "right")
    for row in look["most_engaged"]:
        engaged.add_row("@" + escape(row["handle"] or row["account"]), escape(row["name"] or ""),
                        *(str(row[k]) for k in ("likes", "reposts", "replies", "mentions", "people")))
    console.print(engaged)

    threads = Table(title="Busiest conversations", title_justify="left", expand=True)
    threads.add_column("who", no_wrap=True)
    threads.add_column("started with")
    threads.add_column("replies", justify="right")
    threads.add_column("people", justify="right")
    for row in look["busiest_conversations"]:
        threads.add_row("@" + escape(row["handle"] or row["account"]), _short(row["text"]), str(row["replies"]),
                        str(row["people"]))
    console.print(threads)

    example = look.get("example")
    if example:
        request = example["request"]
        cues = ", ".join(f"{c['cue']} “{c['text']}”" for c in request.get("cues", []) if c["weight"] > 0)
        answers = "; ".join(f"@{a['by']} → {a['target']}" + (" (warning)" if a["polarity"] == "negative" else "")
                            for a in example["answers"][:4])
        console.print(Panel(
            f"{_short(example['text'], 200)}\n\n[bold]Why a request[/] (score {request.get('score', '-')}): "
            f"{escape(cues)}\n[bold]Seeks[/] {escape(str(request.get('sought')))} · "
            f"[bold]where[/] {escape(str(request.get('location')))} · [bold]category[/] "
            f"{escape(str(request.get('category')))}\n[bold]Answers that vouch[/]: {escape(answers) or '-'}",
            title=f"One request, explained (refer explain {example['post_id']})", title_align="left",
            border_style="green",
        ))

    store = escape(look["store"])
    console.print(
        f"\nThe demo store is [bold]{store}[/]; its input, in the plain format, is {escape(look['data'])}.\n"
        f"Try: [cyan]refer requests --db {store} --near 'hyde park'[/]\n"
        f"     [cyan]refer endorsements --db {store} --target @rosaselectric[/]\n"
        f"     [cyan]refer ingest YOUR_FILES[/] (your own store: X, Bluesky, Mastodon or forum exports)"
    )
    if look.get("referral"):
        render_referral_view(console, look["referral"], look["store"])
    if look.get("coach"):
        render_coach_view(console, look["coach"], look["store"])


def render_referral_view(console: Console, referral: dict[str, Any], store: str) -> None:
    """Whom the network would refer, for one resident's question, with the reasons."""
    table = Table(title=f"{escape(referral['asker'])} asks: {escape(referral['query'])}", title_justify="left",
                  expand=True, show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("their network would refer", no_wrap=True)
    table.add_column("why")
    for rank, answer in enumerate(referral["answers"], 1):
        table.add_row(str(rank), escape(answer["name"]), escape("; ".join(answer["reasons"][:4])))
    console.print(table)
    console.print(f"Try: [cyan]refer who --db {escape(store)} {escape(repr(referral['query']))} "
                  f"--for {escape(referral['asker'])}[/]\n"
                  f"     [cyan]refer trust --db {escape(store)} {escape(referral['answers'][0]['name'])}[/]"
                  if referral["answers"] else "")


def render_coach_view(console: Console, coach: dict[str, Any], store: str) -> None:
    """The demo's last look: two businesses of one trade audited side by side, and a plan."""
    from .coach import render_plan

    audits = coach["audits"]
    table = Table(title=f"The coach: two {escape(coach['category'])}s audited", title_justify="left")
    table.add_column("")
    for a in audits:
        table.add_column(f"{escape(a['account'])}\n[dim](generator: {a['behaviour'].replace('_', ' ')})[/]")

    def row(label: str, cell: Any) -> None:
        table.add_row(label, *(cell(a) for a in audits))

    def standing(a: dict[str, Any]) -> str:
        peers = a.get("peers") or {}
        rank = f" ({peers['rank']} of {peers['of']})" if peers.get("rank") else ""
        return f"[bold]{a['citizenship']:.2f}[/]{rank}" if a["citizenship"] is not None else "-"

    def share(value: float) -> str:
        return f"{100 * value:.0f}%"

    row("citizenship (rank in its category)", standing)
    row("own posts in 26 weeks", lambda a: str(a["posts"]))
    row("pitch · promoting others · talk · info", lambda a: " · ".join(
        share(a["kinds"][k]) for k in ("pitch", "promoting_others", "conversation", "information")))
    row("unsolicited pitches", lambda a: f"{a['pitches']['unsolicited']} (asked for: {a['pitches']['asked_for']})")
    row("answered when addressed", lambda a: f"{a['reciprocity']['answered']} of {a['reciprocity']['addressed']}")
    row("new people it engaged", lambda a: str(a["reciprocity"]["new_people"]))
    row("referral mentions (a week: first half → second)", _referrals)
    row("followers", lambda a: _followers(a["sweet_spot"]))
    row("a typical post", lambda a: _short(_typical(a), 60))
    console.print(table)
    render_plan(console, coach["plan"]["account"], coach["plan"]["actions"], total=coach["plan"]["total"])
    first = escape(audits[-1]["account"])
    console.print(f"Try: [cyan]refer audit --db {escape(store)} '{first}' --chart audit.png[/]\n"
                  f"     [cyan]refer plan --db {escape(store)} '{first}'[/]")


def _referrals(audit: dict[str, Any]) -> str:
    total = sum(w["referral_mentions"] for w in audit["sweet_spot"])
    halves = audit.get("halves") or {}
    if not halves:
        return str(total)
    first, second = halves["first"]["referral_mentions_per_week"], halves["second"]["referral_mentions_per_week"]
    return f"{total} ({first:.1f} → {second:.1f})"


def _followers(sweet: list[dict[str, Any]]) -> str:
    known = [w["followers"] for w in sweet if w["followers"] is not None]
    return f"{known[0]:,} → {known[-1]:,}" if known else "-"


def _typical(audit: dict[str, Any]) -> str:
    """An example post of the account's most frequent kind."""
    kind = max(audit["kinds"], key=lambda k: audit["kinds"][k])
    examples = audit["examples"].get(kind) or []
    return str(examples[0]["text"]) if examples else "-"


def render_requests(console: Console, rows: list[dict[str, Any]]) -> None:
    """The table of ``refer requests``."""
    table = Table(title=f"{len(rows)} referral requests", title_justify="left", expand=True)
    for column in ("when", "who", "seeks", "category", "where", "replies", "post"):
        table.add_column(column, no_wrap=column in ("when", "who"))
    for row in rows:
        when = row["created_at"].strftime("%Y-%m-%d") if row["created_at"] else "-"
        table.add_row(when, "@" + escape(row["handle"] or row["author"] or "?"), escape(row["sought"]),
                      escape(row["category"] or "-"), escape(row["location"] or "-"), str(row["replies"]),
                      _short(row["text"], 70))
    console.print(table)


def render_endorsements(console: Console, rows: list[dict[str, Any]]) -> None:
    """The table of ``refer endorsements``."""
    table = Table(title=f"{len(rows)} endorsements", title_justify="left", expand=True)
    for column in ("when", "by", "vouches for", "for", "", "post"):
        table.add_column(column, no_wrap=column in ("when", "by"))
    for row in rows:
        when = row["created_at"].strftime("%Y-%m-%d") if row["created_at"] else "-"
        target = row["target"] + (f" (@{row['target_handle']})" if row["target_handle"] and
                                  not row["target"].startswith("@") else "")
        table.add_row(when, "@" + escape(row["handle"] or row["author"] or "?"), escape(target),
                      escape(row["for"] or "-"), "👍" if row["polarity"] == "positive" else "👎",
                      _short(row["text"], 60))
    console.print(table)


def render_explanation(console: Console, result: dict[str, Any]) -> None:
    """``refer explain``: each decision with the cues behind it."""
    console.print(Panel(escape(result["text"]), title="post", title_align="left"))
    if result.get("parent_text"):
        console.print(Panel(escape(result["parent_text"]), title="in reply to", title_align="left",
                            border_style="dim"))
    request = result["request"]
    if request["decision"] == "request":
        console.print(f"[bold green]Referral request[/] (score {request['score']}): seeks "
                      f"[bold]{escape(request['sought'])}[/], category {escape(str(request['category']))}, "
                      f"kind {request['kind']}, where {escape(str(request['location']))}")
    else:
        console.print(f"[bold]Not a referral request[/]: {escape(request['why'])}")
    _print_cues(console, request.get("cues", []))
    for endorsement in result["endorsements"]:
        console.print(f"[bold green]Endorsement[/] ({endorsement['polarity']}, score {endorsement['score']}) of "
                      f"[bold]{escape(endorsement['target'])}[/] for {escape(str(endorsement['for']))}")
        _print_cues(console, endorsement["cues"])
    if not result["endorsements"]:
        console.print("[bold]No endorsement[/]")
    kind = result["post_kind"]
    console.print(f"[bold]Post kind:[/] {kind['kind']} (score {kind['score']})")
    _print_cues(console, kind["cues"])


def _print_cues(console: Console, cues: list[dict[str, Any]]) -> None:
    for cue in cues:
        sign = "+" if cue["weight"] >= 0 else "−"
        console.print(f"   {sign} {escape(cue['cue'])}: “{escape(cue['text'])}” ({cue['weight']:+})")
