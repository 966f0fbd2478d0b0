"""The self-contained HTML report: one page, charts inlined as SVG, tables, no external file.

:func:`render_page` turns sections (tables as lists of records, matplotlib figures, text) into a
page with the jinja2 template ``templates/report.html.j2``; :func:`write_page` writes it
atomically. The page works offline: styles are inline and charts are SVG markup.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _vaekit
from ..i18n import format_decimal

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Chart", "Section", "Table", "figure_svg", "render_page", "write_page"]


def figure_svg(fig: Figure) -> str:
    """The figure as inline SVG markup (no XML prolog, text kept as text)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


@dataclass
class Table:
    """A table of records (one mapping per row); ``None`` cells are shown as suppressed."""

    title: str
    rows: Sequence[Mapping[str, Any]]
    columns: Sequence[str] | None = None
    note: str = ""

    def header(self) -> list[str]:
        """The column names: given, or those of the first row."""
        if self.columns is not None:
            return list(self.columns)
        return list(self.rows[0].keys()) if self.rows else []


@dataclass
class Chart:
    """A chart: a title and its SVG markup (see :func:`figure_svg`)."""

    title: str
    svg: str
    caption: str = ""


@dataclass
class Section:
    """A section of the page: a heading, paragraphs, charts and tables, in that order."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


# Columns shown as they are (a year is not a quantity: 2014, not 2 014).
RAW_COLUMNS = frozenset({"year", "month", "date", "seed", "code", "staff", "antenne"})


def _cell(value: Any, column: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) or (
        isinstance(value, int) and not isinstance(value, bool) and column not in RAW_COLUMNS
    ):
        return format_decimal(value, 2)
    return str(value)


def render_page(
    title: str,
    sections: Sequence[Section],
    *,
    summary: Mapping[str, Any] | None = None,
    generated: dt.datetime | None = None,
) -> str:
    """The HTML page for ``sections`` with a key-figures ``summary`` (label -> value)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.filters["slug"] = lambda s: re.sub(r"[^a-z0-9]+", "-", str(s).lower()).strip("-")
    template = env.get_template("report.html.j2")
    when = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return template.render(
        title=title,
        sections=sections,
        summary=dict(summary or {}),
        version=_vaekit.__version__,
        raw_columns=RAW_COLUMNS,
        generated=when.isoformat(),
    )


def write_page(path: str | os.PathLike[str], html: str) -> Path:
    """Write ``html`` to ``path`` atomically (temporary file, fsync, rename); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _vaekit.write_file_atomic(str(target), html)
    return target
