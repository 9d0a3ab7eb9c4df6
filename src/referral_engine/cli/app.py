"""The ``refer`` commands. Each parses its options, calls one library function, and renders.

Exit codes: 0 success; 1 bad input (unreadable file, unknown format, unknown
table); 2 wrong usage; 3 no such account; 130 interrupted (committed batches are
kept and the same command resumes).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..settings import BATCH_SIZE, DB_ENV, TABLES, default_path
from ..sources import FORMATS

if TYPE_CHECKING:
    from ..ingest import IngestSummary
    from ..store import Store

# The library (DuckDB, Arrow, scipy) is imported inside the commands that use it: ``refer --help``
# and ``refer classify`` start in a fraction of the time (bench/startup.py).

app = typer.Typer(
    name="refer",
    help="Referral Engine: find who your community would refer, and become the one it refers.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console(stderr=True)
out = Console(highlight=False)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar=DB_ENV, help="The store (a DuckDB file). Default: $REFERRAL_ENGINE_DB, "
                 "else ~/.local/share/referral-engine/referral.duckdb.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clean error (never a traceback) and give the exit to raise."""
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def open_store(db: Path | None, *, read_only: bool = False) -> Iterator[Store]:
    """Open the store named by ``--db`` and turn library errors into clean CLI errors."""
    import duckdb

    from ..ingest import IngestError
    from ..sources import UnknownFormat
    from ..store import NoSuchAccount, Store, StoreError

    try:
        store = Store(db if db is not None else default_path(), read_only=read_only)
    except StoreError as error:
        raise fail(str(error)) from None
    try:
        yield store
    except NoSuchAccount as error:
        raise fail(str(error), 3) from None
    except (IngestError, UnknownFormat, StoreError) as error:
        raise fail(str(error)) from None
    except duckdb.Error as error:
        raise fail(f"store {store.path}: {error}") from None
    finally:
        store.close()


def print_json(value: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(value, default=str, ensure_ascii=False) + "\n")


# -- ingest ----------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .zip, .gz, or - for stdin.")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=f"Force a format: {', '.join(FORMATS)}.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-read inputs already ingested completely.")] = False,
    batch_size: Annotated[int, typer.Option(help="Records per committed batch.", min=1)] = BATCH_SIZE,
    classify: Annotated[bool, typer.Option(help="Judge the new posts (requests, endorsements, kinds).")] = True,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Ingest posts, accounts and interactions from any supported format (auto-detected)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    with open_store(db) as store:
        with Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
            TimeRemainingColumn(), console=console, transient=True, disable=json_ or not console.is_terminal,
        ) as bar:
            tasks: dict[str, Any] = {}

            def progress(source: str, done: int, total: int | None) -> None:
                if source not in tasks:
                    tasks[source] = bar.add_task(Path(source).name[-40:], total=total)
                bar.update(tasks[source], completed=done, total=total)

            try:
                summary = store.ingest(*paths, format=format, force=force, batch_size=batch_size, progress=progress,
                                       understand=classify)
            except KeyboardInterrupt:
                raise fail("interrupted: every committed batch is kept; run the same command again to resume",
                           130) from None
        if json_:
            print_json(summary.as_dict())
        else:
            render_summary(summary)


def render_summary(summary: IngestSummary) -> None:
    """The summary table of an ingest: inputs named relative to what they share, skipped ones counted."""
    import os.path

    shown = [s for s in summary.sources if not s.status.startswith("skipped: ")]
    skipped = len(summary.sources) - len(shown)
    paths = [s.source.split("!")[0] for s in summary.sources if s.source != "<stdin>"]
    try:
        base = os.path.commonpath(paths) if len(paths) > 1 else ""
    except ValueError:  # relative and absolute paths mixed
        base = ""
    table = Table(title="Ingested" + (f" (from {base})" if base else ""), title_justify="left")
    for column in ("input", "format", "posts", "accounts", "interactions", "bad"):
        table.add_column(column, justify="right" if column not in ("input", "format") else "left",
                         overflow="fold" if column in ("input", "format") else "ellipsis",
                         min_width=18 if column == "input" else None, max_width=10 if column == "format" else None)
    for source in shown:
        r = source.records
        name = os.path.relpath(source.source, base) if base and source.source.startswith(base) else source.source
        if source.status != "ingested":
            name += f" ({source.status})"
        table.add_row(escape(name), source.format or "-", *(
            f"{r.get(k, 0):,}" for k in ("posts", "accounts", "interactions", "quarantined")))
    out.print(table)
    if skipped:
        out.print(f"{skipped:,} files of no known format skipped (--json lists them).")
    added = summary.added
    out.print(
        f"New in the store: {added.get('posts', 0):,} posts, {added.get('accounts', 0):,} accounts, "
        f"{added.get('interactions', 0):,} interactions, {added.get('snapshots', 0):,} snapshots."
    )
    if summary.quarantined:
        out.print(f"[yellow]{summary.quarantined:,} records quarantined[/] (see: refer export quarantine)")


# -- stats, export, forget ---------------------------------------------------------------------


@app.command()
def stats(db: DbOption = None, json_: JsonOption = False) -> None:
    """Counts per platform and record type."""
    with open_store(db) as store:
        result = store.stats()
        result["store"] = store.path
    if json_:
        print_json(result)
        return
    table = Table(title=f"Store {result['store']}", title_justify="left")
    for column in ("platform", "posts", "accounts", "snapshots", "interactions"):
        table.add_column(column, justify="left" if column == "platform" else "right")
    for platform, entry in result["platforms"].items():
        kinds = entry.get("interactions", {})
        detail = ", ".join(f"{k} {v:,}" for k, v in kinds.items()) or "0"
        table.add_row(platform, f"{entry.get('posts', 0):,}", f"{entry.get('accounts', 0):,}",
                      f"{entry.get('snapshots', 0):,}", detail)
    out.print(table)
    out.print(
        f"Total: {result['posts']:,} posts, {result['accounts']:,} accounts, {result['interactions']:,} "
        f"interactions; {result['quarantined']:,} quarantined, {result['deletions']:,} deletions, "
        f"{result['forgotten']:,} forgotten."
    )


@app.command()
def export(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")],
    format: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default TABLE.FORMAT).")]
    = None,
    db: DbOption = None,
) -> None:
    """Write one table to Parquet or CSV."""
    target = output or Path(f"{table}.{format}")
    with open_store(db) as store:
        rows = store.export(table, target, format=format)
    console.print(f"Wrote {rows:,} rows of {table} to {target}")


@app.command()
def forget(
    account: Annotated[str, typer.Argument(help="The account's id or @handle.")],
    platform: Annotated[str | None, typer.Option(help="The platform, when the handle exists on several.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Erase an account's posts, interactions and derived data (the right to be forgotten)."""
    with open_store(db) as store:
        erased = store.forget(account, platform=platform)
    if json_:
        print_json({"account": account, "erased": erased})
    else:
        out.print(f"Forgot {account}: " + ", ".join(f"{v:,} {k}" for k, v in erased.items()) + ".")


# -- demo ----------------------------------------------------------------------------------------


@app.command()
def demo(
    db: Annotated[
        Path | None, typer.Option("--db", help="Where to build the demo store (default: demo.duckdb beside the "
                                  "default store). It is rebuilt from scratch.", show_default=False)
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated community.")] = 7,
    json_: JsonOption = False,
) -> None:
    """Generate a demo community, ingest it, and show what Referral Engine sees in it."""
    from ..demo.run import run_demo
    from .show import render_first_look

    target = db or default_path().with_name("demo.duckdb")
    with console.status("Generating and ingesting the demo community…"):
        result = run_demo(target, seed=seed)
    if json_:
        print_json(result)
    else:
        render_first_look(out, result)


# -- understanding -----------------------------------------------------------------------------


@app.command()
def classify(
    path: Annotated[str, typer.Argument(help="A file in any supported format, or - for stdin.")] = "-",
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=f"Force a format: {', '.join(FORMATS)}.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Judge each post: referral request, endorsements, post kind. One JSON object per post, in input order.

    Streams: each post is answered as it is read (a pipe works), in bounded memory.
    A reply's parent is found among the last 200,000 posts, its own block of lines, or the store.
    """
    from ..understand.batch import classify_stream, read_blocks

    stream: Any = sys.stdin.buffer if path == "-" else None
    if stream is None:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise fail(f"{path}: cannot read ({error.strerror or error})") from None
    store = _maybe_store(db)

    def stored_text(post_id: str) -> str | None:
        assert store is not None
        rows = store.post(post_id)
        return rows[0][2] if rows else None

    # Posts are judged and written as they are read: each chunk's lines are flushed at once, so a pipe's
    # posts are answered while it runs, and memory does not grow with the input.
    write, flush = sys.stdout.buffer.write, sys.stdout.buffer.flush
    try:
        for lines in classify_stream(read_blocks(stream, format=format, name="<stdin>" if path == "-" else path),
                                     stored_text if store is not None else None):
            write(lines)
            flush()
    except ValueError as error:
        raise fail(str(error)) from None
    finally:
        if path != "-":
            stream.close()
        if store is not None:
            store.close()


def _maybe_store(db: Path | None) -> Store | None:
    """The store for context (parents of replies), when one exists; classification never needs it."""
    path = db if db is not None else default_path()
    if not Path(path).exists():
        return None
    from ..store import Store, StoreError

    try:
        return Store(path, read_only=True)
    except StoreError:
        return None


@app.command()
def explain(
    post_id: Annotated[str | None, typer.Argument(help="A post id in the store.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Explain this text instead of a stored post.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="With --text: the post it replies to.")] = None,
    platform: Annotated[str | None, typer.Option(help="The platform, when the id exists on several.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Show which cues decided a post's judgement (request, endorsements, kind)."""
    from ..understand.explain import explain as explain_post

    if text is not None:
        result = explain_post(text, parent_text=parent, is_reply=parent is not None)
    elif post_id is None:
        raise fail("give a POST_ID, or --text", 2)
    else:
        with open_store(db) as store:
            rows = store.post(post_id, platform=platform)
        if not rows:
            raise fail(f"no post {post_id!r} in the store", 3)
        if len(rows) > 1:
            raise fail(f"post {post_id!r} exists on several platforms; pass --platform", 2)
        found_platform, _, body, author, reply_to, repost_of, parent_text = rows[0]
        result = explain_post(body, parent_text=parent_text, is_reply=reply_to is not None,
                              is_repost=repost_of is not None, author=author)
        result = {"platform": found_platform, "id": post_id, **result}
    if json_:
        print_json(result)
        return
    from .show import render_explanation

    render_explanation(out, result)


@app.command()
def requests(
    category: Annotated[
        str | None, typer.Option(help="Only this provider category (docs/understanding.md lists them).")
    ] = None,
    near: Annotated[str | None, typer.Option(help="Only requests mentioning this place.")] = None,
    platform: Annotated[str | None, typer.Option(help="Only this platform.")] = None,
    since: Annotated[datetime | None, typer.Option(help="Only requests posted since this date.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 50,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Referral requests found in the store, newest first."""
    with open_store(db) as store:
        rows = store.requests(category=category, near=near, platform=platform,
                              since=since.replace(tzinfo=UTC) if since and since.tzinfo is None else since,
                              limit=limit)
    if json_:
        print_json(rows)
        return
    from .show import render_requests

    render_requests(out, rows)


@app.command()
def endorsements(
    target: Annotated[str | None, typer.Option(help="Only endorsements of this name, @handle or account.")] = None,
    category: Annotated[str | None, typer.Option(help="Only this provider category.")] = None,
    platform: Annotated[str | None, typer.Option(help="Only this platform.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 50,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Endorsements (and warnings) found in the store, newest first."""
    with open_store(db) as store:
        rows = store.endorsements(target=target, category=category, platform=platform, limit=limit)
    if json_:
        print_json(rows)
        return
    from .show import render_endorsements

    render_endorsements(out, rows)
