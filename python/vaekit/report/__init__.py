"""The report a user reads: the self-contained HTML page, its charts and its template.

:mod:`vaekit.report.page` builds the page of the main job, :mod:`vaekit.report.html` renders a page
from sections (jinja2, inline SVG), :mod:`vaekit.report.plots` draws the charts (matplotlib). They
import pandas, matplotlib and jinja2 where used (``pip install vaekit[report]``).
"""
