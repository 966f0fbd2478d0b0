"""How vaekit's objects show in a notebook: ``_repr_html_`` of Table, PublishedReport, Plan, Case.

Jupyter calls ``_repr_html_`` to show the value of a cell. Each view is a small HTML table in
the language in use (:mod:`vaekit.i18n`, French by default): column headers and codes labelled,
a published report's withheld cells « s » and its totals rows « Total », at most
:data:`MAX_ROWS` rows (the first and last halves, with the number of rows left out). A case
shows its dated events (event, role, antenne, staff), never the free text of their data.
Attached to the compiled classes when :mod:`vaekit.core` is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from .._vaekit import Case, Plan, PublishedReport, Table
from ..i18n import format_decimal, label, pgettext

__all__ = ["MAX_ROWS", "case_html", "html_table", "plan_html", "published_html", "table_html"]

#: The most rows a notebook view shows (the first and last halves).
MAX_ROWS = 20

_STYLE = (
    "<style>.vaekit-table td.s{color:#777;font-style:italic;text-align:right}"
    ".vaekit-table tr.total td{font-weight:bold}"
    ".vaekit-table td.n{text-align:right}</style>"
)


def _label(kind: str, code: str) -> str:
    return label(kind, code)


def _head(column: str) -> str:
    text = label("column", column)
    return text[:1].upper() + text[1:]


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return format_decimal(value)
    return format_decimal(value, 2, trim=True)


def html_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    caption: str = "",
    classes: Sequence[Sequence[str]] | None = None,
    row_classes: Sequence[str] | None = None,
    max_rows: int = MAX_ROWS,
) -> str:
    """An HTML table of ``rows`` (texts and numbers) under the headers ``columns``.

    Numbers are formatted in the language in use and right-aligned; ``None`` is an empty cell.
    ``classes`` gives each cell's CSS class (``"s"``: a withheld cell), ``row_classes`` each
    row's (``"total"``). Beyond ``max_rows`` rows, the first and last halves are shown with a
    line saying how many rows are left out.
    """
    shown: Iterable[int] = range(len(rows))
    cut = len(rows) > max_rows
    if cut:
        half = max(1, max_rows // 2)
        shown = [*range(half), *range(len(rows) - half, len(rows))]
    parts = [_STYLE, '<table class="vaekit-table">']
    if caption:
        parts.append(f"<caption>{escape(caption)}</caption>")
    parts.append(
        "<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr></thead>"
    )
    parts.append("<tbody>")
    previous = -1
    for i in shown:
        if cut and i != previous + 1:
            left_out = _number(i - previous - 1)
            words = pgettext("workbook", "rows left out")
            parts.append(
                f'<tr><td colspan="{len(columns)}">… {escape(left_out)} {escape(words)} …</td></tr>'
            )
        previous = i
        row_class = row_classes[i] if row_classes else ""
        parts.append(f'<tr class="{row_class}">' if row_class else "<tr>")
        for j, value in enumerate(rows[i]):
            cls = classes[i][j] if classes else ""
            if isinstance(value, int | float) and not isinstance(value, bool):
                text, cls = _number(value), cls or "n"
            else:
                text = "" if value is None else str(value)
            parts.append(
                f'<td class="{cls}">{escape(text)}</td>' if cls else f"<td>{escape(text)}</td>"
            )
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def table_html(table: Table, *, max_rows: int = MAX_ROWS) -> str:
    """The notebook view of a :class:`vaekit.Table`: labelled headers, at most ``max_rows`` rows.

    A Table alone cannot tell a withheld cell from a missing value: both are empty here (the
    view of the published report shows « s »).
    """
    columns = list(table.columns)
    data = table.to_dict()
    rows = list(zip(*(data[c] for c in columns), strict=True)) if columns else []
    caption = f"{table.name} — {_number(len(table))} " + pgettext("workbook", "rows")
    return html_table([_head(c) for c in columns], rows, caption=caption, max_rows=max_rows)


def published_html(published: PublishedReport, *, max_rows: int = MAX_ROWS) -> str:
    """The notebook view of a :class:`vaekit.PublishedReport`: period and method, then each table.

    Withheld cells show « s », the totals rows « Total » (from :mod:`vaekit.report.cells`).
    """
    from ..report.cells import SUPPRESSED, published_tables
    from ..report.words import about_rows, cell_text, header, sheet_title

    about = about_rows(published)
    parts = [
        "<div>",
        html_table(
            [pgettext("workbook", "Item"), pgettext("workbook", "Value")],
            [[k, v] for k, v in about],
            caption=sheet_title("about"),
        ),
    ]
    for table in published_tables(published):
        rows: list[list[Any]] = []
        classes: list[list[str]] = []
        row_classes: list[str] = []
        for i, row in enumerate(table.rows):
            total = i in table.totals
            named = dict(zip(table.columns, row, strict=True))
            cells: list[Any] = []
            cls: list[str] = []
            for j, (column, value) in enumerate(zip(table.columns, row, strict=True)):
                if value is SUPPRESSED:
                    cells.append("s")
                    cls.append("s")
                    continue
                if value is None and total and j == table.total_column:
                    cells.append(pgettext("workbook", "Total"))
                elif isinstance(value, str):
                    cells.append(cell_text(table.name, column, value, named))
                else:
                    cells.append(value)
                cls.append("")
            rows.append(cells)
            classes.append(cls)
            row_classes.append("total" if total else "")
        parts.append(
            html_table(
                [header(c) for c in table.columns],
                rows,
                caption=sheet_title(table.name),
                classes=classes,
                row_classes=row_classes,
                max_rows=max_rows,
            )
        )
    parts.append("</div>")
    return "".join(parts)


def plan_html(plan: Plan, *, max_rows: int = MAX_ROWS) -> str:
    """The notebook view of a :class:`vaekit.Plan`: objective, proven bound, its sessions."""
    sessions = pgettext("workbook", "sessions")
    objective = pgettext("workbook", "objective")
    bound = pgettext("workbook", "proven bound")
    head = (
        f"<p>{escape(_number(len(plan)))} {escape(sessions)}; "
        f"{escape(objective)} {escape(_number(float(plan.objective)))}, "
        f"{escape(bound)} {escape(_number(float(plan.bound)))}</p>"
    )
    return f"<div>{head}{table_html(plan.to_table(), max_rows=max_rows)}</div>"


def case_html(case: Case, *, max_rows: int = MAX_ROWS) -> str:
    """The notebook view of a :class:`vaekit.Case`: its stage and its dated events.

    The events' data (which may hold free text) are left out.
    """
    case_word = pgettext("workbook", "Case")
    stage_word = pgettext("workbook", "stage")
    head = (
        f"<p><b>{escape(case_word)} {escape(case.id)}</b> — {escape(stage_word)}: "
        f"{escape(_label('stage', case.stage))}</p>"
    )
    rows = [
        [
            e.at,
            _label("event", e.event),
            _label("role", e.role),
            e.antenne,
            e.staff,
        ]
        for e in case.events
    ]
    columns = [
        pgettext("workbook", "date"),
        pgettext("workbook", "event"),
        pgettext("workbook", "role"),
        _head("antenne"),
        pgettext("workbook", "staff"),
    ]
    return f"<div>{head}{html_table(columns, rows, max_rows=max_rows)}</div>"


def _attach() -> None:
    for cls, view in ((Table, table_html), (PublishedReport, published_html)):
        setattr(cls, "_repr_html_", view)  # noqa: B010 (not in the generated stubs)
    setattr(Plan, "_repr_html_", plan_html)  # noqa: B010
    setattr(Case, "_repr_html_", case_html)  # noqa: B010


_attach()
