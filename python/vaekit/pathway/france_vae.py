"""France VAE's status history into a vaekit event log, and the two-way mapping behind it.

The France VAE service (the national service of the 2022-2024 reform) records each candidacy's
steps in its ``CandidaciesStatus`` table: one row per status taken, with the candidacy, the
status (a ``CandidacyStatusStep`` value), the instant and whether it is the current one.
:func:`import_france_vae` reads that history as a CSV (columns ``candidacy_id``, ``status``,
``created_at``, ``is_active``; optional ``type_accompagnement``, ``typology``,
``exam_result``, ``archiving_reason``) and writes the events it means through the transition
table, with the rows it refuses as :class:`vaekit.analytics.tabular.TableReject` and the counts of
:class:`vaekit.analytics.tabular.ImportResult` (``rows_read == rows_accepted + rows_rejected``).

The correspondence is data, not code: ``france_vae_mapping.json`` (schema
``FranceVaeMapping.1``, docs/formats/france-vae.md) gives, for every status, the events it
records and their roles, the way back from each reform-era event to a status, and the value
tables of France VAE's enumerations (typology, jury results, archiving and drop-out reasons,
accompaniment, gender, feasibility decisions, funding modules) into vaekit's codes.
:class:`FranceVaeMapping` reads and checks it against the vocabulary of this vaekit.

The CSV is read by the standard library (the files are a few hundred thousand rows at most):
every line on its own, so that a bad line (invalid UTF-8, a wrong number of fields, a quote
left open) is one reject and never stops the import. No message quotes a cell that does not
look like the code or the date it should be (a name or an address typed into a column is
never repeated in a reject); columns other than those above are never read.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .. import _vaekit
from .._vaekit import EventLog, InvalidArgument, IoError, ParseError, parse_case_states
from ..analytics.tabular import ImportResult, TableReject, detect_separator
from ..core.documents import load_json_document

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "SCHEMA",
    "EventSpec",
    "FranceVaeMapping",
    "history_of",
    "import_france_vae",
    "mapping_markdown",
]

SCHEMA = "FranceVaeMapping.1"
# The columns of France VAE's CandidaciesStatus (its @map names), all required.
COLUMNS = ("candidacy_id", "status", "created_at", "is_active")
# Optional columns from the candidacy and its jury (France VAE's own column names).
OPTIONAL_COLUMNS = ("type_accompagnement", "typology", "exam_result", "archiving_reason")
# Optional columns of the candidacy itself: a value on any of its rows holds for all of them.
_CANDIDACY_COLUMNS = ("type_accompagnement", "typology")
# Statuses that tell an accompanied candidacy (an AAP took it in charge or built its pathway),
# when no type_accompagnement column says so.
_ACCOMPANIED_STATUSES = frozenset(
    {"PRISE_EN_CHARGE", "PARCOURS_ENVOYE", "PARCOURS_CONFIRME", "DEMANDE_FINANCEMENT_ENVOYE"}
)
_CODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,47}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}$")
_INSTANT = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_TRUE = frozenset({"true", "t", "1", "yes", "y", "oui"})
_FALSE = frozenset({"false", "f", "0", "no", "n", "non"})


def _quote(value: str) -> str:
    """A code-like or date-like cell quoted for a message; anything else is not repeated."""
    if _CODE.match(value) or re.match(r"^[0-9TZ:.+\- ]{1,40}$", value):
        return json.dumps(value)
    return "a value that is not shown (it is not a code or a date)"


def _vocabulary() -> dict[str, dict[str, Any]]:
    """The event-log vocabulary of this vaekit: field name -> description."""
    return {str(f["name"]): f for f in _vaekit.event_vocabulary()}


def _known(event: str, role: str) -> str | None:
    """Why ``event`` or ``role`` is not in this vaekit's vocabulary (None: both are)."""
    try:
        _vaekit.Event("C", event, "2024-01-01", role)
    except _vaekit.Error as exc:
        # "<arguments>: event: unknown value ..."; a missing required data field is not our
        # concern here (the mapping fills data from the history).
        why = str(exc).split(": ", 1)[-1]
        return why if why.startswith(("event:", "role:")) else None
    return None


# ------------------------------------------------------------------------------ the mapping
@dataclass(frozen=True)
class EventSpec:
    """One event a status records: its name, role(s), constant data and data from columns.

    ``role`` is a role, or a mapping ``{"accompanied": ..., "autonomous": ...}``;
    ``data_from`` maps a data field to the optional column holding its France VAE value;
    ``only_if`` names a column that must be filled for the event to be recorded.
    """

    event: str
    role: str | dict[str, str]
    data: dict[str, str] = field(default_factory=dict)
    data_from: dict[str, str] = field(default_factory=dict)
    only_if: str | None = None

    def role_for(self, accompaniment: str) -> str:
        """The role recording the event for an ``accompanied`` or ``autonomous`` candidacy."""
        if isinstance(self.role, str):
            return self.role
        return self.role[accompaniment]


@dataclass(frozen=True)
class FranceVaeMapping:
    """The ``FranceVaeMapping.1`` document, checked against this vaekit's vocabulary.

    ``statuses``: each ``CandidacyStatusStep`` value -> the events it records;
    ``back``: each reform-era event -> the status it shows in France VAE (None: no status;
    a dict by decision for ``feasibility_decided``); ``values``: each France VAE enumeration
    (by the column or name used here) -> ``{"field": vaekit field, "map": {value: code}}``.
    """

    statuses: dict[str, tuple[EventSpec, ...]]
    back: dict[str, str | dict[str, str] | None]
    values: dict[str, dict[str, Any]]
    document: dict[str, Any]

    @staticmethod
    def default() -> FranceVaeMapping:
        """The mapping shipped with vaekit (``vaekit/pathway/france_vae_mapping.json``)."""
        text = resources.files(__package__).joinpath("france_vae_mapping.json").read_bytes()
        return FranceVaeMapping.from_json(text)

    @staticmethod
    def load(path: str | Path) -> FranceVaeMapping:
        """The mapping of a ``FranceVaeMapping.1`` JSON file."""
        return FranceVaeMapping.from_json(Path(path).read_bytes())

    @staticmethod
    def from_json(text: str | bytes) -> FranceVaeMapping:
        """The mapping of a JSON text.

        As every vaekit document reader: bytes must be UTF-8, a key may not repeat, and nesting
        deeper than Python can decode is refused; each is a :class:`vaekit.ParseError`.
        """
        doc = load_json_document(text, "FranceVaeMapping")
        return FranceVaeMapping.from_dict(doc)

    @staticmethod
    def from_dict(doc: Mapping[str, Any]) -> FranceVaeMapping:
        """The mapping of a decoded document.

        Raises vaekit.InvalidArgument naming the entry for a wrong schema, an event, role or
        code that this vaekit does not know.
        """
        if not isinstance(doc, Mapping) or doc.get("schema") != SCHEMA:
            raise InvalidArgument(f"schema: expected {SCHEMA!r}")
        try:
            return FranceVaeMapping._checked(doc)
        except InvalidArgument:
            raise
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            # An entry of the wrong type (a list where an object is expected, ...).
            raise InvalidArgument(
                f"FranceVaeMapping: not the shape of {SCHEMA} ({type(exc).__name__}; "
                "docs/formats/france-vae.md)"
            ) from None

    @staticmethod
    def _checked(doc: Mapping[str, Any]) -> FranceVaeMapping:
        """from_dict's checks (a wrong type raises TypeError & co, turned into InvalidArgument)."""
        vocab = _vocabulary()

        def code_of(fld: str, code: Any, where: str) -> None:
            if code is None:
                return
            values = vocab.get(fld, {}).get("values") or ()
            if code not in values:
                raise InvalidArgument(f"{where}: {code!r} is not a {fld} code of this vaekit")

        statuses: dict[str, tuple[EventSpec, ...]] = {}
        raw = doc.get("statuses")
        if not isinstance(raw, Mapping) or not raw:
            raise InvalidArgument("statuses: expected an object")
        for status, entry in raw.items():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("events"), list):
                raise InvalidArgument(f"statuses.{status}: expected an object with events")
            specs = []
            for i, e in enumerate(entry["events"]):
                where = f"statuses.{status}.events[{i}]"
                if not isinstance(e, Mapping) or not isinstance(e.get("event"), str):
                    raise InvalidArgument(f"{where}: expected an object with an event")
                raw_role = e.get("role")
                role: str | dict[str, str]
                if isinstance(raw_role, str):
                    role = raw_role
                elif isinstance(raw_role, Mapping) and set(raw_role) == {
                    "accompanied",
                    "autonomous",
                }:
                    role = {str(k): str(v) for k, v in raw_role.items()}
                else:
                    raise InvalidArgument(f"{where}.role: a role or one by accompaniment")
                for r in [role] if isinstance(role, str) else list(role.values()):
                    why = _known(str(e["event"]), r)
                    if why is not None:
                        raise InvalidArgument(f"{where}: {why}")
                data = dict(e.get("data", {}))
                for k, v in data.items():
                    code_of(k, v, f"{where}.data.{k}")
                specs.append(
                    EventSpec(
                        str(e["event"]),
                        role,
                        data,
                        dict(e.get("data_from", {})),
                        e.get("only_if"),
                    )
                )
            statuses[str(status)] = tuple(specs)
        back = dict(doc.get("back", {}))
        for ev, st in back.items():
            why = _known(ev, "system")
            if why is not None:
                raise InvalidArgument(f"back.{ev}: {why}")
            for s in st.values() if isinstance(st, Mapping) else [st]:
                if s is not None and s not in statuses:
                    raise InvalidArgument(f"back.{ev}: {s!r} is not a status of the mapping")
        values = {str(k): dict(v) for k, v in doc.get("values", {}).items()}
        for name, table in values.items():
            fld = str(table.get("field"))
            for value, code in table.get("map", {}).items():
                code_of(fld, code, f"values.{name}.map.{value}")
            listed = {v for vs in table.get("in", {}).values() for v in vs}
            if listed != set(table.get("map", {})):
                raise InvalidArgument(
                    f"values.{name}: the values listed in 'in' are not those mapped"
                )
        for spec in (s for specs in statuses.values() for s in specs):
            for fld, col in spec.data_from.items():
                if col not in values or values[col]["field"] != fld:
                    raise InvalidArgument(f"{spec.event}: data_from.{fld}: no value table {col!r}")
        return FranceVaeMapping(statuses, back, values, dict(doc))

    def events_for(self, status: str) -> tuple[EventSpec, ...]:
        """The events a status records (empty for a status that records none)."""
        return self.statuses[status]

    def status_for(self, event: str, data: Mapping[str, Any] | None = None) -> str | None:
        """The France VAE status an event shows (None: no status of its own)."""
        st = self.back.get(event)
        if isinstance(st, Mapping):
            return st.get(str((data or {}).get("decision")))
        return st

    def code(self, table: str, value: str) -> str | None:
        """The vaekit code of a France VAE value (``table``: e.g. ``typology``), or None."""
        got = self.values[table]["map"].get(value)
        return None if got is None else str(got)

    def value(self, table: str, code: str) -> str | None:
        """The France VAE value of a vaekit code.

        The explicit ``back`` entry, else the one value mapped to it (None when none is).
        """
        t = self.values[table]
        if code in t.get("back", {}):
            return str(t["back"][code])
        found = [v for v, c in t["map"].items() if c == code]
        return found[0] if len(found) == 1 else None


# The constructors dataclasses generate, documented (docs/check_docstrings.py checks them).
EventSpec.__init__.__doc__ = "An event spec from its fields (FranceVaeMapping builds them)."
FranceVaeMapping.__init__.__doc__ = "A mapping from its fields (prefer FranceVaeMapping.default)."


# ------------------------------------------------------------------------------ the reader
@dataclass
class _Row:
    """A well-formed row of the history."""

    line: int
    case: str
    status: str
    instant: dt.datetime
    at: str
    active: bool
    extra: dict[str, str]


def _read_bytes(source: Any) -> tuple[bytes, str]:
    """The bytes of the source (a path, bytes, or a binary file object) and its name."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<bytes>"
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise IoError(errno.ENOENT, "no such file", str(path))
        if not path.is_file():
            raise IoError(errno.EISDIR, "not a file", str(path))
        return path.read_bytes(), path.name
    read = getattr(source, "read", None)
    if callable(read):
        data = read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return bytes(data), str(getattr(source, "name", "<stream>"))
    raise InvalidArgument("source: expected a CSV path, bytes or a binary file object")


def _instant(text: str) -> tuple[dt.datetime, str] | str:
    """The instant of an ISO date-time (UTC offset or Z) and its event-log text, or why not."""
    m = _INSTANT.match(text)
    if not m:
        return f"{_quote(text)} is not an ISO date-time (2024-03-05T10:12:00Z)"
    y, mo, d, h, mi, s, frac, off = m.groups()
    try:
        day = dt.date(int(y), int(mo), int(d))
        if h is None:
            return dt.datetime(
                day.year, day.month, day.day, tzinfo=dt.timezone.utc
            ), day.isoformat()
        if off is None:
            return f"{_quote(text)} has no UTC offset (write Z or +01:00)"
        if off == "Z":
            tz = dt.timezone.utc
            off_text = "Z"
        else:
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            oh, om = int(digits[:2]), int(digits[2:4] or 0)
            if oh > 23 or om > 59:
                raise ValueError
            tz = dt.timezone(sign * dt.timedelta(hours=oh, minutes=om))
            off_text = f"{off[0]}{oh:02d}:{om:02d}"
        micro = int((frac or "0")[:6].ljust(6, "0"))
        when = dt.datetime(day.year, day.month, day.day, int(h), int(mi), int(s or 0), micro, tz)
    except ValueError:
        return f"{_quote(text)} is not a date-time that exists"
    if not 1900 <= when.year <= 2999:
        return f"{_quote(text)}: year out of range"
    return when, f"{y}-{mo}-{d}T{h}:{mi}:{s or '00'}{off_text}"


def _split_lines(data: bytes) -> list[bytes]:
    """The lines of the file (LF, CRLF or CR)."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")


def _read_history(
    data: bytes, name: str, mapping: FranceVaeMapping
) -> tuple[list[_Row], list[TableReject], int]:
    """Rows that are well formed, rejects for the others, and the count of non-blank rows."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = _split_lines(data)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ParseError(f"{name}: row 1: no header row")
    try:
        head_text = lines[first].decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(f"{name}: row {first + 1}: the header is not UTF-8 text") from None
    sep = detect_separator(head_text)
    header = [h.strip().lower() for h in next(csv.reader([head_text], delimiter=sep), [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InvalidArgument(
            f"{name}: no column {', '.join(repr(c) for c in missing)} (a France VAE status "
            f"history has the columns {', '.join(COLUMNS)})"
        )
    where = {c: header.index(c) for c in (*COLUMNS, *OPTIONAL_COLUMNS) if c in header}
    rows: list[_Row] = []
    rejects: list[TableReject] = []
    read = 0
    for i in range(first + 1, len(lines)):
        raw, n = lines[i], i + 1
        if not raw.strip(b" \t" + sep.encode()):
            continue
        read += 1
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            rejects.append(TableReject(name, n, "", f"not UTF-8 text (byte {raw[exc.start]:#04x})"))
            continue
        if '"' not in text:
            cells = text.split(sep)  # no quoting: what the csv module would give, faster
        else:
            try:
                cells = next(csv.reader([text], delimiter=sep, strict=True))
            except csv.Error:
                rejects.append(TableReject(name, n, "", "not a CSV line (a quote left open?)"))
                continue
        if len(cells) != len(header):
            rejects.append(
                TableReject(name, n, "", f"{len(cells)} fields where the header has {len(header)}")
            )
            continue
        row = _check_row(n, {c: cells[k].strip() for c, k in where.items()}, mapping, name)
        if isinstance(row, TableReject):
            rejects.append(row)
        else:
            rows.append(row)
    return rows, rejects, read


def _check_row(
    n: int, cell: dict[str, str], mapping: FranceVaeMapping, name: str
) -> _Row | TableReject:
    """A row checked cell by cell (the first problem is the reject)."""
    case = cell["candidacy_id"]
    if not case:
        return TableReject(name, n, "candidacy_id", "no candidacy identifier")
    if not _ID.match(case):
        why = (
            "looks like personal data (an e-mail address), not an identifier"
            if "@" in case
            else "not an identifier (letters, digits, - _ . : and at most 64 characters)"
        )
        return TableReject(name, n, "candidacy_id", f"{why}: the cell is not shown")
    status = cell["status"]
    if status not in mapping.statuses:
        return TableReject(
            name,
            n,
            "status",
            f"{_quote(status)} is not a France VAE status (CandidacyStatusStep: "
            f"{', '.join(mapping.statuses)})"
            if status
            else "no status",
            case,
        )
    got = _instant(cell["created_at"])
    if isinstance(got, str):
        return TableReject(name, n, "created_at", got if cell["created_at"] else "no date", case)
    active = cell["is_active"].lower()
    if active not in _TRUE | _FALSE:
        return TableReject(
            name, n, "is_active", f"{_quote(cell['is_active'])} is not true or false", case
        )
    extra: dict[str, str] = {}
    for col in OPTIONAL_COLUMNS:
        v = cell.get(col, "")
        if not v:
            continue
        if v not in mapping.values[col]["map"]:
            return TableReject(
                name,
                n,
                col,
                f"{_quote(v)} is not a value of {mapping.values[col]['enum']} "
                f"(accepted: {', '.join(mapping.values[col]['map'])})",
                case,
            )
        extra[col] = v
    return _Row(n, case, status, got[0], got[1], active in _TRUE, extra)


# ------------------------------------------------------------------------------ the events
def _events_of(rows: list[_Row], mapping: FranceVaeMapping) -> list[tuple[int, dict[str, Any]]]:
    """The events of one candidacy's rows (sorted by time): (source line, event) pairs.

    The candidacy is submitted at VALIDATION, or with its first status past PROJET when its
    history has no VALIDATION (an autonomous candidacy, or a history that starts later); a
    status repeated without a change records nothing; a status after ARCHIVE unarchives
    (``reactivated``) and records its own events unless it is the status held before.
    """
    declared = next(
        (r.extra["type_accompagnement"] for r in rows if "type_accompagnement" in r.extra), None
    )
    if declared is not None:
        accompaniment = mapping.code("type_accompagnement", declared) or "accompanied"
    else:
        accompanied = any(r.status in _ACCOMPANIED_STATUSES for r in rows)
        accompaniment = "accompanied" if accompanied else "autonomous"
    out: list[tuple[int, dict[str, Any]]] = []
    submitted = False
    previous: str | None = None
    before_archive: str | None = None
    archived = False

    def event(row: _Row, spec: EventSpec) -> dict[str, Any]:
        data = dict(spec.data)
        for fld, col in spec.data_from.items():
            if col == "type_accompagnement":
                data[fld] = accompaniment
            elif col in row.extra:
                code = mapping.code(col, row.extra[col])
                if code is not None:
                    data[fld] = code
        ev: dict[str, Any] = {
            "case": row.case,
            "at": row.at,
            "event": spec.event,
            "role": spec.role_for(accompaniment),
        }
        if data:
            ev["data"] = data
        return ev

    # The submission's events (candidacy_submitted, and the profile when typology is known),
    # recorded at VALIDATION or with the first status past PROJET.
    submit = mapping.statuses.get("VALIDATION", ())
    for col in _CANDIDACY_COLUMNS:
        value = next((r.extra[col] for r in rows if col in r.extra), None)
        if value is not None:
            for r in rows:
                r.extra.setdefault(col, value)
    for row in rows:
        s = row.status
        if s == "ARCHIVE":
            if submitted and not archived:
                out += [(row.line, event(row, spec)) for spec in mapping.events_for(s)]
                archived, before_archive = True, previous
            previous = s
            continue
        if s == "PROJET" and not submitted:
            previous = s
            continue
        if not submitted and submit and s != "VALIDATION":
            out += [
                (row.line, event(row, spec))
                for spec in submit
                if spec.only_if is None or spec.only_if in row.extra
            ]
            submitted = True
        if archived:
            out.append(
                (
                    row.line,
                    {"case": row.case, "at": row.at, "event": "reactivated", "role": "system"},
                )
            )
            archived = False
            if s == before_archive:
                previous = s
                continue
        elif s == previous:
            continue
        for spec in mapping.events_for(s):
            if spec.only_if is not None and spec.only_if not in row.extra:
                continue
            out.append((row.line, event(row, spec)))
            if spec.event == "candidacy_submitted":
                submitted = True
        previous = s
    return out


def _line(ev: Mapping[str, Any]) -> str:
    """The JSON line of an event."""
    return json.dumps(ev, ensure_ascii=False, separators=(",", ":")) + "\n"


def import_france_vae(
    source: Any,
    *,
    mapping: FranceVaeMapping | str | Path | None = None,
    strict: bool = False,
    key: Any = None,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import a France VAE status history (CSV) into an event log, with rejects.

    ``source``: the CSV's path, its bytes or a binary file object, with the columns
    ``candidacy_id``, ``status`` (a ``CandidacyStatusStep`` value), ``created_at`` (ISO
    date-time with its UTC offset), ``is_active`` and optionally ``type_accompagnement``
    (``ACCOMPAGNE``/``AUTONOME``), ``typology`` (a ``CandidateTypology``: the profile's
    employment, recorded with the submission), ``exam_result`` (an ``ExamResult`` on the
    ``CERTIFICATION`` row) and ``archiving_reason`` (a ``CandidacyArchivingReason`` on the
    ``ARCHIVE`` row); the separator is detected. ``mapping``: a :class:`FranceVaeMapping` or
    the path of a ``FranceVaeMapping.1`` file (default: the one shipped). ``key``: a
    :class:`vaekit.PseudonymKey` (or its bytes); given, the log's candidacy identifiers are
    keyed pseudonyms, and the rejects name candidacies by the same pseudonyms. ``strict``
    raises vaekit.ParseError at the first reject.

    Rows are checked cell by cell, duplicates (same candidacy, status and instant) and a second
    active status of a candidacy are refused, then each candidacy's rows are ordered by time
    and their events replayed through the transition table: a row whose event the table
    refuses is a reject naming the rule, and none of its events is kept.
    """
    note = progress or (lambda _s: None)
    m = (
        mapping
        if isinstance(mapping, FranceVaeMapping)
        else FranceVaeMapping.default()
        if mapping is None
        else FranceVaeMapping.load(mapping)
    )
    note("reading")
    data, name = _read_bytes(source)
    rows, rejects, read = _read_history(data, name, m)
    # Duplicates and a second active status.
    seen: dict[tuple[str, str, dt.datetime], int] = {}
    active: dict[str, int] = {}
    kept: list[_Row] = []
    for r in rows:
        k = (r.case, r.status, r.instant)
        if k in seen:
            rejects.append(
                TableReject(
                    name,
                    r.line,
                    "",
                    f"duplicate of row {seen[k]} (same candidacy, status and instant)",
                    r.case,
                )
            )
            continue
        seen[k] = r.line
        if r.active and r.case in active:
            rejects.append(
                TableReject(
                    name,
                    r.line,
                    "is_active",
                    f"a second active status of the "
                    f"candidacy (the active one is row {active[r.case]})",
                    r.case,
                )
            )
            continue
        if r.active:
            active[r.case] = r.line
        kept.append(r)
    note("building events")
    by_case: dict[str, list[_Row]] = {}
    for r in sorted(kept, key=lambda r: (r.case, r.instant, r.line)):
        by_case.setdefault(r.case, []).append(r)
    events: list[tuple[int, dict[str, Any]]] = []
    for case_rows in by_case.values():
        events += _events_of(case_rows, m)
    note("checking against the transition table")
    refused: dict[int, tuple[str, str, str]] = {}
    case_of = {r.line: r.case for r in kept}
    column = {"at": "created_at", "case": "candidacy_id", "role": "status", "event": "status"}
    texts = [(line, _line(ev)) for line, ev in events]
    # A row with a refused event loses all its events; the rest is replayed again until the
    # table accepts every event left (each round refuses at least one more row, or stops).
    while True:
        live = [(line, t) for line, t in texts if line not in refused]
        text = "".join(t for _, t in live)
        states = parse_case_states(text.encode(), strict=False, source=name)  # type: ignore[arg-type]
        new = 0
        for rej in states.rejects:
            line = live[rej.line - 1][0]
            if line in refused:
                continue
            fld = str(rej.field)
            col = column.get(fld, "status")
            refused[line] = (
                col,
                f"{fld}: {rej.reason}"
                if fld and not rej.reason.startswith("case ")
                else rej.reason,
                case_of[line],
            )
            new += 1
        if new == 0:
            break
    for line, (col, why, case) in refused.items():
        rejects.append(TableReject(name, line, col, why, case))
    rejects.sort(key=lambda r: r.row)
    if key is not None:
        # The log and the rejects name the candidacy as the log does: by its keyed pseudonym.
        key = (
            key
            if isinstance(key, _vaekit.PseudonymKey)
            else _vaekit.PseudonymKey(key.encode() if isinstance(key, str) else bytes(key))
        )
        rejects = [_pseudonymous(r, key) for r in rejects]
    if strict and rejects:
        raise ParseError(str(rejects[0]))
    note("building the log")
    log = EventLog.parse(text.encode(), source=name, strict=True)  # type: ignore[arg-type]
    if key is not None:
        log = log.pseudonymised(key)
    return ImportResult(log, rejects, read, read - len(rejects), name)


def _pseudonymous(r: TableReject, key: Any) -> TableReject:
    """A reject naming its candidacy by keyed pseudonym (in ``case`` and in the reason)."""
    if not r.case:
        return r
    alias = key.pseudonym("case", r.case)
    reason = r.reason.replace(json.dumps(r.case), json.dumps(alias))
    return TableReject(r.sheet, r.row, r.column, reason, alias)


def history_of(log: Any, mapping: FranceVaeMapping | None = None) -> list[dict[str, str]]:
    """The way back: the France VAE status rows an event log shows.

    Rows of ``candidacy_id``, ``status``, ``created_at``, ``is_active`` (the last status of each
    case active). Events without a status of their own (see the mapping's ``back``) give no row.
    """
    m = mapping or FranceVaeMapping.default()
    out: list[dict[str, str]] = []
    last: dict[str, int] = {}
    for ev in _records(log):
        st = m.status_for(str(ev["event"]), ev.get("data"))
        if st is None:
            continue
        last[str(ev["case"])] = len(out)
        out.append(
            {
                "candidacy_id": str(ev["case"]),
                "status": st,
                "created_at": str(ev["at"]),
                "is_active": "false",
            }
        )
    for i in last.values():
        out[i]["is_active"] = "true"
    return out


def _records(log: Any) -> Iterable[Mapping[str, Any]]:
    """The events of a log as dicts (an EventLog, or a sequence of dicts or vaekit.Event)."""
    items = log.events() if isinstance(log, EventLog) else log
    return [e if isinstance(e, Mapping) else e.to_dict() for e in items]


def mapping_markdown(mapping: FranceVaeMapping | None = None) -> str:
    """The mapping's tables in Markdown (docs/formats/france-vae.md holds them; a test checks).

    One table of statuses (versions, events with role and data, why) and one per value table.
    """
    m = mapping or FranceVaeMapping.default()
    doc = m.document
    out = [
        "| Status | In | vaekit events (role; data) | Why |",
        "|---|---|---|---|",
    ]
    for status, entry in doc["statuses"].items():
        evs = []
        for e in entry["events"]:
            role = e["role"] if isinstance(e["role"], str) else "aap or candidate (autonomous)"
            data = [f"{k}={v}" for k, v in e.get("data", {}).items()]
            data += [f"{k} from `{c}`" for k, c in e.get("data_from", {}).items()]
            cond = f", if `{e['only_if']}` is filled" if e.get("only_if") else ""
            evs.append(f"`{e['event']}` ({role}{'; ' + ', '.join(data) if data else ''}{cond})")
        out.append(
            f"| `{status}` | {', '.join(entry['in'])} | {'<br>'.join(evs) or '—'} | "
            f"{entry['why']} |"
        )
    out += ["", "| vaekit event | France VAE status | Why not |", "|---|---|---|"]
    for event, status in doc["back"].items():
        if isinstance(status, Mapping):
            shown = ", ".join(f"{k}: `{v}`" for k, v in status.items())
        else:
            shown = f"`{status}`" if status else "—"
        out.append(f"| `{event}` | {shown} | {doc.get('back_why', {}).get(event, '')} |")
    for name, table in doc["values"].items():
        out += [
            "",
            f"`{name}` ({table['enum']}) → `{table['field']}`:",
            "",
            "| France VAE value | In | vaekit code |",
            "|---|---|---|",
        ]
        where: dict[str, list[str]] = {}
        for version, values in table["in"].items():
            for v in values:
                where.setdefault(v, []).append(version)
        for value, code in table["map"].items():
            out.append(
                f"| `{value}` | {', '.join(where.get(value, []))} | "
                f"{'`' + code + '`' if code else '— (not a decision)'} |"
            )
        if table.get("back"):
            back = ", ".join(f"`{c}` → `{v}`" for c, v in table["back"].items())
            out += ["", f"Way back where several values share a code: {back}."]
    return "\n".join(out) + "\n"
