"""Where the embedded example data lives: beside the installed package, or in the source tree."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["example_data"]


def example_data(area: str) -> Path:
    """The folder of the example data of ``area`` (``registry``, ``training``, ...).

    Looked up in ``$VAEKIT_EXAMPLE_DATA/<area>`` first, then in the copy installed with the package
    (``vaekit/example_data``), then in ``examples/data`` of a source tree above the package or the
    working directory. Raises FileNotFoundError naming the places tried.
    """
    tried: list[Path] = []
    env = os.environ.get("VAEKIT_EXAMPLE_DATA")
    if env:
        tried.append(Path(env) / area)
    here = Path(__file__).resolve().parent
    tried.append(here / "example_data" / area)
    for start in (here, Path.cwd().resolve()):
        tried += [parent / "examples" / "data" / area for parent in (start, *start.parents)]
    for candidate in tried:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"example data for {area!r} not found (set VAEKIT_EXAMPLE_DATA)")
