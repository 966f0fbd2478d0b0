"""Demo step: the activity report of the shipped example event log, with disclosure control.

Writes ``out_dir/report.json`` and the four tables as CSV; prints the headline figures. Staff
are named by keyed pseudonym (:func:`demo_key`), as in every published report.
"""

from __future__ import annotations

import os
import pathlib
import secrets

from .._data import example_data
from .._vaekit import EventLog, PseudonymKey
from ..i18n import format_decimal, pgettext
from ..report import summary_lines

_KEY_ENV = "VAEKIT_PSEUDONYM_KEY"


def demo_key() -> tuple[PseudonymKey, str]:
    """The demo's pseudonym key and a sentence saying where it comes from.

    The key of ``VAEKIT_PSEUDONYM_KEY`` when that is set (stable pseudonyms across runs), else a
    fresh random 32-byte key that is never written anywhere (pseudonyms differ at each run).
    """
    if os.environ.get(_KEY_ENV):
        return (
            PseudonymKey.from_env(_KEY_ENV),
            pgettext("demo", "staff named by keyed pseudonym (key read from {variable})").format(
                variable=_KEY_ENV
            ),
        )
    return (
        PseudonymKey(secrets.token_bytes(32)),
        pgettext(
            "demo",
            "staff named by keyed pseudonym (a random key generated for this run and not kept; "
            "set {variable} for stable pseudonyms)",
        ).format(variable=_KEY_ENV),
    )


def _example_log() -> pathlib.Path:
    """The shipped example event log (see :func:`vaekit._data.example_data`)."""
    return example_data("analytics") / "eventlog.jsonl"


def run(out_dir: pathlib.Path) -> list[str]:
    """Computes the report of the example log, writes it under ``out_dir``; returns the lines."""
    log = EventLog.read(_example_log())
    key, key_note = demo_key()
    report = log.report(threshold=11, key=key).publish()  # cell-key noise + suppression under 11
    out_dir.mkdir(parents=True, exist_ok=True)
    report.write(out_dir)
    lines = [
        pgettext("demo", "analytics: {events} events, {cases} cases -> {path}").format(
            events=format_decimal(len(log)),
            cases=format_decimal(log.case_count),
            path=out_dir / "report.json",
        )
    ]
    lines += [f"  {line}" for line in summary_lines(report)]
    lines.append(f"  {key_note}")
    return lines
