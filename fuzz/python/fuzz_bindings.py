"""Atheris fuzzing through the Python bindings: faults that only appear at the binding layer.

Targets (the first argument names one; the rest go to libFuzzer, e.g. ``-max_total_time=60``)::

    records    EventLog.from_records / from_pandas with arbitrary Python values
    documents  every document class's from_json with arbitrary bytes and text
    eventlog   EventLog.parse, read_event_log and read_case_states (the CLI's readers)

Run: ``PYTHONPATH=build/ci/python python fuzz/python/fuzz_bindings.py records -max_total_time=60``.
Anything but a vaekit.Error (or an argparse-free TypeError for a wrong argument type) is a bug:
UnicodeDecodeError, RuntimeError, AttributeError, a crash.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

import atheris

with atheris.instrument_imports():
    import vaekit

_DOCUMENTS = [
    getattr(vaekit, n)
    for n in sorted(dir(vaekit))
    if isinstance(getattr(vaekit, n), type)
    and callable(getattr(getattr(vaekit, n), "from_json", None))
]
_TMP = os.path.join(tempfile.gettempdir(), f"vaekit-atheris-{os.getpid()}.jsonl")


def _value(fdp: Any, depth: int = 0) -> Any:
    """An arbitrary Python value of the shapes records take (dicts, lists, scalars, junk)."""
    kind = fdp.ConsumeIntInRange(0, 8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeInt(8)
    if kind == 2:
        return fdp.ConsumeRegularFloat()
    if kind == 3:
        return fdp.ConsumeUnicode(24)
    if kind == 4:
        return fdp.ConsumeBool()
    if kind == 5:
        return fdp.ConsumeBytes(8)
    if kind == 6:
        return [_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 3))]
    keys = ["case", "at", "event", "role", "antenne", "staff", "certification", "data", "reason"]
    out = {}
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        key = (
            keys[fdp.ConsumeIntInRange(0, len(keys) - 1)]
            if fdp.ConsumeBool()
            else fdp.ConsumeUnicode(6)
        )
        out[key] = _value(fdp, depth + 1)
    return out


def records(data: bytes) -> None:
    """EventLog.from_records: every record accepted or rejected, only vaekit errors raised."""
    fdp = atheris.FuzzedDataProvider(data)
    recs = [_value(fdp) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    log = vaekit.EventLog.from_records(recs, strict=False)
    if len(log) + len(log.rejects) != len(recs):
        raise AssertionError("records in != accepted + rejected")
    try:
        vaekit.EventLog.from_records(recs, strict=True)
    except vaekit.Error:
        pass


def documents(data: bytes) -> None:
    """Every from_json: a value or a vaekit.Error, for bytes and for the text they decode to."""
    if not data:
        return
    cls = _DOCUMENTS[data[0] % len(_DOCUMENTS)]
    body = data[1:]
    for arg in (body, body.decode("utf-8", "replace")):
        try:
            cls.from_json(arg)
        except vaekit.Error as e:
            str(e).encode("utf-8")  # every message is valid UTF-8


def eventlog(data: bytes) -> None:
    """The event-log readers on text and on a file with these bytes."""
    try:
        log = vaekit.EventLog.parse(data, strict=False)
        for r in log.rejects:
            str(r).encode("utf-8")
    except vaekit.Error:
        pass
    with open(_TMP, "wb") as f:
        f.write(data)
    for read in (vaekit.read_event_log, vaekit.read_case_states):
        try:
            read(_TMP, strict=False)
        except vaekit.Error as e:
            str(e).encode("utf-8")


TARGETS = {"records": records, "documents": documents, "eventlog": eventlog}


def main() -> None:
    """Fuzz the target named by the first argument."""
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
