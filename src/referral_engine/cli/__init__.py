"""The ``refer`` command line: thin commands over the library."""

from __future__ import annotations

from .app import app


def main() -> None:
    """Entry point of the ``refer`` command."""
    app()


__all__ = ["app", "main"]
