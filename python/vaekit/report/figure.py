"""Figures that show themselves in Jupyter without ``%matplotlib inline``.

The charts of :mod:`vaekit.report.plots` are built with ``matplotlib.figure.Figure`` (no pyplot:
no global state, no window, safe in threads). Such a figure has no canvas manager, and IPython
only knows how to show figures once pyplot is imported with the inline backend: a notebook cell
showed ``<Figure size 700x400 with 1 Axes>``. :class:`NotebookFigure` adds the IPython display
hook ``_repr_png_`` (and ``_repr_svg_``), so the figure is drawn wherever it is displayed.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["NotebookFigure"]


class NotebookFigure(Figure):
    """A matplotlib Figure that Jupyter displays as an image (PNG and SVG), pyplot or not."""

    def _render(self, fmt: str) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format=fmt, bbox_inches="tight")
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        """The figure as PNG bytes (IPython's display protocol)."""
        return self._render("png")

    def _repr_svg_(self) -> str:
        """The figure as SVG text (IPython's display protocol)."""
        return self._render("svg").decode("utf-8")
