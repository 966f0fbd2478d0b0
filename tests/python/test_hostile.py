"""Hostile input through the Python bindings and the command line (issue 11, sections 2 and 3).

Deep nesting, duplicate keys, invalid UTF-8, folders and empty files, symlink loops, non-dict
records, out-of-range numbers on the command line: each gives a vaekit.Error (or an argparse usage
error), never a crash, a UnicodeDecodeError, a RuntimeError or a traceback; no message quotes a
personal field.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit

DEEP_ARRAYS = "[" * 200_000 + "]" * 200_000
DEEP_OBJECTS = '{"a":' * 150_000 + "1" + "}" * 150_000
PII = "Marie DUPONT 06 12 34 56 78"


def _document_classes() -> list[Any]:
    """Every class of vaekit with a static from_json (the schema-tagged documents)."""
    out = []
    for name in sorted(dir(vaekit)):
        cls = getattr(vaekit, name)
        if isinstance(cls, type) and callable(getattr(cls, "from_json", None)):
            out.append(cls)
    return out


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaekit", *args], capture_output=True, text=True, timeout=300
    )


def test_there_are_document_readers_to_loop_over() -> None:
    names = {c.__name__ for c in _document_classes()}
    assert {"Programme", "Plan", "FrenchCalendar", "Scenario"} <= names
    assert len(names) >= 15


@pytest.mark.parametrize("text", [DEEP_ARRAYS, DEEP_OBJECTS], ids=["arrays", "objects"])
def test_every_document_reader_refuses_deep_nesting(text: str) -> None:
    # Issue 11: '[' * 200000 + ']' * 200000 segfaulted every document reader.
    for cls in _document_classes():
        with pytest.raises(vaekit.ParseError) as info:
            cls.from_json(text)
        assert "nested deeper than" in str(info.value), cls.__name__


@pytest.mark.parametrize("text", [DEEP_ARRAYS, DEEP_OBJECTS], ids=["arrays", "objects"])
def test_the_event_log_refuses_deep_nesting(text: str) -> None:
    good = '{"case":"C1","at":"2024-01-02","event":"received","role":"assistant"}'
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.EventLog.parse(good + "\n" + text, strict=True)
    assert info.value.line == 2
    log = vaekit.EventLog.parse(good + "\n" + text + "\n" + good, strict=False)
    assert len(log) == 2
    assert [r.line for r in log.rejects] == [2]


def test_duplicate_keys_are_refused_in_documents_and_event_lines() -> None:
    line = '{"case":"C1","at":"2024-01-02","event":"received","role":"assistant","case":"C2"}'
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.EventLog.parse(line, strict=True)
    assert info.value.field == "case"
    log = vaekit.EventLog.parse(line, strict=False)
    assert len(log) == 0 and len(log.rejects) == 1
    dup_data = (
        '{"case":"C1","at":"2024-01-02","event":"oriented","role":"counsellor",'
        '"data":{"to":"vae","to":"vap"}}'
    )
    log = vaekit.EventLog.parse(dup_data, strict=False)
    assert len(log) == 0 and log.rejects[0].field == "data.to"
    # A second "schema" in a header is refused too.
    header = '{"schema":"EventLog.1","schema":"EventLog.2"}\n'
    with pytest.raises(vaekit.ParseError):
        vaekit.EventLog.parse(header, strict=True)
    cal = json.loads(vaekit.FrenchCalendar().to_json())
    text = json.dumps(cal)[:-1] + ', "schema": "FrenchCalendar.1"}'
    with pytest.raises(vaekit.ParseError):
        vaekit.FrenchCalendar.from_json(text)


def test_invalid_utf8_is_a_parse_error_with_file_and_line(tmp_path: Path) -> None:
    # Issue 11: raw bytes in the message made Python raise UnicodeDecodeError.
    path = tmp_path / "bad.jsonl"
    good = b'{"case":"C1","at":"2024-01-02","event":"received","role":"assistant"}\n'
    bad = b'{"case":"C\xff\xfe","at":"2024-01-02","event":"received","role":"assistant"}\n'
    path.write_bytes(good + bad)
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.read_event_log(str(path), strict=True)
    assert info.value.source == str(path) and info.value.line == 2
    str(info.value).encode("utf-8")  # valid UTF-8
    log = vaekit.read_event_log(str(path), strict=False)
    assert len(log) == 1 and len(log.rejects) == 1
    str(log.rejects[0]).encode("utf-8")
    repr(log.rejects[0]).encode("utf-8")
    with pytest.raises(vaekit.ParseError):
        vaekit.FrenchCalendar.from_json(b'{"schema":"FrenchCalendar.1","region":"m\xe9tro"}')


def test_no_message_quotes_a_free_text_field() -> None:
    lines = [
        '{"case":"C1","data":{"reason":"' + PII + '\x01"}}',
        '{"case":"C1","data":{"reason":"' + PII,
        '{"case":"C1","at":"2024-01-02","event":"dropped_out","role":"assistant",'
        '"data":{"reason":"' + PII + '"},',
        '{"case":"C1","data":{"reason":"' + PII + '\\q"}}',
    ]
    for line in lines:
        with pytest.raises(vaekit.ParseError) as info:
            vaekit.EventLog.parse(line, strict=True)
        assert "DUPONT" not in str(info.value) and "06 12" not in str(info.value)
        log = vaekit.EventLog.parse(line, strict=False)
        assert "DUPONT" not in str(log.rejects[0])


def test_a_100_mb_unterminated_string_gives_a_short_message() -> None:
    text = '{"schema":"FrenchCalendar.1","region":"' + "x" * (100 << 20)
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.FrenchCalendar.from_json(text)
    assert len(str(info.value)) < 300


def test_a_folder_an_empty_file_and_a_symlink_loop(tmp_path: Path) -> None:
    with pytest.raises(vaekit.IoError) as folder:
        vaekit.read_event_log(str(tmp_path))
    assert folder.value.errno == errno.EISDIR
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for read in (vaekit.read_event_log, vaekit.read_case_states, vaekit.EventLog.read):
        with pytest.raises(vaekit.ParseError, match="empty file"):
            read(str(empty))
    loop = tmp_path / "loop.jsonl"
    os.symlink(loop, loop)
    with pytest.raises(vaekit.IoError) as info:
        vaekit.read_event_log(str(loop))
    assert info.value.errno == errno.ELOOP


def test_io_error_has_its_errno_and_message(tmp_path: Path) -> None:
    # Issue 11: str(vaekit.IoError(...)) read "[Errno None] None: 'path'".
    missing = tmp_path / "absent.jsonl"
    with pytest.raises(vaekit.IoError) as info:
        vaekit.read_event_log(str(missing))
    e = info.value
    assert isinstance(e, OSError) and isinstance(e, vaekit.Error)
    assert e.errno == errno.ENOENT
    assert e.filename == str(missing)
    assert e.path == str(missing)
    assert "No such file" in e.strerror
    assert "None" not in str(e) and str(missing) in str(e)


@pytest.mark.parametrize("bad", [1, "text", None, [1, 2], object()])
def test_from_records_with_a_non_dict_is_a_vaekit_error(bad: Any) -> None:
    good = {"case": "C1", "at": "2024-01-02", "event": "received", "role": "assistant"}
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.EventLog.from_records([good, bad])
    assert info.value.line == 2
    log = vaekit.EventLog.from_records([good, bad, good], strict=False)
    assert len(log) == 2 and [r.line for r in log.rejects] == [2]


def test_from_records_with_unserialisable_values_is_a_reject() -> None:
    good = {"case": "C1", "at": "2024-01-02", "event": "received", "role": "assistant"}
    bad = dict(good, data={"reason": object()})
    surrogate = dict(good, case="\ud800")
    log = vaekit.EventLog.from_records([good, bad, surrogate], strict=False)
    assert len(log) == 1 and len(log.rejects) == 2


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(),
            st.text(),
            st.dictionaries(
                st.text(max_size=8),
                st.recursive(st.none() | st.text(max_size=4), lambda c: st.lists(c, max_size=3)),
            ),
        ),
        max_size=5,
    )
)
def test_from_records_never_raises_anything_but_vaekit_errors(records: list[Any]) -> None:
    # Law: every record is accepted or rejected (lenient), nothing else is raised.
    log = vaekit.EventLog.from_records(records, strict=False)
    assert len(log) + len(log.rejects) == len(records)


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "x.jsonl", "--threshold", "1e20"],
        ["report", "x.jsonl", "--threshold", "100000000000000000000"],
        ["report", "x.jsonl", "--threshold", "-1"],
        ["simulate", "--seed", "-1"],
        ["simulate", "--seed", str(2**64)],
        ["simulate", "--counsellors", "0"],
        ["registry", "search", "x.csv", "q", "--limit", "-1"],
        ["calendar", "99999999999"],
    ],
)
def test_out_of_range_numbers_are_usage_errors(argv: list[str]) -> None:
    from vaekit import cli

    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2  # argparse's usage error, no traceback


def test_cli_on_hostile_logs_exits_1_not_139(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonl"
    deep.write_text(DEEP_ARRAYS + "\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for args in (
        ["cases", "validate", str(deep)],
        ["cases", "validate", str(empty)],
        ["cases", "validate", str(tmp_path)],
        ["programme", "validate", str(deep)],
    ):
        res = _run_cli(*args)
        assert res.returncode == 1, (args, res.returncode, res.stderr[-500:])
        assert "Traceback" not in res.stderr
        assert res.stderr.startswith("vaekit : erreur [")


@pytest.mark.parametrize("target", ["records", "documents", "eventlog"])
def test_a_short_atheris_run_through_the_bindings_finds_nothing(target: str) -> None:
    pytest.importorskip("atheris")
    script = Path(__file__).resolve().parents[2] / "fuzz" / "python" / "fuzz_bindings.py"
    res = subprocess.run(
        [sys.executable, str(script), target, "-runs=400", "-max_len=4096", "-seed=1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-3000:]


def test_cli_on_a_document_that_is_not_utf8(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(b'{"schema":"Plan.1","name":"M\xe9tro"}')
    res = _run_cli("programme", "validate", str(plan))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "[parse]" in res.stderr and "pas en UTF-8 valide" in res.stderr


@pytest.mark.parametrize("first", [{"schema": []}, {"schema": "Foo"}, {"schema": "EventLog.9"}])
def test_from_records_bad_header_like_record_is_a_reject(first: dict[str, Any]) -> None:
    # Found by the law above on a fresh clone: a first record with "schema" was read as the
    # file's header and a bad one failed the whole read, even lenient.
    log = vaekit.EventLog.from_records([first, {"case": "C1"}], strict=False)
    assert len(log) + len(log.rejects) == 2
    with pytest.raises(vaekit.Error):
        vaekit.EventLog.from_records([first], strict=True)
