"""``refer who`` and ``refer opportunities``: referral answers from the network's endorsements and trust."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .app import DbOption, JsonOption, app, fail, open_store, out, print_json

if TYPE_CHECKING:
    from ..refer import Answer, Business, Opportunity

PlatformOption = Annotated[str | None, typer.Option(help="Only this platform (or: the asker's, with --for).")]


@app.command("who")
def who_command(
    query: Annotated[str, typer.Argument(help='What is sought: "a good dentist", or a whole request post.')],
    for_: Annotated[str | None, typer.Option("--for", help="Who asks (id or @handle): their circle weighs the "
                                             "endorsers.")] = None,
    near: Annotated[str | None, typer.Option(help="Where (else the place the query names).")] = None,
    platform: PlatformOption = None,
    limit: Annotated[int, typer.Option(help="At most this many providers.", min=1)] = 10,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Who would the network refer for QUERY? Ranked providers, each with its reasons."""
    from ..refer import who

    with open_store(db) as store:
        answers = who(store, query, asker=for_, near=near, platform=platform, limit=limit)
    if json_:
        print_json([a.as_dict() for a in answers])
    else:
        render_answers(out, query, answers)


@app.command("opportunities")
def opportunities_command(
    account: Annotated[str, typer.Argument(help="A profile name (all its accounts), an id or @handle.")],
    platform: PlatformOption = None,
    days: Annotated[int, typer.Option(help="A request is open this many days.", min=1)] = 30,
    limit: Annotated[int, typer.Option(help="At most this many requests.", min=1)] = 20,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Open requests this business could answer, newest first, with how close each asker is and how to reply."""
    from ..coach.profiles import profile_opportunities
    from ..refer import ConfigError, opportunities

    with open_store(db) as store:
        try:
            of_profile = profile_opportunities(store, account, days=days, limit=limit) if platform is None else None
            business, found = of_profile or opportunities(store, account, platform=platform, days=days, limit=limit)
        except ConfigError as error:
            raise fail(str(error)) from None
    if json_:
        print_json([o.as_dict() for o in found])
    else:
        render_opportunities(out, business, found)


def render_answers(console: Console, query: str, answers: list[Answer]) -> None:
    """Ranked providers with their reasons."""
    if not answers:
        console.print(f"No one in the network has vouched for anything like {escape(query)!r} yet.")
        return
    table = Table(title=f"Who the network would refer for {escape(query[:60])!r}", title_justify="left",
                  expand=True, show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("provider", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("why")
    for rank, answer in enumerate(answers, 1):
        table.add_row(str(rank), escape(answer.name), f"{answer.score:.2f}", escape("; ".join(answer.reasons)))
    console.print(table)


def render_opportunities(console: Console, business: Business, found: list[Opportunity]) -> None:
    """The business as understood, then its open requests, each with how close and how to reply."""
    name = f"@{business.handle}" if business.handle else business.account
    what = ", ".join(c.replace("_", " ") for c in business.categories) or "nothing yet"
    console.print(f"[bold]{escape(name)}[/]: {escape(what)}" + (f" in {escape(business.area)}" if business.area else "")
                  + f" ({business.source}; the config file overrides it).")
    if not found:
        console.print("No open requests for it right now.")
        return
    for o in found:
        when = o.created_at.date().isoformat() if o.created_at else "-"
        text = " ".join(o.text.split())
        console.print(f"\n[bold]{when}[/]  {escape(o.how_close)}  [dim]({o.post_id})[/]")
        console.print(f"  “{escape(text[:200] + ('…' if len(text) > 200 else ''))}”")
        console.print(f"  [green]→[/] {escape(o.guidance)}")
