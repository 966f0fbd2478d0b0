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

from .. import _vaekit, i18n
from .plots import SUPPRESSED_MARK

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "Chart",
    "CountRate",
    "Rate",
    "Section",
    "Table",
    "figure_svg",
    "render_page",
    "write_page",
]


def figure_svg(fig: Figure) -> str:
    """The figure as inline SVG markup (no XML prolog, text kept as text)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg")  # the figures set their own margins (one draw, not two)
    svg = buf.getvalue()
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


class Rate(float):
    """A share in [0, 1] shown as a percentage in a table cell (« 45,2 % »)."""


@dataclass(frozen=True)
class CountRate:
    """A count and its rate in one cell (« 235 (52,9 %) »); a withheld rate is left out."""

    count: int
    rate: float | None

    def __str__(self) -> str:
        text = i18n.format_decimal(self.count)
        if self.rate is None:
            return text
        return f"{text} ({i18n.format_percent(self.rate, decimals=1)})"


@dataclass
class Table:
    """A table of records (one mapping per row); ``None`` cells are shown as suppressed « s ».

    ``labels`` maps a column key to the header a reader sees (from the message catalog); a
    column without one is shown by its key (a code, in ``<code>``). The values of the ``codes``
    columns are codes (metric names...), shown in ``<code>``.
    """

    title: str
    rows: Sequence[Mapping[str, Any]]
    columns: Sequence[str] | None = None
    note: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    codes: Sequence[str] = ()

    def header(self) -> list[str]:
        """The column keys: given, or those of the first row."""
        if self.columns is not None:
            return list(self.columns)
        return list(self.rows[0].keys()) if self.rows else []

    def label(self, column: str) -> str:
        """The header shown for ``column``."""
        return self.labels.get(column, column)


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
        return SUPPRESSED_MARK
    if isinstance(value, CountRate):
        return str(value)
    if isinstance(value, Rate):
        return i18n.format_percent(float(value), decimals=1)
    if isinstance(value, bool):
        return i18n._("yes") if value else i18n._("no")
    if isinstance(value, int) and column not in RAW_COLUMNS:
        return i18n.format_decimal(value)
    if isinstance(value, float):
        return i18n.format_decimal(value, 2 if abs(value) < 10 else 1)
    return str(value)


def render_page(
    title: str,
    sections: Sequence[Section],
    *,
    summary: Mapping[str, Any] | None = None,
    generated: dt.datetime | None = None,
    header_lines: Sequence[str] = (),
    banner: str = "",
) -> str:
    """The HTML page for ``sections`` with a key-figures ``summary`` (label -> value).

    ``header_lines`` are shown under the title (the period covered, the disclosure method);
    ``banner`` is a warning shown above everything (e.g. simulated data). The words of the frame
    (navigation, footer, legend of « s ») come from the message catalog, in the current language.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.tests["countrate"] = lambda v: isinstance(v, CountRate)
    env.filters["slug"] = lambda s: re.sub(r"[^a-z0-9]+", "-", str(s).lower()).strip("-")
    template = env.get_template("report.html.j2")
    when = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return template.render(
        title=title,
        sections=sections,
        summary=dict(summary or {}),
        version=_vaekit.__version__,
        raw_columns=RAW_COLUMNS,
        lang=i18n.language(),
        header_lines=list(header_lines),
        banner=banner,
        mark=SUPPRESSED_MARK,
        t={
            "generated": i18n._("Generated by vaekit {version} on {date}").format(
                version=_vaekit.__version__, date=i18n.format_date(when.date())
            ),
            "contents": i18n._("Contents"),
            "footer": i18n._(
                "Figures computed from the event log by vaekit {version}; cells marked « s » are "
                "withheld by disclosure control (statistical confidentiality), never counted as 0."
            ).format(version=_vaekit.__version__),
            "suppressed": i18n._("withheld (statistical confidentiality)"),
        },
    )


def write_page(path: str | os.PathLike[str], html: str) -> Path:
    """Write ``html`` to ``path`` atomically (temporary file, fsync, rename); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _vaekit.write_file_atomic(str(target), html)
    return target
