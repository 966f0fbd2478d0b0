"""Atheris fuzzing of the France VAE status-history import (vaekit.pathway.import_france_vae).

The input is the CSV's bytes: half the time after a valid header (so the rows are reached), else
raw. Anything but a vaekit.Error is a bug (UnicodeDecodeError, IndexError, a crash), and so is
a result whose counts do not add up or whose log does not replay through the transition table.

Run: ``PYTHONPATH=build/ci/python python fuzz/python/fuzz_france_vae.py -max_total_time=60``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import vaekit
    from vaekit.pathway.france_vae import import_france_vae

_HEADER = (
    b"candidacy_id,status,created_at,is_active,type_accompagnement,exam_result,archiving_reason\n"
)


def one(data: bytes) -> None:
    """One input: the import gives a result whose counts add up, or a vaekit.Error."""
    fdp = atheris.FuzzedDataProvider(data)
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    source = _HEADER + body if body[:1] and body[0] % 2 else body
    try:
        result = import_france_vae(source)
    except vaekit.Error:
        return
    if result.rows_read != result.rows_accepted + result.rows_rejected:
        raise AssertionError("rows_read != accepted + rejected")
    text = "".join(e.to_json() + "\n" for e in result.log.events())
    if vaekit.parse_case_states(text, strict=False).rejects:
        raise AssertionError("the log does not replay")


def main() -> None:
    """Fuzz the import."""
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
