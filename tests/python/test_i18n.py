"""The message catalog and the formats of vaekit.i18n (issue #14: French by default, English)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import vaekit
from vaekit import i18n
from vaekit.i18n import (
    format_date,
    format_days,
    format_decimal,
    format_month,
    format_number,
    format_percent,
    label,
    use_language,
)

NNBSP = "\u202f"  # French digit groups (CLDR fr)
NBSP = "\u00a0"  # the space before % (CLDR fr)
PACKAGE = Path(vaekit.__file__).parent


def test_french_formats_by_hand() -> None:
    # Typography of fr_FR (CLDR): decimal comma, groups of three by a narrow no-break space.
    assert format_decimal(10357) == f"10{NNBSP}357"
    assert format_decimal(1234.5) == f"1{NNBSP}234,50"
    assert format_number(1.5) == "1,50"
    assert format_number(1.5, trim=True) == "1,5"
    assert format_number(7.0, trim=True) == "7"
    assert format_number(0.25, trim=True) == "0,25"
    assert format_number(1607, grouping=True) == f"1{NNBSP}607"
    assert format_number(10**20, grouping=True).count(NNBSP) == 6
    assert format_percent(0.93) == f"93,0{NBSP}%"
    assert format_percent(6 / 7) == f"85,7{NBSP}%"
    assert format_date(dt.date(2025, 1, 14)) == "14 janvier 2025"
    assert format_date(vaekit.Date(2025, 1, 14)) == "14 janvier 2025"
    assert format_date("2025-01-14", "short") == "14/01/2025"
    assert format_month("2025-01") == "janvier 2025"
    assert format_days(2.1) == "2,1 jours"
    assert format_days(1.5) == "1,5 jour"  # French: under 2 is singular
    assert format_days(0) == "0 jour"


def test_english_formats_by_hand() -> None:
    with use_language("en"):
        assert format_decimal(10357) == "10,357"
        assert format_percent(0.93) == "93.0%"
        assert format_date(dt.date(2025, 1, 14)) == "14 January 2025"
        assert format_days(2.1) == "2.1 days"
        assert format_days(1) == "1 day"
        assert format_days(1.5) == "1.5 days"
        assert format_month("2025-01") == "January 2025"
    assert format_days(2.1) == "2,1 jours"  # back to French outside the block


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
@example(549755813888.315)  # Babel rounded its repr (,32); the float is below ,315: ,31
def test_reads_back_as_the_rounded_number(x: float) -> None:
    text = format_number(x, 2, grouping=True, trim=True)
    assert "." not in text
    assert float(text.replace(NNBSP, "").replace(",", ".")) == float(f"{x:.2f}")


def test_labels_of_codes_french_by_default_english_on_request() -> None:
    assert label("column", "oriented_skills_assessment") == "orientés vers un bilan de compétences"
    assert label("event", "dropped_out") == "abandon"
    assert label("to", "skills_assessment") == "bilan de compétences"
    with use_language("en"):
        assert label("column", "oriented_skills_assessment") == "oriented to a skills assessment"
        assert label("event", "dropped_out") == "drop-out"
        assert label("nothing", "some_code") == "some code"
    assert label("nothing", "some_code") == "some_code"


def test_language_choice_is_per_context_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.language() == "fr"
    monkeypatch.setenv("VAEKIT_LANG", "en_GB.UTF-8")
    assert i18n.language() == "en"
    monkeypatch.setenv("VAEKIT_LANG", "klingon")
    assert i18n.language() == "fr"  # an unknown value in the environment is ignored
    monkeypatch.delenv("VAEKIT_LANG")
    with pytest.raises(vaekit.InvalidArgument, match="not in the catalog"):
        i18n.set_language("de")
    seen: dict[str, str] = {}

    def worker() -> None:
        seen["thread"] = label("event", "received")

    with use_language("en"):
        t = threading.Thread(target=worker)
        t.start()
        t.join()
        assert label("event", "received") == "reception"
    assert seen["thread"] == "accueil"  # a block's language does not leak into another thread


def _vocabulary_codes() -> set[tuple[str, str]]:
    codes: set[tuple[str, str]] = set()
    for row in vaekit.transition_table():
        codes.add(("event", row["event"]))
        codes.update(("role", r) for r in row["roles"])
        codes.update(("stage", s) for s in row["from"])
        if row["to"]:
            codes.add(("stage", row["to"]))
    for field in vaekit.event_vocabulary():
        if field["type"] == "enumeration":
            codes.update((field["name"], v) for v in field["values"])
    report = vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=1).log.report(threshold=11)
    published = report.publish(method="suppression")
    for name in published.tables:
        codes.update(("column", c) for c in published.table(name).to_records()[0])
    codes.update(("measure", r["measure"]) for r in published.durations.to_records())
    return codes


def _is_departement_code(code: tuple[str, str]) -> bool:
    """A département code ("75", "2A", "971"): its own label, the same in every language."""
    return code[0] == "departement" and code[1] in vaekit.Profile.departements()


def test_every_code_of_the_vocabulary_and_the_report_has_a_label_in_both_languages() -> None:
    for lang in i18n.LANGUAGES:
        catalog = i18n.messages(lang)
        codes = _vocabulary_codes()
        missing = sorted(c for c in codes if c not in catalog and not _is_departement_code(c))
        assert not missing, f"{lang}: no label for {missing}"
        # A département code needs no translation: label() gives the code itself, in both
        # languages; its `not_stated` has a label like every attribute's.
        assert ("departement", "not_stated") in catalog
        with i18n.use_language(lang):
            for kind, code in filter(_is_departement_code, codes):
                assert i18n.label(kind, code) == code


def test_every_message_of_the_package_is_translated_into_french() -> None:
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    french = i18n.messages("fr")
    found = 0
    missing = []
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE), keywords={**DEFAULT_KEYWORDS, "_": None}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if not msgid:
            continue
        found += 1
        if (context, msgid) not in french:
            missing.append(f"{filename}: {context or ''}|{msgid}")
    assert found > 0
    assert not missing, missing


def test_french_catalog_is_complete_and_english_adds_no_message() -> None:
    from babel.messages.pofile import read_po

    for po in sorted((PACKAGE / "i18n" / "locale" / "fr" / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if not m.id:
                continue
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            assert all(strings) and not m.fuzzy, f"{po.name}: {m.id!r} untranslated"
    assert set(i18n.messages("en")) <= set(i18n.messages("fr"))


def test_each_message_is_defined_in_one_file_only() -> None:
    # The catalog merges the .po files of a language: a message in two files would silently take
    # one of two translations (it happened: « ensemble » and « conseillers et assistants »).
    from babel.messages.pofile import read_po

    for lang in i18n.LANGUAGES:
        where: dict[tuple[str | None, str], str] = {}
        for po in sorted((PACKAGE / "i18n" / "locale" / lang / "LC_MESSAGES").glob("*.po")):
            with po.open("rb") as f:
                for m in read_po(f):
                    if not m.id:
                        continue
                    key = (m.context, m.id if isinstance(m.id, str) else m.id[0])
                    assert key not in where, f"{lang}: {key} in {where[key]} and {po.name}"
                    where[key] = po.name
