"""A network's own spreadsheets into an event log: CSV, xlsx, DataFrames and Arrow streams.

``import_table(source, mapping)`` reads a table and turns it into a :class:`vaekit.EventLog`
under an ``ImportMapping.1`` document (docs/formats/import-mapping.md), in one of two shapes:

* ``per_event``: one row per event (columns for the case, the date, the event, the role...);
* ``per_person``: one row per person with a date column per step (what antennes keep: "Date
  accueil", "Date 1er RDV", "Date dépôt recevabilité", "Décision", "Date jury", "Résultat"),
  turned into that person's events in the order of the mapping's steps.

Every event built goes through the event-log reader and the transition table
(``vaekit.parse_case_states``), so the rules and messages are those of every other reader; a row
with a bad cell or a refused event becomes a :class:`TableReject` naming the sheet, the 1-based
spreadsheet row, the column and the reason. ``rows_read == rows_accepted + rows_rejected``.
Columns that the mapping does not name are never read, so personal columns (names, birth dates,
contacts) are never copied; a mapping that names a column that looks personal is refused.

The work on the cells is columnar (pyarrow compute): dates, value mappings, JSON escaping, the
duplicate identifiers and the building of the JSON Lines are done on whole columns; Python loops
only over distinct values and over the rejects (and over a workbook's cells, which calamine hands
over as Python values).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _vaekit
from .._vaekit import EventLog, InvalidArgument, IoError, ParseError, parse_case_states
from ..core.documents import load_json_document

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ImportMapping",
    "ImportResult",
    "TableReject",
    "guess_mapping",
    "import_table",
    "read_table",
]

SCHEMA = "ImportMapping.1"

# The event log v1 vocabulary, from the one description of it (vaekit.event_vocabulary(), the
# constexpr table of include/vaekit/pathway/vocabulary.hpp, and the transition table): the coded
# values of each data field. The reader checks them again; knowing them here lets the mapping be
# checked before any row is read and an unmapped local value be named with its column.
_VOCABULARY = {f["name"]: f for f in _vaekit.event_vocabulary()}
EVENTS: tuple[str, ...] = tuple(dict.fromkeys(str(r["event"]) for r in _vaekit.transition_table()))
ROLES = ("candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system", "aap")
CODED: dict[str, tuple[str, ...]] = {
    "event": EVENTS,
    "role": ROLES,
    **{n: tuple(f["values"]) for n, f in _VOCABULARY.items() if f["type"] == "enumeration"},
}
# Data fields by kind: numbers, dates, free text (never mapped, never quoted in a reject).
NUMBER_FIELDS = tuple(n for n, f in _VOCABULARY.items() if f["type"] in ("integer", "number"))
DATE_FIELDS = tuple(n for n, f in _VOCABULARY.items() if f["type"] == "date")
TEXT_FIELDS = tuple(n for n, f in _VOCABULARY.items() if f["type"] == "text")
DATA_FIELDS = (
    *(n for n, f in _VOCABULARY.items() if f["type"] == "enumeration"),
    *NUMBER_FIELDS,
    *DATE_FIELDS,
    *TEXT_FIELDS,
)
# The event log's top-level fields a column can fill.
TOP_FIELDS = ("case", "at", "event", "role", "antenne", "staff", "certification")
# The role recording each event when a step names none (the first role the table allows).
DEFAULT_ROLE = {
    "received": "assistant",
    "informed": "assistant",
    "appointment_booked": "assistant",
    "appointment_held": "counsellor",
    "appointment_missed": "counsellor",
    "certification_chosen": "counsellor",
    "oriented": "counsellor",
    "admissibility_started": "counsellor",
    "admissibility_sent": "counsellor",
    "admissibility_decided": "certifier",
    "support_started": "counsellor",
    "support_session": "counsellor",
    "validation_file_sent": "candidate",
    "jury_scheduled": "certifier",
    "jury_held": "jury",
    "dropped_out": "counsellor",
    "reactivated": "counsellor",
    "archived": "counsellor",
    # The France VAE era (issue 15): the role that records each event in the transition table.
    "candidacy_submitted": "candidate",
    "candidacy_taken_charge": "aap",
    "pathway_proposed": "aap",
    "pathway_confirmed": "candidate",
    "funding_requested": "aap",
    "funding_decided": "funder",
    "feasibility_sent": "aap",
    "feasibility_decided": "certifier",
    "validation_file_flagged": "certifier",
    "lapsed": "system",
    "lapse_contested": "candidate",
    "lapse_decided": "certifier",
    "profile_recorded": "counsellor",
    "followup_recorded": "counsellor",
}
# Header words of personal columns: never read, never mapped (docs/design.md "Personal data").
_PERSONAL = re.compile(
    r"\b(nom|prenom|first ?name|last ?name|surname|name|naissance|birth|ne le|nee le|"
    r"telephone|tel|phone|portable|mobile|mail|courriel|e-?mail|adresse|address|nir|"
    r"securite sociale|commentaire|comment|remarques?|notes?)\b"
)
_DATE_TOKENS = (("yyyy", "%Y"), ("yy", "%y"), ("dd", "%d"), ("mm", "%m"))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_INSTANT = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$"


def _fold(text: str) -> str:
    """Lower case without accents and with single spaces (how headers and values are matched)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("\u2019", "'").split())


def _quote(value: str, limit: int = 40) -> str:
    """A value quoted for a message: at most ``limit`` characters, control characters escaped."""
    cut = value[:limit]
    shown = json.dumps(cut, ensure_ascii=False)
    return shown[:-1] + '..."' if len(value) > limit else shown


def _reason(msgid: str) -> str:
    """A reject reason ``msgid`` in the current language (catalog context "import reject")."""
    from ..i18n import pgettext

    return pgettext("import reject", msgid)


def _a(word: str) -> str:
    """``word`` with its indefinite article (``an event``, ``a result``)."""
    return ("an " if word[:1] in "aeiou" else "a ") + word


def looks_personal(header: str) -> bool:
    """Whether a column header names personal data (a name, a birth date, a contact, notes)."""
    return _PERSONAL.search(_fold(header)) is not None


def date_format_to_strptime(fmt: str) -> str:
    """The strptime format of a date format: ``dd/mm/yyyy`` → ``%d/%m/%Y``.

    Tokens ``dd``, ``mm``, ``yyyy``, ``yy``; other characters are separators. Raises
    vaekit.InvalidArgument for a format without day, month and year.
    """
    out, i, seen = "", 0, set()
    low = fmt.lower()
    while i < len(low):
        for token, code in _DATE_TOKENS:
            if low.startswith(token, i):
                out += code
                seen.add(token[0])
                i += len(token)
                break
        else:
            if low[i].isalpha() or low[i] == "%":
                raise InvalidArgument(
                    f"date format {_quote(fmt)}: unknown token at {_quote(fmt[i:])} "
                    "(accepted: dd, mm, yyyy, yy and separators)"
                )
            out += low[i]
            i += 1
    if seen != {"d", "m", "y"}:
        raise InvalidArgument(f"date format {_quote(fmt)}: needs dd, mm and yyyy (or yy)")
    return out


def date_format_to_regex(fmt: str) -> str:
    r"""The regular expression taking day ``d``, month ``m`` and year ``y`` of a date format.

    ``dd/mm/yyyy`` → ``^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$`` (one-digit days and
    months accepted, as spreadsheets write them).
    """
    date_format_to_strptime(fmt)  # checks the format
    out, i, low = "^", 0, fmt.lower()
    groups = {
        "yyyy": r"(?P<y>\d{4})",
        "yy": r"(?P<y>\d{2})",
        "dd": r"(?P<d>\d{1,2})",
        "mm": r"(?P<m>\d{1,2})",
    }
    while i < len(low):
        for token in ("yyyy", "yy", "dd", "mm"):
            if low.startswith(token, i):
                out += groups[token]
                i += len(token)
                break
        else:
            out += re.escape(low[i])
            i += 1
    return out + "$"


# ------------------------------------------------------------------------------ the mapping
@dataclass
class Step:
    """One step of a per-person sheet: the event recorded at the date of column ``date``.

    ``data`` maps a data field (``channel``, ``decision``, ``result``...) to the column holding
    it; ``constants`` gives fixed data values (``{"to": "vae"}``); ``when`` lists columns that
    must be non-blank for the step to happen (besides the date); ``certification`` a column
    whose code the event carries.
    """

    event: str
    date: str
    role: str
    data: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    when: list[str] = field(default_factory=list)
    certification: str | None = None


@dataclass
class ImportMapping:
    """How a table becomes an event log: the ``ImportMapping.1`` document, checked.

    Build it with :meth:`from_dict` / :meth:`from_json` / :meth:`load` (every field is described
    in docs/formats/import-mapping.md); :meth:`to_dict` gives the document back.
    """

    shape: str
    columns: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    date_format: str = "yyyy-mm-dd"
    sheet: str | None = None
    encoding: str | None = None
    separator: str | None = None
    source: str | None = None

    @staticmethod
    def from_dict(doc: Mapping[str, Any]) -> ImportMapping:
        """The mapping of a decoded ``ImportMapping.1`` document.

        Raises vaekit.InvalidArgument naming the field for anything wrong (unknown field, event,
        role or vocabulary code).
        """
        if not isinstance(doc, Mapping):
            raise InvalidArgument("ImportMapping: the document is not a JSON object")
        schema = doc.get("schema")
        if schema != SCHEMA:
            if isinstance(schema, str) and schema.startswith("ImportMapping."):
                raise InvalidArgument(
                    f"schema: {_quote(schema)} is newer than this vaekit knows ({SCHEMA}): "
                    "upgrade vaekit"
                )
            raise InvalidArgument(f"schema: expected {SCHEMA!r}")
        known = {
            "schema",
            "shape",
            "columns",
            "steps",
            "values",
            "constants",
            "date_format",
            "sheet",
            "encoding",
            "separator",
            "source",
            "comment",
        }
        for key in doc:
            if key not in known:
                raise InvalidArgument(f"{_quote(str(key))}: unknown field of {SCHEMA}")
        shape = doc.get("shape")
        if shape not in ("per_event", "per_person"):
            raise InvalidArgument("shape: expected 'per_event' or 'per_person'")
        columns = _str_dict(doc.get("columns", {}), "columns")
        for f in columns:
            if f not in TOP_FIELDS and f not in DATA_FIELDS:
                raise InvalidArgument(
                    f"columns.{f}: not an event-log field (accepted: "
                    f"{', '.join(TOP_FIELDS + DATA_FIELDS)})"
                )
        if "case" not in columns:
            raise InvalidArgument("columns.case: the column of the case identifier is required")
        values_doc = doc.get("values", {})
        if not isinstance(values_doc, Mapping):
            raise InvalidArgument("values: expected an object of objects")
        values: dict[str, dict[str, str]] = {}
        for f, table in values_doc.items():
            if f not in CODED:
                raise InvalidArgument(
                    f"values.{f}: only coded fields are mapped ({', '.join(CODED)})"
                )
            if isinstance(table, Mapping):
                for local, code in table.items():
                    if code == "":
                        raise InvalidArgument(
                            f"values.{f}.{_quote(str(local))}: no code (fill it in, or remove "
                            "the line to reject the rows holding that value)"
                        )
            values[f] = _str_dict(table, f"values.{f}")
            for local, code in values[f].items():
                if code not in CODED[f]:
                    raise InvalidArgument(
                        f"values.{f}.{_quote(local)}: {_quote(code)} is not {_a(f)} code "
                        f"(accepted: {', '.join(CODED[f])})"
                    )
        constants = _str_dict(doc.get("constants", {}), "constants")
        for f, v in constants.items():
            if f not in ("antenne", "staff", "certification", "role", *CODED):
                raise InvalidArgument(f"constants.{f}: not a field that can be constant")
            if f in CODED and v not in CODED[f]:
                raise InvalidArgument(f"constants.{f}: {_quote(v)} is not {_a(f)} code")
        date_format = doc.get("date_format", "yyyy-mm-dd")
        if not isinstance(date_format, str):
            raise InvalidArgument("date_format: expected a string such as 'dd/mm/yyyy'")
        date_format_to_strptime(date_format)
        steps: list[Step] = []
        if shape == "per_person":
            raw_steps = doc.get("steps")
            if not isinstance(raw_steps, list) or not raw_steps:
                raise InvalidArgument("steps: a per_person mapping needs a list of steps")
            steps = [_step(s, i) for i, s in enumerate(raw_steps)]
        else:
            if "steps" in doc:
                raise InvalidArgument("steps: only for shape 'per_person'")
            for f in ("at", "event"):
                if f not in columns:
                    raise InvalidArgument(f"columns.{f}: required for shape 'per_event'")
            if "role" not in columns and "role" not in constants:
                pass  # the event's default role (DEFAULT_ROLE) is used
        mapping = ImportMapping(
            shape=shape,
            columns=columns,
            steps=steps,
            values=values,
            constants=constants,
            date_format=date_format,
            sheet=_opt_str(doc, "sheet"),
            encoding=_opt_str(doc, "encoding"),
            separator=_opt_str(doc, "separator"),
            source=_opt_str(doc, "source"),
        )
        for col in mapping.read_columns():
            if looks_personal(col):
                raise InvalidArgument(
                    f"column {_quote(col)} looks personal (a name, a birth date, a contact or "
                    "notes): vaekit never imports it"
                )
        if mapping.encoding is not None:
            try:
                "".encode(mapping.encoding)
            except LookupError:
                raise InvalidArgument(f"encoding: unknown {_quote(mapping.encoding)}") from None
        if mapping.separator is not None and len(mapping.separator) != 1:
            raise InvalidArgument("separator: expected one character")
        return mapping

    @staticmethod
    def from_json(text: str | bytes) -> ImportMapping:
        """The mapping of an ``ImportMapping.1`` JSON text (see :meth:`from_dict`).

        As every vaekit document reader: bytes must be UTF-8, a key may not repeat, and nesting
        deeper than Python can decode is refused; each is a :class:`vaekit.ParseError`.
        """
        doc = load_json_document(text, "ImportMapping")
        return ImportMapping.from_dict(doc)

    @staticmethod
    def load(path: str | Path) -> ImportMapping:
        """The mapping in the JSON file ``path`` (UTF-8)."""
        return ImportMapping.from_json(Path(path).read_text(encoding="utf-8"))

    def read_columns(self) -> list[str]:
        """The columns of the table this mapping reads, in first-use order (no others are read)."""
        cols: list[str] = list(self.columns.values())
        for s in self.steps:
            cols += [s.date, *s.data.values(), *s.when]
            if s.certification:
                cols.append(s.certification)
        return list(dict.fromkeys(cols))

    def to_dict(self) -> dict[str, Any]:
        """The ``ImportMapping.1`` document of this mapping."""
        doc: dict[str, Any] = {"schema": SCHEMA, "shape": self.shape}
        for key in ("source", "sheet", "encoding", "separator"):
            if getattr(self, key) is not None:
                doc[key] = getattr(self, key)
        doc["date_format"] = self.date_format
        doc["columns"] = dict(self.columns)
        if self.constants:
            doc["constants"] = dict(self.constants)
        if self.steps:
            doc["steps"] = []
            for s in self.steps:
                d: dict[str, Any] = {"event": s.event, "date": s.date, "role": s.role}
                if s.certification:
                    d["certification"] = s.certification
                if s.data:
                    d["data"] = dict(s.data)
                if s.constants:
                    d["constants"] = dict(s.constants)
                if s.when:
                    d["when"] = list(s.when)
                doc["steps"].append(d)
        if self.values:
            doc["values"] = {k: dict(v) for k, v in self.values.items()}
        return doc

    def to_json(self) -> str:
        """The document as indented JSON text (UTF-8, accents kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _str_dict(obj: Any, where: str) -> dict[str, str]:
    """An object of strings, or vaekit.InvalidArgument naming ``where``."""
    if not isinstance(obj, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in obj.items()
    ):
        raise InvalidArgument(f"{where}: expected an object of non-empty strings")
    return dict(obj)


def _opt_str(doc: Mapping[str, Any], key: str) -> str | None:
    """``doc[key]`` if a string, None if absent; vaekit.InvalidArgument otherwise."""
    v = doc.get(key)
    if v is not None and not isinstance(v, str):
        raise InvalidArgument(f"{key}: expected a string")
    return v


def _step(obj: Any, i: int) -> Step:
    """One checked step of ``steps[i]``."""
    where = f"steps[{i}]"
    if not isinstance(obj, Mapping):
        raise InvalidArgument(f"{where}: expected an object")
    for key in obj:
        if key not in ("event", "date", "role", "data", "constants", "when", "certification"):
            raise InvalidArgument(f"{where}.{_quote(str(key))}: unknown field of a step")
    event = obj.get("event")
    if not isinstance(event, str) or event not in EVENTS:
        raise InvalidArgument(f"{where}.event: expected one of {', '.join(EVENTS)}")
    date = obj.get("date")
    if not isinstance(date, str) or not date:
        raise InvalidArgument(f"{where}.date: the column of the step's date is required")
    role = obj.get("role", DEFAULT_ROLE[event])
    if role not in ROLES:
        raise InvalidArgument(f"{where}.role: expected one of {', '.join(ROLES)}")
    data = _str_dict(obj.get("data", {}), f"{where}.data")
    for f in data:
        if f not in DATA_FIELDS:
            raise InvalidArgument(f"{where}.data.{f}: not a data field of the event log")
    constants = obj.get("constants", {})
    if not isinstance(constants, Mapping):
        raise InvalidArgument(f"{where}.constants: expected an object")
    for f, v in constants.items():
        if f in CODED and v not in CODED[f]:
            raise InvalidArgument(f"{where}.constants.{f}: {_quote(str(v))} is not {_a(f)} code")
        if f not in DATA_FIELDS and f != "implicit":
            raise InvalidArgument(f"{where}.constants.{f}: not a data field of the event log")
    when = obj.get("when", [])
    if isinstance(when, str):
        when = [when]
    if not isinstance(when, list) or not all(isinstance(w, str) and w for w in when):
        raise InvalidArgument(f"{where}.when: expected a column name or a list of them")
    cert = obj.get("certification")
    if cert is not None and (not isinstance(cert, str) or not cert):
        raise InvalidArgument(f"{where}.certification: expected a column name")
    return Step(event, date, role, data, dict(constants), list(when), cert)


# ---------------------------------------------------------------------------- the sources
@dataclass
class _Table:
    """A source read as string columns (None for blank cells).

    With its sheet name and the spreadsheet row number of its first data row.
    """

    columns: dict[str, pa.Array]
    rows: int
    sheet: str
    first_row: int
    headers: list[str]
    # Spreadsheet row of each data row when lines were set aside (else first_row + index), and
    # the rows set aside for their shape: (row, reason).
    row_numbers: Any = None
    malformed: list[tuple[int, str]] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        """The spreadsheet row of data row ``index``."""
        if self.row_numbers is None:
            return self.first_row + index
        return int(self.row_numbers[index])


def detect_encoding(head: bytes) -> str:
    """``utf-8`` when the bytes decode as UTF-8 (a BOM is allowed), else ``cp1252``."""
    try:
        head.decode("utf-8")
        return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        return "cp1252"


def detect_separator(sample: str) -> str:
    """The separator of a CSV sample.

    The stdlib sniffer among ``; , TAB |``, else ``;`` or ``,`` (whichever the header has more of).
    """
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(";,\t|", key=first.count)


def _read_csv(path: Path, mapping: ImportMapping | None) -> _Table:
    """A CSV file as string columns (pyarrow.csv: multi-threaded, transcoding Windows-1252)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with path.open("rb") as f:
        head = f.read(1 << 16)
    encoding = (mapping.encoding if mapping else None) or detect_encoding(head)
    text = head.decode(encoding, errors="replace")
    sep = (mapping.separator if mapping else None) or detect_separator(text)
    try:
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep), [])
    except csv.Error:
        raise ParseError(f"{path.name}: row 1: not a CSV header") from None
    header = [h.strip() for h in header]
    if not header or not any(header):
        raise ParseError(f"{path.name}: row 1: no header row")
    wanted = _wanted(mapping, header)
    read_opts = pacsv.ReadOptions(
        encoding="utf8" if encoding.startswith("utf-8") else encoding,
        column_names=[f"c{i}" for i in range(len(header))],
        skip_rows=1,
        block_size=1 << 22,
    )
    names = {f"c{i}": h for i, h in enumerate(header)}
    keep = [c for c, h in names.items() if h in wanted]
    convert = pacsv.ConvertOptions(
        column_types={c: pa.string() for c in names},
        include_columns=keep,
        strings_can_be_null=True,
        null_values=[""],
    )
    # Rows whose number of fields is not the header's are set aside (rejects), and empty lines
    # skipped; their line numbers are known on one thread only, so a file that has such lines
    # is read again on one thread to number its rows as the spreadsheet does.
    odd: list[tuple[int | None, str | None]] = []

    def invalid_row(row: Any) -> str:
        blank = not row.text.strip(" \t\r\n" + sep)
        reason = (
            None
            if blank
            else _reason("{found} fields where the header has {expected}").format(
                found=row.actual_columns, expected=row.expected_columns
            )
        )
        odd.append((row.number, reason))
        return "skip"

    parse = pacsv.ParseOptions(
        delimiter=sep,
        newlines_in_values=False,
        ignore_empty_lines=False,
        invalid_row_handler=invalid_row,
    )

    def read(threads: bool) -> Any:
        opts = read_opts
        if not threads:
            opts = pacsv.ReadOptions(
                encoding=read_opts.encoding,
                column_names=read_opts.column_names,
                skip_rows=1,
                block_size=1 << 22,
                use_threads=False,
            )
        try:
            return pacsv.read_csv(
                path, read_options=opts, convert_options=convert, parse_options=parse
            )
        except (pa.ArrowInvalid, csv.Error):
            raise ParseError(f"{path.name}: not a CSV table that vaekit can read") from None
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"{path.name}: not {encoding} text (a byte {exc.object[exc.start]:#04x} that "
                "the encoding does not define): give the file's encoding in the mapping"
            ) from None

    table = read(True)
    if any(n is None for n, _ in odd):
        odd.clear()
        table = read(False)
    cols = {names[c]: table.column(c).combine_chunks() for c in keep}
    out = _Table(_strip_all(cols), table.num_rows, path.name, 2, header)
    if odd:
        import numpy as np

        lines = np.arange(2, 2 + table.num_rows + len(odd), dtype=np.int64)
        out.row_numbers = lines[~np.isin(lines, [n for n, _ in odd if n is not None])]
        out.malformed = [(int(n), r) for n, r in odd if n is not None and r is not None]
    return out


def _wanted(mapping: ImportMapping | None, header: Sequence[str]) -> set[str]:
    """The columns to read: the mapping's, or (guessing) every column that is not personal."""
    if mapping is not None:
        return set(mapping.read_columns())
    return {h for h in header if not looks_personal(h)}


def _cell_text(v: Any) -> str | None:
    """A spreadsheet cell as text: dates as ISO, whole numbers without '.0', blanks as None."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime) and v.tzinfo is None:
        # A workbook's date-time has no zone: its day (the offset of a local time is not known).
        return v.date().isoformat()
    iso = getattr(v, "isoformat", None)
    if iso is not None:
        return str(iso())
    return str(v)


def _read_xlsx(path: Path, mapping: ImportMapping | None) -> _Table:
    """A sheet of an xlsx/xls/ods workbook (python-calamine, a Rust reader) as string columns."""
    import pyarrow as pa

    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - an extra
        raise InvalidArgument(
            "reading xlsx needs python-calamine: pip install 'vaekit[pandas]'"
        ) from None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's own errors: the file is not a workbook
        raise ParseError(f"{path.name}: not a readable workbook ({type(exc).__name__})") from None
    name = mapping.sheet if mapping and mapping.sheet else book.sheet_names[0]
    if name not in book.sheet_names:
        raise InvalidArgument(
            f"{path.name}: no sheet {_quote(name)} (sheets: {', '.join(book.sheet_names)})"
        )
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    # The header is the first non-empty row; rows are numbered as the spreadsheet shows them.
    start = next((i for i, r in enumerate(rows) if any(c not in (None, "") for c in r)), None)
    if start is None:
        raise ParseError(f"{path.name}: sheet {_quote(name)} is empty")
    header = [(_cell_text(c) or "").strip() for c in rows[start]]
    wanted = _wanted(mapping, header)
    body = rows[start + 1 :]
    cols: dict[str, pa.Array] = {}
    for j, h in enumerate(header):
        if h and h in wanted and h not in cols:
            cols[h] = pa.array(
                [_cell_text(r[j]) if j < len(r) else None for r in body], type=pa.string()
            )
    return _Table(_strip_all(cols), len(body), name, start + 2, header)


def _read_arrow(obj: Any, name: str, mapping: ImportMapping | None) -> _Table:
    """A pandas/polars DataFrame or an Arrow stream (``__arrow_c_stream__``) as string columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if hasattr(obj, "__arrow_c_stream__") and not _is_pandas(obj):
        table = pa.RecordBatchReader.from_stream(obj).read_all()
    elif _is_pandas(obj):
        table = pa.Table.from_pandas(obj, preserve_index=False)
    elif isinstance(obj, pa.Table):
        table = obj
    else:
        raise InvalidArgument(
            "source: expected a CSV or xlsx path, a pandas or polars DataFrame, or an object "
            "with __arrow_c_stream__"
        )
    cols: dict[str, pa.Array] = {}
    wanted = _wanted(mapping, [str(h).strip() for h in table.column_names])
    for h, col in zip(table.column_names, table.columns):
        if str(h).strip() not in wanted:
            continue
        arr = col.combine_chunks()
        t = arr.type
        if pa.types.is_timestamp(t) and t.tz:
            # An instant: in UTC with "Z" (the event log wants an offset).
            utc = pc.cast(arr, pa.timestamp("s", "UTC"), safe=False)
            arr = pc.strftime(utc, format="%Y-%m-%dT%H:%M:%SZ")
        elif pa.types.is_timestamp(t):
            # A local time without a zone: its day (the offset of a local time is not known).
            arr = pc.cast(pc.cast(arr, pa.date32()), pa.string())
        elif pa.types.is_date(t):
            arr = pc.strftime(arr, format="%Y-%m-%d")
        elif pa.types.is_floating(t):
            whole = pc.equal(arr, pc.floor(arr))
            arr = pc.if_else(
                whole,
                pc.cast(pc.cast(arr, pa.int64(), safe=False), pa.string()),
                pc.cast(arr, pa.string()),
            )
        elif pa.types.is_dictionary(t):
            arr = pc.cast(arr.dictionary_decode(), pa.string())
        elif not pa.types.is_string(t):
            try:
                arr = pc.cast(arr, pa.string())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                arr = pa.array(
                    [None if v is None else str(v) for v in arr.to_pylist()], type=pa.string()
                )
        cols[str(h).strip()] = arr
    return _Table(_strip_all(cols), table.num_rows, name, 2, [str(h) for h in table.column_names])


def _is_pandas(obj: Any) -> bool:
    """Whether ``obj`` is a pandas DataFrame (without importing pandas)."""
    return type(obj).__module__.startswith("pandas") and hasattr(obj, "to_dict")


def _strip_all(cols: dict[str, pa.Array]) -> dict[str, pa.Array]:
    """Cells stripped of surrounding spaces; blank cells as nulls."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = {}
    for h, arr in cols.items():
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        s = pc.utf8_trim_whitespace(arr)
        out[h] = pc.if_else(pc.equal(s, ""), pa.scalar(None, pa.string()), s)
    return out


def read_table(source: Any, mapping: ImportMapping | None = None) -> _Table:
    """The source as string columns.

    A CSV path (separator and encoding detected or given by
    the mapping), an xlsx/xls/ods path (the mapping's sheet, else the first), a DataFrame or an
    Arrow stream. Only the columns the mapping reads are kept.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        # As every vaekit reader: a missing file or a folder is a vaekit.IoError (an OSError).
        if not path.exists():
            raise IoError(errno.ENOENT, "no such file", str(path))
        if not path.is_file():
            raise IoError(errno.EISDIR, "not a file", str(path))
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"):
            return _read_xlsx(path, mapping)
        return _read_csv(path, mapping)
    return _read_arrow(source, "<table>", mapping)


# ------------------------------------------------------------------------------ the import
@dataclass(frozen=True)
class TableReject:
    """A row set aside.

    ``sheet``, 1-based spreadsheet ``row``, ``column``, ``reason``, and the
    ``case`` when known (an identifier, never personal data; the cell values of personal columns
    are never read).
    """

    sheet: str
    row: int
    column: str
    reason: str
    case: str = ""

    def __str__(self) -> str:
        """``sheet:row: column: reason``."""
        return f"{self.sheet}:{self.row}: {self.column}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """The reject as a dict (a row of the rejects CSV)."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "case": self.case,
            "reason": self.reason,
        }


@dataclass
class ImportResult:
    """What :func:`import_table` gives: the log, the rejects and the counts.

    ``rows_read == rows_accepted + rows_rejected`` (blank rows are not counted); a rejected row
    has exactly one reject (its first problem) and none of its events in the log.
    """

    log: EventLog
    rejects: list[TableReject]
    rows_read: int
    rows_accepted: int
    sheet: str

    @property
    def rows_rejected(self) -> int:
        """Rows set aside (``len(rejects)``)."""
        return len(self.rejects)

    @property
    def events(self) -> int:
        """Events in the log."""
        return len(self.log)

    def __repr__(self) -> str:
        """Counts."""
        return (
            f"vaekit.ImportResult({self.rows_read} rows read: {self.rows_accepted} accepted, "
            f"{self.rows_rejected} rejected; {self.events} events)"
        )


@dataclass
class _Events:
    """The events built from the table, as columns: the JSON line, the table row, the step."""

    lines: pa.Array  # string, one JSON line per event (null: not an event)
    row: Any  # numpy int64: index of the table row
    step: Any  # numpy int64: index of the step (per_person) or 0


class _Builder:
    """Turns the string columns of a table into JSON lines, column-wise, noting bad cells."""

    def __init__(self, table: _Table, mapping: ImportMapping) -> None:
        import numpy as np

        self.t = table
        self.m = mapping
        self.n = table.rows
        # First problem of each row: (step, column, reason); step orders the problems.
        self.bad_step = np.full(self.n, np.iinfo(np.int64).max, dtype=np.int64)
        self.bad: dict[int, tuple[str, str]] = {}
        self.strptime = date_format_to_strptime(mapping.date_format)
        self.date_regex = date_format_to_regex(mapping.date_format)
        self.two_digit_year = "yyyy" not in mapping.date_format.lower()
        self._dates: dict[str, pa.Array] = {}
        self._escaped: dict[int, tuple[pa.Array, pa.Array]] = {}
        self._constants: dict[str, pa.Array] = {}
        self._members: dict[tuple[str, int, bool], tuple[pa.Array, pa.Array]] = {}
        missing = [c for c in mapping.read_columns() if c not in table.columns]
        if missing:
            raise InvalidArgument(
                f"{table.sheet}: no column {', '.join(_quote(c) for c in missing)} "
                f"(the table has {len(table.headers)} columns; vaekit import --guess lists them)"
            )

    def col(self, name: str) -> pa.Array:
        """The string column ``name``."""
        return self.t.columns[name]

    def flag(self, mask: Any, step: int, column: str, reason: Callable[[int], str]) -> None:
        """Note a problem at the rows of ``mask`` (a numpy bool array) unless an earlier one is."""
        import numpy as np

        rows = np.flatnonzero(mask & (self.bad_step > step))
        for r in rows.tolist():
            self.bad_step[r] = step
            self.bad[r] = (column, reason(r))

    def dates(self, name: str, step: int) -> pa.Array:
        """Column ``name`` as ISO dates (ISO cells kept; others read with the date format).

        Column-wise: the day, month and year are taken by a regular expression built from the
        format, written as ``yyyy-mm-dd`` and checked by a round trip through a date (pyarrow's
        strptime alone normalises impossible days, 31/02 → 02/03, and takes "24" as the year
        24). Two-digit years pivot like Python's ``%y`` (69-99 → 19xx, 00-68 → 20xx); years
        before 1900 are refused. Cached per column; bad cells are flagged at the first step
        reading the column.
        """
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        if name in self._dates:
            return self._dates[name]
        arr = self.col(name)
        iso_cell = pc.match_substring_regex(arr, _ISO_INSTANT)
        parts = pc.extract_regex(arr, self.date_regex)
        day = pc.utf8_lpad(pc.struct_field(parts, "d"), 2, "0")
        month = pc.utf8_lpad(pc.struct_field(parts, "m"), 2, "0")
        year = pc.struct_field(parts, "y")
        if self.two_digit_year:
            century = pc.if_else(pc.less(year, "69"), "20", "19")
            year = pc.binary_join_element_wise(century, year, "")
        iso = pc.binary_join_element_wise(year, month, day, "-")
        back = pc.cast(
            pc.cast(pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True), pa.date32()),
            pa.string(),
        )
        ok = pc.and_kleene(pc.equal(back, iso), pc.greater_equal(year, "1900"))
        parsed = pc.if_else(ok, iso, pa.scalar(None, pa.string()))
        out = pc.if_else(iso_cell, arr, parsed)
        bad = pc.and_(pc.is_valid(arr), pc.is_null(out)).to_numpy(zero_copy_only=False)
        if bad.any():
            cells = arr.to_pylist()
            self.flag(
                np.asarray(bad, dtype=bool),
                step,
                name,
                lambda r: _reason("{value} is not a date written {format}").format(
                    value=_quote(cells[r]), format=self.m.date_format
                ),
            )
        self._dates[name] = out.cast(pa.string())
        return self._dates[name]

    def member(self, key: str, body: pa.Array, quoted: bool) -> pa.Array:
        """``,"key":"body"`` (or unquoted) where ``body`` is not null (cached per column)."""
        import pyarrow.compute as pc

        cache = (key, id(body), quoted)
        if cache not in self._members:
            q = '"' if quoted else ""
            joined = pc.binary_join_element_wise(f',"{key}":{q}', body, q, "")
            self._members[cache] = (body, joined)
        return self._members[cache][1]

    def escaped(self, arr: pa.Array) -> pa.Array:
        """``arr`` escaped for a JSON string (cached: a column is escaped once)."""
        key = id(arr)
        if key not in self._escaped:
            self._escaped[key] = (arr, _escape(arr))
        return self._escaped[key][1]

    def coded(self, f: str, arr: pa.Array, column: str, step: int) -> pa.Array:
        """A coded field (event, role, channel, decision...) mapped from local values."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        table = self.m.values.get(f, {})
        folded = {_fold(k): v for k, v in table.items()}
        uniq = pc.unique(arr).drop_null().to_pylist()
        codes: list[str | None] = []
        for u in uniq:
            code = table.get(u) or folded.get(_fold(u))
            if code is None and u in CODED[f]:
                code = u
            codes.append(code)
        idx = pc.index_in(arr, value_set=pa.array(uniq, pa.string()))
        out = pc.take(pa.array(codes, pa.string()), idx)
        bad = pc.and_(pc.is_valid(arr), pc.is_null(out)).to_numpy(zero_copy_only=False)
        if bad.any():
            cells = arr.to_pylist()
            self.flag(
                np.asarray(bad, dtype=bool),
                step,
                column,
                lambda r: _reason(
                    "{value} is not {a_field} code and the mapping does not map it "
                    "(values.{field}; accepted: {accepted})"
                ).format(
                    value=_quote(cells[r]),
                    a_field=_a(f),
                    field=f,
                    accepted=", ".join(CODED[f]),
                ),
            )
        return out

    def number(self, arr: pa.Array, column: str, step: int) -> pa.Array:
        """A number field (minutes, hours): decimal comma accepted; JSON number text."""
        import numpy as np
        import pyarrow.compute as pc

        text = pc.replace_substring(arr, ",", ".")
        ok = pc.match_substring_regex(text, r"^\d{1,9}(\.\d{1,6})?$")
        bad = pc.and_(pc.is_valid(arr), pc.invert(ok)).to_numpy(zero_copy_only=False)
        if np.asarray(bad, dtype=bool).any():
            cells = arr.to_pylist()
            self.flag(
                np.asarray(bad, dtype=bool),
                step,
                column,
                lambda r: _reason("{value} is not a number").format(value=_quote(cells[r])),
            )
        return pc.if_else(ok, text, None)

    def field_value(self, f: str, column: str, step: int) -> tuple[pa.Array, bool]:
        """The JSON text of data field ``f`` read from ``column`` and whether it is quoted."""
        arr = self.col(column)
        if f in CODED:
            return self.coded(f, arr, column, step), True
        if f in NUMBER_FIELDS:
            return self.number(arr, column, step), False
        if f in DATE_FIELDS:
            return self.dates(column, step), True
        return arr, True

    def constant(self, value: str) -> pa.Array:
        """A column of ``n`` copies of ``value`` (one array per value)."""
        import pyarrow as pa

        if value not in self._constants:
            self._constants[value] = pa.repeat(pa.scalar(value, pa.string()), self.n)
        return self._constants[value]


def _escape(arr: pa.Array) -> pa.Array:
    """JSON string escaping of a whole column (backslash, quote, control characters)."""
    import pyarrow.compute as pc

    arr = pc.replace_substring(arr, "\\", "\\\\")
    arr = pc.replace_substring(arr, '"', '\\"')
    if pc.any(pc.match_substring_regex(arr, r"[\x00-\x1f]")).as_py():
        for code in range(0x20):
            arr = pc.replace_substring(arr, chr(code), f"\\u{code:04x}")
    return arr


def _event_lines(
    b: _Builder, top: dict[str, Any], data: dict[str, tuple[pa.Array, bool]]
) -> pa.Array:
    """One JSON line (with its newline) per row from the top-level fields and the data fields.

    ``top`` values are string columns or plain strings (a step's event and role). The line is
    joined in one call from literal pieces and members: the required part (case, at, event,
    role) is null where one of them is (a row without its date makes no event); each optional
    member (``,"antenne":"..."``) is null, so left out, where its cell is blank. Members shared
    by every step of a row (antenne, staff) are built once.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    def piece(k: str) -> Any:
        v = top[k]
        if isinstance(v, str):
            return v  # a code: no escaping
        return v if k in ("at", "event", "role") else b.escaped(v)

    head = pc.binary_join_element_wise(
        '{"case":"',
        piece("case"),
        '","at":"',
        piece("at"),
        '","event":"',
        piece("event"),
        '","role":"',
        piece("role"),
        '"',
        "",
    )
    parts: list[Any] = [head]
    for k in ("antenne", "staff", "certification"):
        if k in top:
            parts.append(b.member(k, piece(k), True))
    if len(data) == 1:
        # One data field: ,"data":{"k":"v"} in one join, null (left out) where v is.
        ((k, (v, q)),) = data.items()
        body = b.escaped(v) if q and k in TEXT_FIELDS else v
        qs = '"' if q else ""
        parts.append(pc.binary_join_element_wise(f',"data":{{"{k}":{qs}', body, f"{qs}}}", ""))
    elif data:
        members = [
            b.member(k, b.escaped(v) if q and k in TEXT_FIELDS else v, q)
            for k, (v, q) in data.items()
        ]
        inner = pc.binary_join_element_wise(
            *members, "", null_handling="replace", null_replacement=""
        )
        obj = pc.binary_join_element_wise(',"data":{', pc.utf8_slice_codeunits(inner, 1), "}", "")
        parts.append(pc.if_else(pc.equal(inner, ""), pa.scalar(None, pa.string()), obj))
    line = pc.binary_join_element_wise(
        *parts, "}\n", "", null_handling="replace", null_replacement=""
    )
    return pc.if_else(pc.is_valid(head), line, pa.scalar(None, pa.string()))


def _build_per_event(b: _Builder) -> _Events:
    """The events of a per-event table: one per row."""
    import numpy as np
    import pyarrow.compute as pc

    m = b.m
    top: dict[str, Any] = {}
    for f in ("case", "antenne", "staff", "certification"):
        if f in m.columns:
            top[f] = b.col(m.columns[f])
        elif f in m.constants:
            top[f] = b.constant(m.constants[f])
    top["at"] = b.dates(m.columns["at"], 0)
    top["event"] = b.coded("event", b.col(m.columns["event"]), m.columns["event"], 0)
    if "role" in m.columns:
        top["role"] = b.coded("role", b.col(m.columns["role"]), m.columns["role"], 0)
    elif "role" in m.constants:
        top["role"] = m.constants["role"]
    else:
        import pyarrow as pa

        roles = pa.array([DEFAULT_ROLE[e] for e in EVENTS], pa.string())
        top["role"] = pc.take(roles, pc.index_in(top["event"], value_set=pa.array(EVENTS)))
    data: dict[str, tuple[pa.Array, bool]] = {}
    for f in DATA_FIELDS:
        if f in m.columns:
            data[f] = b.field_value(f, m.columns[f], 0)
        elif f in m.constants:
            data[f] = (b.constant(m.constants[f]), True)
    _flag_missing(
        b, top, {"case": m.columns["case"], "at": m.columns["at"], "event": m.columns["event"]}, 0
    )
    lines = _event_lines(b, top, data)
    n = b.n
    return _Events(lines, np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int64))


def _flag_missing(b: _Builder, top: dict[str, Any], cols: dict[str, str], step: int) -> None:
    """Rows whose required cell is blank (the date: only where the step happens)."""
    import numpy as np
    import pyarrow.compute as pc

    for f, column in cols.items():
        if f not in top:
            continue
        src = b.col(column)
        blank = np.asarray(pc.is_null(src).to_numpy(zero_copy_only=False), dtype=bool)
        if blank.any():
            b.flag(blank, step, column, _fixed(_reason("{field}: missing").format(field=f)))


def _fixed(reason: str) -> Callable[[int], str]:
    """A reason that does not depend on the row."""

    def at(_row: int) -> str:
        """The reason."""
        return reason

    return at


def _build_per_person(b: _Builder) -> _Events:
    """The events of a per-person table.

    For each row, one event per step whose date is filled
    (and whose ``when`` columns are), in the order of the steps.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    m, n = b.m, b.n
    case = b.col(m.columns["case"])
    # A person is one row: a case identifier seen on an earlier row is a reject.
    if n:
        # Column-wise: each identifier's code (dictionary encoding), the first row of each code.
        codes = pc.fill_null(pc.dictionary_encode(case).indices, -1).to_numpy()
        _, first_of_code, inverse = np.unique(codes, return_index=True, return_inverse=True)
        first = first_of_code[inverse.reshape(-1)]
        dup = (first != np.arange(n)) & (codes >= 0)
        if dup.any():
            b.flag(
                dup,
                -1,
                m.columns["case"],
                lambda r: _reason("case already on row {row}").format(row=b.t.row_number(first[r])),
            )
        blank = np.asarray(pc.is_null(case).to_numpy(zero_copy_only=False), dtype=bool)
        missing = _reason("{field}: missing").format(field="case")
        b.flag(blank, -1, m.columns["case"], _fixed(missing))
    shared: dict[str, Any] = {"case": case}
    for f in ("antenne", "staff"):
        if f in m.columns:
            shared[f] = b.col(m.columns[f])
        elif f in m.constants:
            shared[f] = b.constant(m.constants[f])
    per_step: list[pa.Array] = []
    for i, s in enumerate(m.steps):
        at = b.dates(s.date, i)
        happens = pc.is_valid(b.col(s.date))
        for w in s.when:
            happens = pc.and_(happens, pc.is_valid(b.col(w)))
        top = dict(shared)
        top["at"] = pc.if_else(happens, at, pa.scalar(None, pa.string()))
        top["event"] = s.event
        top["role"] = s.role
        cert_col = s.certification or (
            m.columns.get("certification") if s.event == "certification_chosen" else None
        )
        if cert_col:
            top["certification"] = b.col(cert_col)
        elif s.event == "certification_chosen" and "certification" in m.constants:
            top["certification"] = b.constant(m.constants["certification"])
        data: dict[str, tuple[pa.Array, bool]] = {}
        for f, v in s.constants.items():
            if isinstance(v, bool):
                data[f] = (b.constant("true" if v else "false"), False)
            elif isinstance(v, (int, float)):
                data[f] = (b.constant(str(v)), False)
            else:
                data[f] = (b.constant(str(v)), True)
        for f, column in s.data.items():
            data[f] = b.field_value(f, column, i)
        # Problems of cells of a step that does not happen are no problems.
        not_happening = np.asarray(pc.invert(happens).to_numpy(zero_copy_only=False), dtype=bool)
        for r in np.flatnonzero(not_happening & (b.bad_step == i)).tolist():
            b.bad_step[r] = np.iinfo(np.int64).max
            del b.bad[r]
        per_step.append(_event_lines(b, top, data))
    # Row-major interleaving: row 0's steps, row 1's steps... then the non-events dropped.
    k = len(per_step)
    order = np.arange(n, dtype=np.int64)[:, None] + np.arange(k, dtype=np.int64)[None, :] * n
    allx = pa.concat_arrays(per_step) if per_step else pa.array([], pa.string())
    taken = pc.take(allx, pa.array(order.ravel()))
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    steps = np.tile(np.arange(k, dtype=np.int64), n)
    return _Events(taken, rows, steps)


def _text(lines: pa.Array) -> bytes:
    """The JSON Lines text of a column of lines (each ending with a newline) without nulls.

    The column's data buffer, sliced (no Python loop over lines, no join).
    """
    import numpy as np
    import pyarrow as pa

    if len(lines) == 0:
        return b""
    arr = lines.cast(pa.large_string())
    offs = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    start, stop = int(offs[0]), int(offs[-1])
    text: bytes = arr.buffers()[2][start:stop].to_pybytes()
    return text


def _column_of(mapping: ImportMapping, step: Step | None, fld: str) -> str:
    """The spreadsheet column behind the event-log field of a reader's reject.

    Fields such as ``at``, ``event``, ``data.result``...): the step's date column for the event
    itself.
    """
    name = fld.split(".", 1)[1] if fld.startswith("data.") else fld
    if step is not None:
        if name in step.data:
            return step.data[name]
        if name == "certification" and step.certification:
            return step.certification
        if name in mapping.columns and name not in ("at", "event", "role"):
            return mapping.columns[name]
        return step.date
    if name in mapping.columns:
        return mapping.columns[name]
    return mapping.columns.get("event", mapping.columns["case"])


def import_table(
    source: Any,
    mapping: ImportMapping | Mapping[str, Any] | str | Path,
    *,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import a network's table into an event log (see the module's documentation).

    ``source``: a CSV path, an xlsx path, a pandas or polars DataFrame, or any object with
    ``__arrow_c_stream__``. ``mapping``: an :class:`ImportMapping`, its document as a dict, or the
    path of its JSON file. ``strict`` raises vaekit.ParseError at the first rejected row (the
    message names sheet, row, column and reason); otherwise rejected rows are listed. Raises
    vaekit.InvalidArgument for a bad mapping or a column the table lacks.
    """
    m = _as_mapping(mapping)
    note = progress or (lambda _s: None)
    note("reading")
    table = read_table(source, m)
    b = _Builder(table, m)
    note("building events")
    ev = _build_per_person(b) if m.shape == "per_person" else _build_per_event(b)
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    # Blank rows (every read cell blank) are no rows.
    nonblank = np.zeros(b.n, dtype=bool)
    for arr in table.columns.values():
        nonblank |= np.asarray(pc.is_valid(arr).to_numpy(zero_copy_only=False), dtype=bool)
    pre_bad = b.bad_step != np.iinfo(np.int64).max
    is_event = np.asarray(pc.is_valid(ev.lines).to_numpy(zero_copy_only=False), dtype=bool)
    keep = is_event & ~pre_bad[ev.row]
    note("checking against the transition table")
    lines = pc.filter(ev.lines, pa.array(keep))
    rows = ev.row[keep]
    steps = ev.step[keep]
    text = _text(lines)
    # The log of every line is read on a second thread while the replay checks them (both
    # release the GIL); it is the result when nothing is refused. pybind11 takes the bytes as
    # the std::string it wants (no decoding to str and back).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        whole = pool.submit(EventLog.parse, text, table.sheet, False)  # type: ignore[arg-type]
        states = parse_case_states(text, strict=False, source=table.sheet)  # type: ignore[arg-type]
        whole_log = whole.result()
    refused_row = np.zeros(b.n, dtype=bool)
    for rej in states.rejects:
        i = rej.line - 1
        r, s = int(rows[i]), int(steps[i])
        step = m.steps[s] if m.shape == "per_person" else None
        # The first problem of a row is kept; later events of a refused row follow from it.
        if not refused_row[r] and not pre_bad[r]:
            refused_row[r] = True
            b.bad[r] = (
                _column_of(m, step, rej.field),
                f"{rej.field}: {rej.reason}"
                if rej.field and not rej.reason.startswith("case ")
                else rej.reason,
            )
            b.bad_step[r] = s
    bad_rows = (b.bad_step != np.iinfo(np.int64).max) & nonblank
    case_ids = table.columns[m.columns["case"]]
    rejects = [
        TableReject(
            table.sheet,
            table.row_number(int(r)),
            b.bad[int(r)][0],
            b.bad[int(r)][1],
            case_ids[int(r)].as_py() or "",
        )
        for r in np.flatnonzero(bad_rows)
    ]
    if table.malformed:
        # Rows of the wrong shape: no column to name, no case read.
        rejects += [TableReject(table.sheet, n, "", why) for n, why in table.malformed]
        rejects.sort(key=lambda r: r.row)
    if strict and rejects:
        raise ParseError(str(rejects[0]))
    good = ~bad_rows[rows]
    if good.all() and not whole_log.rejects:
        log = whole_log
    else:
        note("building the log")
        final = _text(pc.filter(lines, pa.array(good)))
        log = EventLog.parse(final, source=table.sheet, strict=True)  # type: ignore[arg-type]
    read = int(nonblank.sum()) + len(table.malformed)
    return ImportResult(log, rejects, read, read - len(rejects), table.sheet)


# The constructors dataclasses generate, documented (docs/check_docstrings.py checks them).
ImportMapping.__init__.__doc__ = "A mapping from its fields (prefer ImportMapping.from_dict)."
ImportResult.__init__.__doc__ = "A result from its fields (import_table builds it)."
TableReject.__init__.__doc__ = "A reject from its sheet, row, column, reason and case."


def _as_mapping(mapping: ImportMapping | Mapping[str, Any] | str | Path) -> ImportMapping:
    """An ImportMapping from a mapping, a document dict or a JSON file path."""
    if isinstance(mapping, ImportMapping):
        return mapping
    if isinstance(mapping, (str, Path)):
        return ImportMapping.load(mapping)
    return ImportMapping.from_dict(mapping)


def _from_table(
    source: Any, mapping: ImportMapping | Mapping[str, Any] | str | Path, strict: bool = False
) -> EventLog:
    """An EventLog from a network's table (see vaekit.analytics.import_table).

    In lenient mode the rejected rows are left out (use import_table to list them).
    """
    return import_table(source, mapping, strict=strict).log


setattr(EventLog, "from_table", staticmethod(_from_table))  # noqa: B010 (added to the compiled class)


# ------------------------------------------------------------------------------- the guess
_SYNONYMS: list[tuple[str, tuple[str, ...]]] = [
    (
        "case",
        (
            "n dossier",
            "no dossier",
            "numero dossier",
            "num dossier",
            "dossier",
            "id",
            "identifiant",
            "case",
            "case id",
            "reference",
            "ref",
        ),
    ),
    ("antenne", ("antenne", "centre", "site", "point relais", "prc", "agence")),
    ("staff", ("conseiller", "conseillere", "counsellor", "staff", "referent", "charge")),
    (
        "certification",
        (
            "code rncp",
            "rncp",
            "certification",
            "code certification",
            "diplome vise",
            "certification visee",
            "code rs",
        ),
    ),
    ("at", ("date", "at", "date evenement", "jour")),
    ("event", ("evenement", "event", "etape", "type")),
    ("role", ("role", "acteur")),
    ("channel", ("canal", "canal accueil", "mode accueil", "channel", "origine")),
    ("to", ("orientation", "oriente vers", "to")),
    ("decision", ("decision", "decision recevabilite", "recevabilite")),
    ("result", ("resultat", "resultat jury", "result", "decision jury")),
    ("funding", ("financement", "funding", "financeur")),
]
# Per-person step columns: header words → (event, role, data field read from the same step).
_STEP_SYNONYMS: list[tuple[tuple[str, ...], str]] = [
    (("date accueil", "date d'accueil", "date reception", "received"), "received"),
    (("date information", "date reunion info"), "informed"),
    (
        (
            "date 1er rdv",
            "date premier rdv",
            "date 1er rendez-vous",
            "date premier rendez-vous",
            "first appointment",
        ),
        "appointment_held",
    ),
    (
        (
            "date depot recevabilite",
            "date envoi recevabilite",
            "date livret 1",
            "date depot livret 1",
        ),
        "admissibility_sent",
    ),
    (("date decision", "date recevabilite", "date decision recevabilite"), "admissibility_decided"),
    (("date debut accompagnement", "date accompagnement"), "support_started"),
    (("date depot livret 2", "date livret 2", "date envoi livret 2"), "validation_file_sent"),
    (("date jury",), "jury_held"),
    (("date abandon",), "dropped_out"),
]
_GUESS_FORMATS = ("yyyy-mm-dd", "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yy")


_STOP_WORDS = {"d", "de", "du", "des", "l", "la", "le", "les", "n", "no", "num", "numero", "of"}


def _words(text: str) -> str:
    """A header as plain words: folded, punctuation and French articles dropped."""
    words = re.sub(r"[^a-z0-9]+", " ", _fold(text)).split()
    return " ".join(w for w in words if w not in _STOP_WORDS)


def _match(header: str, words: Sequence[str]) -> bool:
    """Whether a header says one of ``words`` (accents, case, punctuation, articles ignored)."""
    return _words(header) in {_words(w) for w in words}


def guess_date_format(values: Sequence[str]) -> str | None:
    """The date format of a sample of cells, or None when none reads most of them.

    ISO cells are read whatever the format (workbook date cells come as ISO): when every cell is
    ISO, ``yyyy-mm-dd``. Otherwise the first of ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``,
    ``dd/mm/yy``, ``yyyy-mm-dd`` reading the most other cells, if it reads at least 90 % of them
    (a few bad dates do not hide the format).
    """
    others = [v for v in values if not _ISO_DATE.match(v)]
    if not others:
        return "yyyy-mm-dd" if values else None
    best, best_count = None, 0
    for fmt in (*_GUESS_FORMATS[1:], _GUESS_FORMATS[0]):
        code = date_format_to_strptime(fmt)
        count = 0
        for v in others:
            try:
                dt.datetime.strptime(v, code)
                count += 1
            except ValueError:
                pass
        if count > best_count:
            best, best_count = fmt, count
    return best if best_count >= 0.9 * len(others) else None


def guess_mapping(source: Any, *, sample_rows: int = 5000) -> dict[str, Any]:
    """A proposed ``ImportMapping.1`` document for a table.

    From its headers (French and English synonyms), with the date format detected and, for each
    coded column, its local values under
    ``values`` mapped to the code when the guess is sure and to ``""`` (to fill in) otherwise.

    Personal columns are listed under ``comment`` as never imported. The proposal is a start:
    check it, fill the blanks, then import with it.
    """
    table = read_table(source, None)
    headers = [h for h in table.headers if h]
    personal = [h for h in headers if looks_personal(h)]
    usable = [h for h in headers if h not in personal]
    columns: dict[str, str] = {}
    steps: list[dict[str, Any]] = []
    for h in usable:
        for words, event in _STEP_SYNONYMS:
            if _match(h, words) and not any(s["date"] == h for s in steps):
                steps.append({"event": event, "date": h, "role": DEFAULT_ROLE[event]})
                break
        else:
            for f, words in _SYNONYMS:
                if f not in columns and _match(h, words):
                    columns[f] = h
                    break
    shape = "per_person" if len(steps) >= 2 else "per_event"
    date_cols = (
        [s["date"] for s in steps]
        if shape == "per_person"
        else ([columns["at"]] if "at" in columns else [])
    )
    sample: list[str] = []
    for c in date_cols:
        if c in table.columns:
            sample += [v for v in table.columns[c][:sample_rows].to_pylist() if v]
    fmt = guess_date_format(sample[:2000]) or "dd/mm/yyyy"
    values: dict[str, dict[str, str]] = {}
    for f in CODED:
        c = columns.get(f)
        if c is None or c not in table.columns:
            continue
        import pyarrow.compute as pc

        local = sorted(v for v in pc.unique(table.columns[c][:sample_rows]).to_pylist() if v)
        values[f] = {v: _guess_code(f, v) for v in local[:100]}
    if shape == "per_person":
        steps = _implied_steps(steps, columns)
        columns.pop("at", None)
        columns.pop("event", None)
    doc: dict[str, Any] = {"schema": SCHEMA, "shape": shape, "date_format": fmt}
    if isinstance(source, (str, Path)):
        doc["source"] = Path(source).name
    if table.sheet and isinstance(source, (str, Path)) and Path(source).suffix.lower() != ".csv":
        doc["sheet"] = table.sheet
    doc["columns"] = columns
    if steps:
        doc["steps"] = steps
    if values:
        doc["values"] = values
    unused = [
        h
        for h in usable
        if h not in columns.values()
        and not any(h == s["date"] or h in s.get("data", {}).values() for s in steps)
    ]
    from ..i18n import pgettext

    doc["comment"] = (
        pgettext(
            "import guess",
            "Proposed by vaekit import --guess: check every line, map each local value to a "
            "code (a blank code is to fill in), add the steps vaekit did not recognise.",
        )
        + (
            " "
            + pgettext("import guess", "Personal columns never imported: {columns}.").format(
                columns=", ".join(personal)
            )
            if personal
            else ""
        )
        + (
            " "
            + pgettext("import guess", "Columns not used: {columns}.").format(
                columns=", ".join(unused)
            )
            if unused
            else ""
        )
    )
    return doc


def _implied_steps(steps: list[dict[str, Any]], columns: dict[str, str]) -> list[dict[str, Any]]:
    """The steps of a per-person sheet completed with what the table requires between them.

    The choice of certification and the orientation happen at the first appointment (when the
    sheet has those columns), the request is prepared when it is sent, the jury is scheduled
    when it is held; the data columns go to their step (channel → received, decision →
    admissibility_decided, result → jury_held). Steps in the order of the pathway.
    """
    by_event = {s["event"]: s for s in steps}
    rdv = by_event.get("appointment_held")
    if rdv is not None and "certification" in columns and "certification_chosen" not in by_event:
        cert = columns["certification"]
        by_event["certification_chosen"] = {
            "event": "certification_chosen",
            "date": rdv["date"],
            "role": "counsellor",
            "when": [cert],
        }
    if rdv is not None and "to" in columns and "oriented" not in by_event:
        to = columns.pop("to")
        by_event["oriented"] = {
            "event": "oriented",
            "date": rdv["date"],
            "role": "counsellor",
            "when": [to],
            "data": {"to": to},
        }
    sent = by_event.get("admissibility_sent")
    if sent is not None and "admissibility_started" not in by_event:
        by_event["admissibility_started"] = {
            "event": "admissibility_started",
            "date": sent["date"],
            "role": "counsellor",
        }
    held = by_event.get("jury_held")
    if held is not None and "jury_scheduled" not in by_event:
        by_event["jury_scheduled"] = {
            "event": "jury_scheduled",
            "date": held["date"],
            "role": "certifier",
        }
    for event, f in (
        ("received", "channel"),
        ("admissibility_decided", "decision"),
        ("jury_held", "result"),
        ("support_started", "funding"),
    ):
        if event in by_event and f in columns:
            by_event[event]["data"] = {f: columns.pop(f)}
    return [by_event[e] for e in EVENTS if e in by_event]


_CODE_WORDS: dict[str, list[tuple[str, str]]] = {
    "channel": [
        ("physique", "walk_in"),
        ("walk", "walk_in"),
        ("telephon", "phone"),
        ("phone", "phone"),
        ("ligne", "online"),
        ("internet", "online"),
        ("mail", "online"),
        ("online", "online"),
        ("reunion", "info_session"),
        ("session", "info_session"),
    ],
    "decision": [
        ("non recevable", "not_admissible"),
        ("irrecevable", "not_admissible"),
        ("incomplet", "incomplete"),
        ("recevable", "admissible"),
        ("favorable", "admissible"),
    ],
    "result": [
        ("totale", "full"),
        ("complete", "full"),
        ("partielle", "partial"),
        ("refus", "refused"),
        ("absent", "absent"),
        ("full", "full"),
        ("partial", "partial"),
    ],
    "to": [
        ("vae", "vae"),
        ("vap", "vap"),
        ("formation", "training"),
        ("bilan", "skills_assessment"),
        ("autre", "other"),
    ],
    "funding": [
        ("cpf", "cpf"),
        ("opco", "opco"),
        ("opca", "opca"),
        ("region", "region"),
        ("employeur", "employer"),
        ("personnel", "self"),
        ("aucun", "none"),
    ],
}


def _guess_code(f: str, value: str) -> str:
    """The code a local value most likely means, or ``""`` when unsure."""
    v = _fold(value)
    if v in CODED[f]:
        return v
    for word, code in _CODE_WORDS.get(f, []):
        if word in v:
            return code
    return ""


def iter_rejects_csv(rejects: Sequence[TableReject]) -> Iterator[str]:
    """The rejects as CSV lines (header first): sheet, row, column, case, reason."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["sheet", "row", "column", "case", "reason"])
    for r in rejects:
        w.writerow([r.sheet, r.row, r.column, r.case, r.reason])
    yield buf.getvalue()
