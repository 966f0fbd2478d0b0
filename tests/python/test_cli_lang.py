"""The command line in French by default, in English with ``--lang en`` (issue 14).

Every word the command prints comes from the message catalog (``vaekit.i18n``, the ``cli.po`` of
each language): its output lines, ``--help`` of every command and argument, argparse's own words
("usage", its usage errors), error messages (one sentence per stable code, the location labels),
the demo's step lines and the report's summary lines. The checks:

- a walk of the parser tree: every action has a help line, plain text (no reStructuredText
  markup), French by default and English with ``--lang en``;
- a few commands' output in both languages (numbers grouped by Babel's rules: « 10 357 »);
- an error in each language keeping its stable code, with the location labelled in that language;
- no English word in French output: the English words are those of the catalog's msgids that no
  French translation uses (so the list follows the catalog);
- every message the code looks up (found in the source by its ``_``/``pgettext`` calls) is
  translated in French, with no placeholder that the English does not have;
- the progress bars draw on standard error only, only on a terminal, never with ``--quiet``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit import cli
from vaekit.i18n import use_language

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(vaekit.__file__).resolve().parent
CATALOG = PACKAGE / "i18n" / "locale"

# The files whose messages are in cli.po.
SOURCES = (
    "cli/__init__.py",
    "demo/__init__.py",
    "demo/analytics.py",
    "demo/pathway.py",
    "demo/registry.py",
    "demo/training.py",
    "demo/training_records.py",
    "report/__init__.py",
    "analytics/tabular.py",
)


def _po(lang: str) -> dict[tuple[str | None, str], str]:
    """The cli.po of ``lang`` as {(context, msgid): msgstr}."""
    from babel.messages.pofile import read_po

    with (CATALOG / lang / "LC_MESSAGES" / "cli.po").open("rb") as f:
        return {(m.context, str(m.id)): str(m.string) for m in read_po(f) if m.id}


def _used_messages() -> list[tuple[str | None, str]]:
    """Every (context, msgid) the cli area's code looks up with a literal.

    ``_`` (gettext, no context) and ``pgettext`` as Babel's extractor reads them, and the
    import's ``_reason`` (context "import reject"), which Babel's extractor does not know.
    """
    found: list[tuple[str | None, str]] = []
    for rel in SOURCES:
        tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            text = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                    for a in args]  # fmt: skip
            if node.func.id == "_" and text and text[0] is not None:
                found.append((None, text[0]))
            elif node.func.id == "_reason" and text and text[0] is not None:
                found.append(("import reject", text[0]))
            elif node.func.id == "note" and text and text[0] is not None:  # import stages
                found.append(("import stage", text[0]))
            elif node.func.id == "pgettext" and len(text) == 2 and None not in text:
                found.append((text[0], str(text[1])))
    return found


_WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+")


def _words(text: str) -> set[str]:
    """The lower-case words of ``text``, placeholders and %-formats removed."""
    text = re.sub(r"\{[a-z_]*\}|%\([a-z_]+\)[sr]|%[sr]", " ", text)
    return {w.lower().strip("'’") for w in _WORD.findall(text)} - {""}


def _english_words() -> set[str]:
    """Words of the English msgids that no French translation of the catalog uses."""
    fr = _po("fr")
    english = set().union(*(_words(msgid) for _, msgid in fr))
    french = set().union(*(_words(text) for text in fr.values()))
    # Words both languages write (names of things, of formats, Latin abbreviations).
    shared = {"vaekit", "csv", "json", "xlsx", "sqlite", "postgresql", "url", "cbc", "ok", "e"}
    return english - french - shared


def _plain_words(text: str) -> set[str]:
    """The words of output text, leaving out what is not language: paths, codes, options."""
    kept = []
    for token in text.split():
        token = token.strip("[](){},;:«»|")
        # File names and paths, codes (oriented_vae, RNCP36004), options (--lang), URLs.
        if re.search(r"[/\\._=\d]|^-|://", token):
            continue
        kept.append(token)
    return _words(" ".join(kept))


def assert_french(text: str, codes: frozenset[str] = frozenset()) -> None:
    """No English word of the catalog in ``text`` (a test of French output) but ``codes``."""
    leaked = sorted(_plain_words(text) & _english_words() - codes)
    assert not leaked, f"English words in French output: {leaked}\n{text[:3000]}"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``vaekit ARGV`` in this process: (exit status, stdout, stderr)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse: --help, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VAEKIT_LANG", raising=False)


# ---------------------------------------------------------------------------- the catalog
def test_every_message_of_the_code_is_translated_in_french() -> None:
    fr = _po("fr")
    used = _used_messages()
    assert len(used) > 150  # the extraction finds the messages (not an empty walk)
    missing = [key for key in used if not fr.get(key)]
    assert missing == [], missing
    # A translation uses no placeholder the English does not give (str.format would fail).
    names = re.compile(r"\{([a-z_]*)\}")
    for (context, msgid), text in fr.items():
        assert set(names.findall(text)) <= set(names.findall(msgid)), (context, msgid)


def test_the_english_word_check_catches_english() -> None:
    # The check itself: an English line fails it, its French translation passes.
    with pytest.raises(AssertionError):
        assert_french("working days: 252")
    assert_french("jours ouvrés : 252")


# ------------------------------------------------------------------------------- the help
def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _parsers(child)
    return found


def _helps(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """(where, help) of every action of every parser, sub-command choices included."""
    out = []
    for p in _parsers(parser):
        for action in p._actions:
            name = "/".join(action.option_strings) or action.dest
            out.append((f"{p.prog} {name}", action.help or ""))
            if isinstance(action, argparse._SubParsersAction):
                out += [(f"{p.prog} {c.dest}", c.help or "") for c in action._choices_actions]
    return out


def test_every_argument_has_a_plain_text_help_line_in_french_by_default() -> None:
    # The names of the commands and their choices are codes, the same in both languages.
    names = {p.prog.split()[-1] for p in _parsers(cli.build_parser())}
    names |= {"metropolitan", "suppression", "xes", "ocel"}
    codes = frozenset(names)
    with use_language("fr"):
        fr = _helps(cli.build_parser())
        pages_fr = [p.format_help() for p in _parsers(cli.build_parser())]
    with use_language("en"):
        en = _helps(cli.build_parser())
    assert len(fr) == len(en) > 100
    for (where, text), (_, english) in zip(fr, en):
        assert text.strip(), f"{where}: no help line"
        assert "``" not in text and ":class:" not in text and ":func:" not in text, where
        assert_french(text, codes)
        # French by default: the line is the catalog's translation (a few are the same words).
        if text == english:
            assert len(_plain_words(text)) <= 2, f"{where}: not translated: {text!r}"
    assert sum(a != b for (_, a), (_, b) in zip(fr, en)) > 0.9 * len(fr)
    for page in pages_fr:
        assert page.startswith("usage : vaekit")
        assert "``" not in page and ":class:" not in page
        assert "show this help" not in page and "positional arguments" not in page
        assert_french(page, codes)


def test_help_in_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--lang", "en", "report", "--help")
    assert code == 0
    assert out.startswith("usage: vaekit report")
    assert "disclosure threshold (default 11)" in out and "show this help and exit" in out
    code, out, _ = _run(capsys, "report", "--help")
    assert code == 0
    assert out.startswith("usage : vaekit report")
    assert "seuil de secret statistique (par défaut 11)" in out
    assert "afficher cette aide et quitter" in out and "arguments positionnels" in out


# ----------------------------------------------------------------------------- the output
def test_calendar_in_french_by_default_and_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    # 2024: 366 days - 104 weekend days - 10 holidays on a weekday = 252 (domain.md, calendar).
    code, out, _ = _run(capsys, "calendar", "2024")
    assert code == 0
    assert "2024-05-20  lundi      Lundi de Pentecôte" in out
    assert "jours ouvrés : 252" in out
    assert_french(out)
    code, out, _ = _run(capsys, "--lang", "en", "calendar", "2024")
    assert code == 0
    assert "2024-05-20  monday     Lundi de Pentecôte" in out and "working days: 252" in out
    code, out, _ = _run(capsys, "--lang=en", "calendar", "2024")
    assert "working days: 252" in out


def test_vaekit_lang_chooses_the_language_and_lang_overrides_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAEKIT_LANG", "en")
    assert "working days: 252" in _run(capsys, "calendar", "2024")[1]
    assert "jours ouvrés : 252" in _run(capsys, "--lang", "fr", "calendar", "2024")[1]
    monkeypatch.setenv("VAEKIT_LANG", "xx")  # an unknown language: the default
    assert "jours ouvrés : 252" in _run(capsys, "calendar", "2024")[1]
    with use_language("en"):  # a Python caller's language, unless --lang says otherwise
        assert "working days: 252" in _run(capsys, "calendar", "2024")[1]
        assert "jours ouvrés : 252" in _run(capsys, "--lang", "fr", "calendar", "2024")[1]


def test_the_language_is_restored_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    from vaekit.i18n import language

    before = language()
    _run(capsys, "--lang", "en", "calendar", "2024")
    assert language() == before


def _log(tmp_path: Path, n: int) -> Path:
    """``n`` people received at antenne A in March 2024 (one event each)."""
    lines = [json.dumps({"schema": "EventLog.1"})]
    lines += [
        json.dumps(
            {
                "case": f"C{i}",
                "at": "2024-03-01",
                "event": "received",
                "role": "assistant",
                "antenne": "A",
                "staff": "S1",
                "data": {"channel": "walk_in"},
            }
        )
        for i in range(n)
    ]
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_report_and_validate_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = _log(tmp_path, 1203)
    argv = ("report", str(log), "--no-pseudonyms", "--threshold", "0", "--out", str(tmp_path))
    code, out, _ = _run(capsys, *argv)
    assert code == 0, out
    # 1 203 events, grouped by Babel's fr_FR rule (a narrow no-break space, U+202F).
    assert "log.jsonl : 1\u202f203 événements" in out
    assert "cohorte 2024 : accueillis 1\u202f203" in out
    assert "identifiants EN CLAIR" in out
    assert_french(out)
    code, out, _ = _run(capsys, "--lang", "en", *argv)
    assert code == 0
    assert "log.jsonl: 1,203 events" in out and "cohort 2024: received 1,203" in out
    assert "RAW identifiers" in out

    code, out, _ = _run(capsys, "cases", "validate", str(log))
    assert code == 0
    assert "1\u202f203 enregistrements, 1\u202f203 événements acceptés, 0 rejetés" in out
    assert_french(out)
    code, out, _ = _run(capsys, "--lang", "en", "cases", "validate", str(log))
    assert "1,203 records, 1,203 events accepted, 0 rejected" in out


def test_import_rejects_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = ROOT / "examples" / "data" / "import"
    if not (example / "antenne-2024.csv").is_file():
        pytest.skip("examples/data/import not in this tree")
    pytest.importorskip("pyarrow")
    argv = [
        "import",
        str(example / "antenne-2024.csv"),
        "--mapping",
        str(example / "mapping.json"),
        "-o",
        str(tmp_path / "log.jsonl"),
    ]
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    # The example's hand-worked rejects (tests/python/test_import_table.py): row 43 has a
    # 31 February, row 122 repeats row 121's case number.
    assert "200 lignes lues, 193 acceptées, 7 rejetées" in out
    assert '"31/02/2024" n\'est pas une date écrite dd/mm/yyyy' in out
    assert "dossier déjà présent ligne 121" in out
    code, out, _ = _run(capsys, "--lang", "en", *argv)
    assert "200 rows read, 193 accepted, 7 rejected" in out
    assert '"31/02/2024" is not a date written dd/mm/yyyy' in out
    assert "case already on row 121" in out


# ------------------------------------------------------------------------------- the errors
def test_an_error_in_each_language_keeps_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(
        '{"case":"C1","at":"2017-01-09","event":"received","role":"assistant"}\n'
        '{"case":"C1","at":"2017-02-30","event":"informed","role":"assistant"}\n',
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "cases", "validate", str(log))
    assert code == 1 and out == ""
    assert err.startswith("vaekit : erreur [parse] : données mal formées (fichier ")
    assert "ligne 2" in err and "champ at" in err
    assert err.count("\n") == 1
    code, _, err_en = _run(capsys, "--lang", "en", "cases", "validate", str(log))
    assert code == 1
    assert err_en.startswith("vaekit: error [parse]: malformed input (file ")
    assert "line 2" in err_en and "field at" in err_en
    # The detail is the library's own text, the same in both languages.
    detail = 'invalid date "2017-02-30": day 30 does not exist in that month\n'
    assert err.endswith(") : " + detail) and err_en.endswith("): " + detail)

    missing = tmp_path / "absent.jsonl"
    code, _, err = _run(capsys, "cases", "validate", str(missing))
    assert code == 1
    assert err.startswith("vaekit : erreur [io] : fichier impossible à lire ou à écrire")
    code, _, err = _run(capsys, "report", str(log), "--out", str(tmp_path / "r"))
    assert code == 2
    assert err.startswith("vaekit : erreur [usage] : commande refusée telle quelle : refus de")
    assert_french(err)


def test_usage_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "calendar", "deux-mille")
    assert code == 2
    assert err.startswith("usage : vaekit calendar")
    assert "vaekit calendar : erreur [usage] : argument ANNÉE : nombre entier attendu" in err
    code, _, err = _run(capsys, "calendar")
    assert code == 2 and "arguments obligatoires manquants : ANNÉE" in err
    code, _, err = _run(capsys, "--lang", "en", "calendar")
    assert code == 2 and "error [usage]: the following arguments are required: YEAR" in err
    code, _, err = _run(capsys, "calendrier")
    assert code == 2 and "choix invalide" in err


# ----------------------------------------------------------------------------- the demo
def test_the_demo_steps_print_french(tmp_path: Path) -> None:
    from vaekit.demo import pathway, registry, run_calendar

    lines = run_calendar(tmp_path) + registry.run(tmp_path) + pathway.run(tmp_path)
    text = "\n".join(lines)
    assert "Jours ouvrés en 2024 : 252" in text
    assert "Recevabilité au 15 novembre 2023" in text
    assert_french(text)
    with use_language("en"):
        english = "\n".join(run_calendar(tmp_path))
    assert "Working days in 2024: 252" in english


# ----------------------------------------------------------------------------- progress
def _run_on_terminal(argv: list[str], tmp_path: Path) -> tuple[int, bytes, bytes]:
    """``vaekit ARGV`` with stderr on a pseudo-terminal, stdout on a pipe."""
    import pty

    main_fd, term_fd = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("VAEKIT_LANG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "vaekit", *argv],
        stdout=subprocess.PIPE,
        stderr=term_fd,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(term_fd)
    terminal = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            terminal += chunk
        elif proc.poll() is not None:
            break
    assert proc.stdout is not None
    out = proc.stdout.read()
    code = proc.wait(timeout=60)
    os.close(main_fd)
    return code, out, terminal


def test_progress_goes_to_the_terminal_never_to_piped_output(tmp_path: Path) -> None:
    # A simulated year takes long enough for the bar to draw (rich refreshes 10 times a second).
    argv = ["simulate", "--seed", "7", "--out", str(tmp_path / "e.jsonl")]
    code, out, terminal = _run_on_terminal(argv, tmp_path)
    assert code == 0, terminal[-2000:]
    text = out.decode("utf-8")
    assert "\x1b" not in text and "\r" not in text  # no terminal control on stdout
    assert "simulation de" not in text  # the bar's label
    assert text.startswith("idf-2014, graine 7 : ")
    assert b"simulation de idf-2014" in terminal  # the bar, on the terminal
    piped = subprocess.run([sys.executable, "-m", "vaekit", *argv], capture_output=True, check=True)
    assert piped.stdout == out  # the same output, on a terminal or not
    assert piped.stderr == b""  # no bar off a terminal
    code, out_quiet, terminal = _run_on_terminal(["--quiet", *argv], tmp_path)
    assert code == 0 and out_quiet == out
    assert b"simulation de" not in terminal  # --quiet: no bar


def test_progress_is_off_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from vaekit.cli import _progress

    calls: list[Any] = []
    with _progress.step("x", 3) as advance:
        advance("a")
        calls.append(1)
    assert calls == [1] and not _progress.enabled()  # pytest's capture is not a terminal
    assert capsys.readouterr() == ("", "")


def test_a_closed_output_ends_the_command_quietly() -> None:
    # `vaekit ... | head`: the reader went away. Before, the CLI printed an I/O error (and Python
    # a second one at exit); now it stops with 141 (128 + SIGPIPE), like the shell's tools.
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader at all: the first write fails with EPIPE
    try:
        res = subprocess.run(
            [sys.executable, "-m", "vaekit", "calendar", "2024"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert res.returncode == 141, res.stderr
    assert res.stderr == ""
