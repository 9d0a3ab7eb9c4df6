"""The ``refer`` command line: thin commands over the library."""

from __future__ import annotations

from . import answers as _answers  # noqa: F401  (registers `refer who`, `refer opportunities`)
from . import coach as _coach  # noqa: F401  (registers `refer profile`, `refer audit`, `refer plan`)
from . import trust as _trust  # noqa: F401  (registers `refer trust`)
from .app import app


def main() -> None:
    """Entry point of the ``refer`` command."""
    app()


__all__ = ["app", "main"]
