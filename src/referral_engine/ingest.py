"""Ingestion: turn files, folders, archives and stdin into records in the store.

The driver expands its inputs (folders recursively, ``.zip`` members, ``.gz``
streams, ``-`` for stdin), detects each stream's format from its first bytes,
and feeds the records through the store's one write path. Progress is marked
atomically with each committed batch, so an interrupted ingest resumes where it
stopped and a repeated one skips what is complete.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from .settings import BATCH_SIZE
from .sources import CONTAINER_FORMATS, UnknownFormat, detect, get_source
from .sources.base import Container, rewound

if TYPE_CHECKING:
    from .store import Store, Writer


def judge_new_posts(store: Store) -> int:
    """The first built-in step: judge every post not judged yet (:func:`understand.pipeline.judge_store`)."""
    from .understand.pipeline import judge_store

    return judge_store(store)


def refresh_global_trust(store: Store) -> None:
    """The second built-in step: global trust of the platforms whose interactions changed
    (:func:`trust.scores.refresh_trust`; its pitch discount reads the judgements, and it warm-starts
    from the last scores)."""
    from .trust.scores import refresh_trust

    refresh_trust(store)


#: Called after every ingest with the store, in order; add a step the way a plugin would. The built-in
#: steps import what they need when they run, so that importing the package stays light.
AFTER_INGEST: list[Callable[[Store], object]] = [judge_new_posts, refresh_global_trust]


class IngestError(Exception):
    """An input could not be read at all (missing, unreadable, unknown format); names the input."""


@dataclass
class SourceSummary:
    """What one input gave: records read by type, and whether it was skipped or resumed."""

    source: str
    format: str | None
    records: dict[str, int] = field(default_factory=dict)
    status: str = "ingested"  # ingested | resumed | skipped (already complete)


@dataclass
class IngestSummary:
    """The outcome of one ingest: per input, and the store's growth."""

    sources: list[SourceSummary] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``refer ingest --json``)."""
        return {
            "sources": [s.__dict__ for s in self.sources],
            "added": self.added,
            "quarantined": self.quarantined,
        }


# -- inputs ---------------------------------------------------------------------------------


class FolderContainer:
    """A folder seen as a container (an unpacked X archive).

    ``shallow`` lists only the folder and its ``data/``: a lone ``tweets.js`` in a
    downloads folder must not make us walk everything beside it.
    """

    def __init__(self, root: Path, *, shallow: bool = False) -> None:
        self.root = root
        self.label = str(root)
        self.shallow = shallow

    def names(self) -> list[str]:
        files = (
            [*self.root.glob("*"), *(self.root / "data").glob("*")] if self.shallow else self.root.rglob("*")
        )
        return sorted(p.relative_to(self.root).as_posix() for p in files if p.is_file())

    def open(self, name: str) -> IO[bytes]:
        return (self.root / name).open("rb")


class ZipContainer:
    """A .zip seen as a container (the X archive as downloaded)."""

    def __init__(self, archive: zipfile.ZipFile, label: str) -> None:
        self.archive = archive
        self.label = label

    def names(self) -> list[str]:
        return sorted(i.filename for i in self.archive.infolist() if not i.is_dir())

    def open(self, name: str) -> IO[bytes]:
        return self.archive.open(name)


@dataclass
class _Stream:
    key: str  # the name used in progress marks, quarantine rows and errors
    open: Callable[[], IO[bytes]]
    size: int | None = None
    mtime_ns: int | None = None
    #: named by the user (not found inside a folder or .zip): an unknown format is then an error
    explicit: bool = True


@dataclass
class _Archive:
    key: str
    container: Container


def _expand(path: str, *, archive: bool = False) -> Iterator[_Stream | _Archive]:
    from .sources import x_archive

    if path == "-":
        data = sys.stdin.buffer
        yield _Stream("<stdin>", lambda: data)
        return
    p = Path(path)
    if not p.exists():
        raise IngestError(f"{path}: no such file or folder")
    if p.is_dir():
        folder = FolderContainer(p)
        if archive or x_archive.is_archive(folder.names()):
            yield _Archive(str(p), folder)
            return
        for child in sorted(c for c in p.rglob("*") if c.is_file() and not c.name.startswith(".")):
            for found in _expand(str(child)):
                if isinstance(found, _Stream):
                    found.explicit = False
                yield found
        return
    try:
        stat = p.stat()
        with p.open("rb") as probe:
            magic = probe.read(4)
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror or error})") from error
    if magic.startswith(b"PK\x03\x04"):
        try:
            zipped = zipfile.ZipFile(p)
        except zipfile.BadZipFile as error:
            raise IngestError(f"{path}: not a readable zip file ({error})") from error
        container = ZipContainer(zipped, str(p))
        if archive or x_archive.is_archive(container.names()):
            yield _Archive(str(p), container)
            return
        for info in zipped.infolist():
            if info.is_dir() or Path(info.filename).name.startswith("."):
                continue
            yield _Stream(f"{p}!{info.filename}", partial(zipped.open, info.filename), info.file_size,
                          stat.st_mtime_ns, explicit=False)
        return
    if magic.startswith(b"\x1f\x8b"):
        yield _Stream(str(p), lambda: cast(IO[bytes], gzip.open(p, "rb")), stat.st_size, stat.st_mtime_ns)  # noqa: SIM115
        return
    if archive or x_archive.is_archive_file(p):
        root = p.parent.parent if p.parent.name == "data" else p.parent
        yield _Archive(str(p.parent), FolderContainer(root, shallow=True))
        return
    yield _Stream(str(p), lambda: p.open("rb"), stat.st_size, stat.st_mtime_ns)


# -- the driver -----------------------------------------------------------------------------


Progress = Callable[[str, int, int | None], None]
"""``progress(source, bytes_done, bytes_total)``: how a caller follows a long ingest."""


def ingest(
    store: Store,
    paths: list[str | os.PathLike[str]],
    *,
    format: str | None = None,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    understand: bool = True,
) -> IngestSummary:
    """Ingest every input in ``paths`` into ``store`` and return what happened.

    ``format`` forces one format for all stream inputs. ``force`` re-reads inputs
    already marked complete (upserts keep the store free of duplicates either way).
    ``understand`` runs the steps registered in :data:`AFTER_INGEST` (judging the
    new posts); turn it off to load now and judge later.
    Raises :class:`IngestError` for an input that cannot be read or recognised;
    inputs before it stay ingested.
    """
    if format is not None and format not in CONTAINER_FORMATS:
        get_source(format)  # fail early on a bad name
    before = store.stats()
    summary = IngestSummary()
    seen: set[str] = set()
    with store.writer(batch_size=batch_size) as writer:
        for path in paths:
            for item in _expand(os.fspath(path), archive=format == "x-archive"):
                if item.key in seen:
                    continue
                seen.add(item.key)
                if isinstance(item, _Archive):
                    summary.sources.append(_ingest_archive(writer, item, progress))
                else:
                    summary.sources.append(_ingest_stream(store, writer, item, format, force, progress))
    store.resolve_references()
    if understand:
        for hook in AFTER_INGEST:
            hook(store)
    after = store.stats()
    summary.added = {k: after[k] - before[k] for k in ("posts", "accounts", "interactions", "snapshots", "deletions")}
    summary.quarantined = after["quarantined"] - before["quarantined"]
    return summary


def _tally(summary: SourceSummary, writer: Writer, before: dict[str, int]) -> None:
    """Records this input sent to the store, by type (what the writer counted since ``before``)."""
    written = _written(writer)
    summary.records = {k: written[k] - before.get(k, 0) for k in written if written[k] - before.get(k, 0)}


def _written(writer: Writer) -> dict[str, int]:
    totals = {**writer.counts}
    for name, value in writer.buffered().items():
        totals[name] += value
    return totals


def _ingest_stream(
    store: Store, writer: Writer, item: _Stream, forced: str | None, force: bool, progress: Progress | None
) -> SourceSummary:
    summary = SourceSummary(item.key, None)
    before = _written(writer)
    previous = store.progress_of(item.key) if item.key != "<stdin>" else None
    unchanged = previous is not None and previous[0] == item.size and previous[1] == item.mtime_ns
    if unchanged and previous is not None and previous[3] and not force:
        summary.status = "skipped"
        return summary
    try:
        stream = item.open()
    except OSError as error:
        raise IngestError(f"{item.key}: cannot read ({error.strerror or error})") from error
    try:
        head, buffered = _sniff(stream, item.key)
        name = forced or detect(head)
        if name is None:
            if not head.strip():
                summary.status = "empty"
                writer.mark(item.key, 0, size=item.size, mtime_ns=item.mtime_ns, complete=True)
                return summary
            if not item.explicit:  # a README beside the data in a folder: skipped, and said so
                summary.status = "skipped: unknown format"
                return summary
            raise UnknownFormat(
                f"{item.key}: unknown format (first bytes: {head[:60]!r}); pass --format to force one"
            )
        summary.format = name
        source = get_source(name)
        start = 1
        if unchanged and previous is not None and source.resumable and not force and previous[2] > 0:
            start = previous[2] + 1
            summary.status = "resumed"
        line = start - 1
        total = item.size
        raw = _raw_file(stream)
        # A source with a bulk path hands over runs of payloads as columns (see sources.x_v2_columns).
        bulk = getattr(source, "iter_columns", None)
        batches = (bulk or source.iter_records)(buffered, start_line=start)
        try:
            for line, records in batches:
                if isinstance(records, list):
                    writer.add_many(records, source=item.key, format=name)
                else:  # the bulk path's columns
                    writer.add_columns(records)
                if writer.pending >= writer.batch_size:
                    writer.mark(item.key, line, size=item.size, mtime_ns=item.mtime_ns, format=name)
                    writer.flush()
                    if progress is not None:
                        progress(item.key, _position(raw), total)
        except (OSError, EOFError, zipfile.BadZipFile) as error:  # truncated gzip, unreadable zip member
            raise IngestError(f"{item.key}: read failed after line {line} ({error})") from error
        writer.mark(item.key, line, size=item.size, mtime_ns=item.mtime_ns, format=name, complete=True)
        _tally(summary, writer, before)
        writer.flush()
        if progress is not None:
            progress(item.key, total or _position(raw), total)
    finally:
        if item.key != "<stdin>":
            stream.close()
    return summary


def _ingest_archive(writer: Writer, item: _Archive, progress: Progress | None) -> SourceSummary:
    from .sources import x_archive

    summary = SourceSummary(item.key, "x-archive")
    before = _written(writer)
    for _, records in x_archive.iter_archive(item.container):
        writer.add_many(records, source=item.key, format="x-archive")
        if writer.pending >= writer.batch_size:
            writer.flush()
    _tally(summary, writer, before)
    writer.flush()
    if progress is not None:
        progress(item.key, 1, 1)
    return summary


def _sniff(stream: IO[bytes], key: str) -> tuple[bytes, io.BufferedReader[Any]]:
    try:
        return rewound(stream)
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise IngestError(f"{key}: cannot read ({error})") from error


def _raw_file(stream: IO[bytes]) -> Any:
    """The underlying file whose position tracks bytes consumed (compressed bytes for .gz)."""
    inner = getattr(stream, "fileobj", None)  # gzip
    return inner if inner is not None else stream


def _position(raw: Any) -> int:
    try:
        return int(raw.tell())
    except (OSError, ValueError, AttributeError):
        return 0
