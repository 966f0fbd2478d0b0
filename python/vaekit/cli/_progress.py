"""The command line's progress bars (rich), on standard error and only on a terminal.

Every long step of a command runs inside :func:`step`: a bar with the step's name and the time
elapsed, on standard error, removed when the step ends. Nothing is drawn when standard error is
not a terminal (a pipe, a file, a CI log) or after :func:`set_quiet` (the global ``--quiet``), so
the standard output of a command is the same whether it is piped or not.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

__all__ = ["enabled", "set_quiet", "step"]

_quiet = [False]


def set_quiet(quiet: bool) -> None:
    """Turn every progress bar off (``--quiet``) or back on (when on a terminal)."""
    _quiet[0] = quiet


def enabled() -> bool:
    """Whether progress bars are drawn: not ``--quiet`` and standard error is a terminal."""
    if _quiet[0]:
        return False
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


@contextlib.contextmanager
def step(label: str, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """A progress bar for one long step; yields a callback naming the current stage.

    With ``total`` stages the bar advances at each new stage name given to the callback (the
    first name starts the first stage); without, the bar pulses while the work (a C++ call that
    releases the GIL: a read, the solver, a simulation) runs. Off a terminal, the callback does
    nothing.
    """
    if not enabled():
        yield lambda _stage: None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    except ImportError:  # pragma: no cover - rich is a dependency of the command line
        yield lambda _stage: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        started = [False]

        def advance(stage: str) -> None:
            """Start the stage ``stage`` (closing the previous one)."""
            if started[0] and total is not None:
                progress.advance(task)
            started[0] = True
            progress.update(task, description=f"{label} — {stage}" if stage else label)

        yield advance
