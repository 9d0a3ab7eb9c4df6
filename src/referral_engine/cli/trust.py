"""``refer trust ACCOUNT``: an account's global trust, its strongest ties, and its inorganic discounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .app import DbOption, JsonOption, app, open_store, out, print_json

if TYPE_CHECKING:
    from ..trust import Tie, TrustReport


@app.command("trust")
def trust(
    account: Annotated[str, typer.Argument(help="The account's id or @handle.")],
    platform: Annotated[str | None, typer.Option(help="The platform, when the handle exists on several.")] = None,
    limit: Annotated[int, typer.Option(help="Ties listed each way.", min=1)] = 5,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """An account's global trust, whom it trusts, who trusts it, and what was discounted as inorganic."""
    from ..trust import find_account, trust_report

    with open_store(db) as store:
        found_platform, account_id = find_account(store, account, platform)
        report = trust_report(store, found_platform, account_id, limit=limit)
    if json_:
        print_json(report.to_dict())
    else:
        render_trust(out, report)


def _name(account_id: str, handle: str | None) -> str:
    return escape(f"@{handle}" if handle else account_id)


def _standing(report: TrustReport) -> str:
    if report.rank == 1:
        return "the most trusted"
    top = 100.0 - report.percentile
    return f"top {max(top, 1):.0f}%" if top <= 50 else f"bottom {max(report.percentile, 1):.0f}%"


def _share(value: float) -> str:
    if value >= 0.01 or value == 0:
        return f"{value:.0%}"
    return f"{value:.1%}" if value >= 0.001 else "<0.1%"


def _kinds(tie: Tie) -> str:
    plural = {"reply": "replies", "follow": "follows"}
    parts = [f"{n} {plural.get(k, k + 's') if n > 1 else k}" for k, n in sorted(tie.kinds.items(), key=lambda i: -i[1])]
    return ", ".join(parts) or "-"


def render_trust(console: Console, report: TrustReport) -> None:
    """The report as a human reads it: the standing first, then the ties, then the discounts."""
    who = _name(report.account_id, report.handle)
    console.print(
        f"[bold]{who}[/] on {escape(report.platform)}: global trust [bold]{report.trust:.2f}[/] "
        f"(1.00 = an average account), rank {report.rank:,} of {report.accounts:,}, {_standing(report)}."
    )
    if report.as_of:
        console.print(f"Interactions decayed to {report.as_of[:10]} (the platform's latest).", style="dim")
    for title, ties, column in (
        ("Trusted by (trust each passes on to it)", report.trusted_by, "passes"),
        ("Trusts (share of its outgoing trust)", report.trusts, "share"),
    ):
        if not ties:
            console.print(f"{title}: nobody yet.")
            continue
        table = Table(title=title, title_justify="left")
        table.add_column("account")
        table.add_column(column, justify="right")
        table.add_column("interactions")
        table.add_column("mutual")
        for tie in ties:
            value = f"{tie.strength:.3g}" if column == "passes" else _share(tie.strength)
            table.add_row(_name(tie.account_id, tie.handle), value, _kinds(tie), "yes" if tie.reciprocal else "")
        console.print(table)
    if not report.discounts:
        console.print("No inorganic discount.")
        return
    console.print("[bold]Discounted as inorganic:[/]")
    for d in report.discounts:
        console.print(f"  • {escape(d.reason)} ([bold]×{d.factor:.2f}[/] on its {d.applies_to.replace('+', ' and ')})",
                      soft_wrap=True)
