"""The ``vaekit`` command: the library's main tasks from a terminal.

Sub-commands::

    vaekit demo [--out DIR]                      the main job on the embedded example data
    vaekit registry load|search|changes ...      France Compétences RNCP/RS exports
    vaekit cases validate|import|export|migrate  event logs v1 and the case store
    vaekit report LOG --key-file K [--out DIR]   the activity report, with disclosure control
    vaekit programme plan|validate ...           the professionalisation days
    vaekit simulate [--scenario S] [--seed N]    a simulated year of a network
    vaekit export xes|ocel|csv LOG OUT --key-file K   process-mining and table exports
    vaekit calendar YEAR                         French public holidays and working days
    vaekit import SOURCE --mapping M.json -o LOG.jsonl   a network's spreadsheet as an event log

Every command that reads an event log also reads a case store instead: ``--store URL``, a
SQLite path or ``sqlite:///path.db``, or ``postgresql://user@host/db`` (a password in it is never
printed).

Bad input gives one clear line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

from .. import _vaekit
from ..report import summary_lines

Handler = Callable[[argparse.Namespace], int]


def _int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a decimal integer within ``low..high`` (else a usage error)."""

    def parse(text: str) -> int:
        """The integer ``text`` if in range; raises argparse.ArgumentTypeError otherwise."""
        try:
            value = int(text.strip(), 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text[:40]!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be within {low}..{high}, got {text[:40]}")
        return value

    parse.__name__ = "integer"  # argparse names the type in its messages
    return parse


# The checked numeric arguments (every number the command line takes).
_YEAR = _int_in(1, 9999)
_LIMIT = _int_in(1, 1_000_000)
_THRESHOLD = _int_in(0, 1_000_000)
_SEED = _int_in(0, 2**64 - 1)
_COUNSELLORS = _int_in(1, 100_000)


def _out(line: str = "") -> None:
    print(line, flush=True)


# ------------------------------------------------------------------------------------ demo
def _cmd_demo(args: argparse.Namespace) -> int:
    from .. import demo

    return demo.run(Path(args.out))


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = _vaekit.FrenchCalendar(args.region)
    for h in cal.holidays(args.year):
        _out(f"{h.date}  {h.date.weekday.name.lower():9}  {h.name}")
    first, last = _vaekit.Date(args.year, 1, 1), _vaekit.Date(args.year, 12, 31)
    _out(f"working days: {cal.working_days_in(_vaekit.DateRange(first, last))}")
    return 0


# -------------------------------------------------------------------------------- registry
def _load_registry(path: str, lenient: bool) -> _vaekit.Registry:
    return _vaekit.Registry.load(path, strict=not lenient)


def _cmd_registry_load(args: argparse.Namespace) -> int:
    reg = _load_registry(args.path, args.lenient)
    certs = list(reg)
    kinds = Counter(c.code[:2] if c.code.startswith("RS") else "RNCP" for c in certs)
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    _out(f"{args.path}: {len(reg)} certifications ({by_kind})")
    _out(
        f"  active: {sum(1 for c in certs if c.active)}   accessible by VAE: "
        f"{sum(1 for c in certs if c.vae_accessible)}"
    )
    rejects = list(reg.rejects)
    _out(f"  rejected records: {len(rejects)}")
    for r in rejects[:10]:
        _out(f"    {r}")
    if args.json:
        _vaekit.write_file_atomic(args.json, reg.to_json())
        _out(f"  written: {args.json}")
    return 0


def _cmd_registry_search(args: argparse.Namespace) -> int:
    reg = _load_registry(args.path, args.lenient)
    hits = reg.search(args.query, limit=args.limit)
    for c in hits:
        level = f"niveau {c.level}" if c.level else "sans niveau"
        flags = ("VAE" if c.vae_accessible else "   ") + (" active" if c.active else " closed")
        _out(f"{c.code:10} {flags:11} {level:11} {c.title}")
    if not hits:
        _out("no certification matches")
    return 0


def _cmd_registry_changes(args: argparse.Namespace) -> int:
    old = _load_registry(args.old, args.lenient)
    new = _load_registry(args.new, args.lenient)
    changes = _vaekit.registry_changes(old, new)
    _out(repr(changes))
    if args.json:
        from ..registry import changes_to_pandas

        frame = changes_to_pandas(changes)
        _vaekit.write_file_atomic(args.json, frame.to_json(orient="records", force_ascii=False))
        _out(f"written: {args.json}")
    else:
        from ..registry import changes_to_pandas

        frame = changes_to_pandas(changes)
        if len(frame):
            _out(frame.to_string(index=False, max_rows=60))
    return 0


# ----------------------------------------------------------------------------------- cases
@contextlib.contextmanager
def _event_log(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """The event log a command reads, as (path, name for messages).

    The LOG argument, or the export of the ``--store`` case store (SQLite or PostgreSQL) into a
    private temporary folder, removed afterwards; the name is then the store's URL with any
    password redacted.
    """
    store = getattr(args, "store", None)
    if store and args.log:
        raise _Refused("give an event log or --store, not both")
    if not store:
        if not args.log:
            raise _Refused("give an event log or --store URL")
        yield args.log, args.log
        return
    with tempfile.TemporaryDirectory(prefix="vaekit-store-") as tmp:
        cases = _vaekit.CaseStore(store, read_only=True)
        path = os.path.join(tmp, "events.jsonl")
        cases.export_event_log(path)
        yield path, cases.url


def _cmd_cases_validate(args: argparse.Namespace) -> int:
    # The replay into states: every event read and checked, no event kept (scales to millions).
    if args.store:
        check = _vaekit.CaseStore(args.store, read_only=True).integrity_check()
        if check != "ok":
            _out(f"integrity check: {check}")
            return 1
    with _event_log(args) as (log, name):
        states = _vaekit.read_case_states(log, strict=not args.lenient)
    refused = states.events_refused
    unreadable = len(states.rejects) - refused
    _out(
        f"{name}: {states.records_read} records, {states.records_read - unreadable} events "
        f"accepted, {unreadable} rejected; {len(states)} cases; "
        f"{refused} events refused by the transition table"
    )
    for stage, n in sorted(states.stage_counts().items(), key=lambda kv: -kv[1]):
        _out(f"  {stage:28} {n}")
    for r in states.rejects[:20]:
        _out(f"  reject {r}")
    return 1 if states.rejects and not args.allow_rejects else 0


def _cmd_cases_import(args: argparse.Namespace) -> int:
    # One pass over the log in C++, batch_cases cases per transaction; histories never merged.
    store = _vaekit.CaseStore(args.store)
    rep = store.import_event_log(args.log, strict=not args.lenient, batch_cases=args.batch_cases)
    _out(
        f"{store.url}: {rep.records_read} records read, {rep.events_written} events written; "
        f"{rep.cases_created} cases created, {rep.cases_extended} extended, "
        f"{rep.cases_unchanged} unchanged, {len(rep.conflicts)} in conflict "
        f"({len(store)} cases in the store)"
    )
    for r in rep.rejects[:20]:
        _out(f"  reject {r}")
    if rep.conflicts:
        _out(
            f"  {len(rep.conflicts)} cases not imported: their stored history is not a prefix "
            "of the log's (left as stored):"
        )
        for case_id in rep.conflicts:
            _out(f"    {case_id}")
        return 1
    return 0


def _cmd_cases_export(args: argparse.Namespace) -> int:
    store = _vaekit.CaseStore(args.store, read_only=True)
    n = store.export_event_log(args.out)
    _out(f"{store.url}: {n} events of {store.case_count} cases -> {args.out}")
    return 0


def _cmd_cases_migrate(args: argparse.Namespace) -> int:
    # One destination transaction, commit order kept, every event checked, counts checked.
    rep = _vaekit.CaseStore.migrate(args.src, args.dst, allow_non_empty=args.force)
    src = _vaekit.CaseStore(args.src, read_only=True).url
    dst = _vaekit.CaseStore(args.dst, read_only=True).url
    imp = rep.import_report
    _out(
        f"{src} -> {dst}: {rep.cases} cases, {rep.events} events (versions {rep.versions}); "
        f"{imp.cases_created} created, {imp.cases_extended} extended, "
        f"{imp.cases_unchanged} unchanged, {len(imp.conflicts)} in conflict"
    )
    for case_id in imp.conflicts:
        _out(f"    {case_id}")
    return 1 if imp.conflicts else 0


def _batch_cases(text: str) -> int:
    """A positive number of cases per transaction (an argparse type)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 10_000_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000000")
    return n


# ---------------------------------------------------------------------------------- report
def _read_log(path: str, lenient: bool) -> _vaekit.EventLog:
    return _vaekit.EventLog.read(path, strict=not lenient)


def _publication_key(args: argparse.Namespace) -> bytes | None:
    """The secret key of the cell-key method: --publication-key-file, else the environment."""
    if args.publication_key_file:
        return Path(args.publication_key_file).read_bytes().rstrip(b"\r\n")
    value = os.environ.get("VAEKIT_PUBLICATION_KEY")
    return value.encode() if value else None


def _cmd_report(args: argparse.Namespace) -> int:
    key = _key(args, "publish a report")
    with _event_log(args) as (path, name):
        log = _read_log(path, args.lenient)
    report = log.report(threshold=args.threshold, key=key)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    published = report.publish(method=args.method, key=_publication_key(args))
    published.write(str(out))
    head, *figures = summary_lines(published)
    _out(f"{name}: {len(log)} events; {head}")
    for line in figures:
        _out(line)
    _out(f"  staff {_identified_by(key, log)}")
    _out(f"written: {out}/report.json and CSV tables")
    from ..i18n import language

    lang = getattr(args, "lang", None) or language()
    if args.xlsx:
        from ..report import workbook

        _out(f"written: {workbook(published, args.xlsx, lang=lang)}")
    if args.excel:
        from ..report import excel_csv

        files = excel_csv(published, out / "excel", lang=lang)
        _out(f"written: {out / 'excel'} ({len(files)} CSV files for French Excel)")
    return 0


# ------------------------------------------------------------------------------- programme
def _cmd_programme_plan(args: argparse.Namespace) -> int:
    from ..training import format_calendar

    programme = _vaekit.Programme.from_json(Path(args.programme).read_text(encoding="utf-8"))
    constraints = (
        _vaekit.ScheduleConstraints.from_json(Path(args.constraints).read_text(encoding="utf-8"))
        if args.constraints
        else _vaekit.ScheduleConstraints()
    )
    plan = _vaekit.schedule(programme, constraints)
    for line in format_calendar(plan):
        _out(line)
    _out(
        f"status {plan.status}, objective {plan.objective:.4f}, "
        f"bound {plan.bound:.4f}, {plan.solve_seconds:.2f} s"
    )
    if args.out:
        _vaekit.write_file_atomic(args.out, plan.to_json())
        _out(f"written: {args.out}")
    return 0


def _cmd_programme_validate(args: argparse.Namespace) -> int:
    plan = _vaekit.Plan.from_json(Path(args.plan).read_text(encoding="utf-8"))
    violations = _vaekit.validate_plan(plan)
    for v in violations:
        _out(f"  {v}")
    _out(f"{args.plan}: {len(plan.sessions)} sessions, {len(violations)} violated constraints")
    return 1 if violations else 0


# -------------------------------------------------------------------------------- simulate
def _scenario(name_or_path: str) -> Any:
    if os.path.exists(name_or_path):
        return _vaekit.Scenario.load(name_or_path)
    return _vaekit.Scenario.builtin(name_or_path)


def _cmd_simulate(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario)
    if args.counsellors is not None:
        scenario.counsellors = args.counsellors
    result = _vaekit.simulate(scenario, seed=args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    result.write_jsonl(str(out))
    queue = result.queue
    _out(f"{scenario.name}, seed {args.seed}: {len(result.log)} events -> {out}")
    _out(
        f"  first-appointment wait: mean {queue.mean_wait:.1f} days over {queue.served} people; "
        f"counsellor utilisation {queue.mean_utilisation:.0%}"
    )
    for check in result.check_targets():
        mark = "ok " if check.ok else "OFF"
        _out(
            f"  [{mark}] {check.metric}: {check.measured:.3f} (target {check.target:.3f} ± "
            f"{check.tolerance:.3f})"
        )
    return 0


# ---------------------------------------------------------------------------------- export
class _Refused(Exception):
    """A command refused as given (exit status 2, like a usage error)."""


def _key(args: argparse.Namespace, what: str) -> Any:
    """The pseudonym key of ``--key-file``/``--key-env``; None only with ``--no-pseudonyms``.

    Publishing raw identifiers must be asked for: without a key and without ``--no-pseudonyms``
    the command is refused (:class:`_Refused`).
    """
    if args.key_file and args.key_env:
        raise _Refused("give --key-file or --key-env, not both")
    if (args.key_file or args.key_env) and args.no_pseudonyms:
        raise _Refused("--no-pseudonyms contradicts --key-file/--key-env")
    if args.key_file:
        return _vaekit.PseudonymKey.from_file(args.key_file)
    if args.key_env:
        return _vaekit.PseudonymKey.from_env(args.key_env)
    if not args.no_pseudonyms:
        raise _Refused(
            f"refusing to {what} with raw case and staff identifiers: give a pseudonym key "
            "(--key-file FILE or --key-env VARIABLE, at least 32 bytes), or --no-pseudonyms "
            "for internal use"
        )
    return None


def _identified_by(key: Any, log: Any) -> str:
    """How a published output names people, for the summary line."""
    if key is not None:
        return "identified by keyed pseudonym"
    if log.is_pseudonymised:
        return "as in the log (its header says pseudonymised; --no-pseudonyms)"
    return "RAW identifiers (--no-pseudonyms)"


def _cmd_export(args: argparse.Namespace) -> int:
    key = _key(args, "export a log")
    events = None
    with _event_log(args) as (path, _name):
        log = _read_log(path, args.lenient)
        if args.include_free_text:
            # The columnar log keeps no free text: read it again with the row reader, which does.
            events = _vaekit.read_event_log(path, strict=not args.lenient).events
            if len(events) != len(log):
                raise _Refused("the two readers disagree on the log; cannot add its free text")
    if key is not None:
        log = log.pseudonymised(key)
    if args.format == "xes":
        log.to_xes(args.out, include_free_text=args.include_free_text, events=events)
    elif args.format == "ocel":
        log.to_ocel(args.out, include_free_text=args.include_free_text, events=events)
    else:
        from ..analytics.frames import iso_at

        frame = log.to_pandas()
        # `at` as the log writes it (the offset kept in the text), not a column of its own.
        frame["at"] = iso_at(frame)
        frame = frame.drop(columns=["utc_offset"])
        if events is not None:
            # Free-text and unknown fields as extra columns (the event log's own names).
            rows = [dict(_vaekit.free_text_fields(e)) for e in events]
            names = sorted({k for r in rows for k in r if k not in frame.columns})
            for name in names:
                frame[name] = [r.get(name) for r in rows]
        _vaekit.write_file_atomic(args.out, frame.to_csv(index=False))
    who = _identified_by(key, log)
    _out(
        f"{args.out}: {len(log)} events as {args.format}; cases and staff {who}"
        + ("; free text included" if args.include_free_text else "")
    )
    return 0


# ---------------------------------------------------------------------------------- import
def _import_steps(label: str, steps: int) -> Any:
    """A context giving a progress callback: a rich bar over the import's stages on a terminal.

    ``steps`` stages; the work inside a stage is columnar (no row loop to count). Off a terminal,
    nothing.
    """
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(lambda _step: None)
    try:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    except ImportError:  # pragma: no cover - rich is a dependency
        return contextlib.nullcontext(lambda _step: None)

    @contextlib.contextmanager
    def bar() -> Any:
        columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task(label, total=steps)
            first = [True]

            def step(name: str) -> None:
                if not first[0]:
                    progress.advance(task)
                first[0] = False
                progress.update(task, description=f"{label}: {name}")

            yield step

    return bar()


def _cmd_import(args: argparse.Namespace) -> int:
    from ..analytics.tabular import guess_mapping, import_table, iter_rejects_csv

    if args.guess:
        import json

        with _import_steps(f"reading {args.source}", 1):
            doc = guess_mapping(args.source)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if args.out:
            _vaekit.write_file_atomic(args.out, text)
            _out(f"proposed mapping written: {args.out} (check it, fill the blank codes)")
        else:
            sys.stdout.write(text)
        return 0
    if not args.mapping or not args.out:
        raise _Refused("give --mapping M.json and -o LOG.jsonl (or --guess to propose a mapping)")
    # Stages: reading, building events, checking, (building the log), writing.
    with _import_steps(f"importing {Path(args.source).name}", 5) as step:
        result = import_table(args.source, args.mapping, strict=args.strict, progress=step)
        step("writing")
        result.log.write(args.out)
    _out(
        f"{args.source} [{result.sheet}]: {result.rows_read} rows read, {result.rows_accepted} "
        f"accepted, {result.rows_rejected} rejected; {result.events} events, "
        f"{result.log.case_count} cases -> {args.out}"
    )
    for r in result.rejects[:20]:
        _out(f"  reject {r}")
    if len(result.rejects) > 20:
        _out(f"  ... {len(result.rejects) - 20} more" + ("" if args.rejects else " (--rejects)"))
    if args.rejects:
        _vaekit.write_file_atomic(args.rejects, "".join(iter_rejects_csv(result.rejects)))
        _out(f"  rejects written: {args.rejects}")
    return 0


def _add_import_parser(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """The ``vaekit import`` sub-command."""
    p = add(
        sub,
        "import",
        _cmd_import,
        "a network's spreadsheet (CSV, xlsx) as an event log, under an ImportMapping.1",
    )
    p.add_argument("source", help="a CSV file (any separator, UTF-8 or Windows-1252) or an xlsx")
    p.add_argument("--mapping", help="the ImportMapping.1 JSON file (see docs/formats)")
    p.add_argument(
        "-o",
        "--out",
        help="the event log to write (JSON Lines); with --guess, the "
        "proposed mapping (default: standard output)",
    )
    p.add_argument("--strict", action="store_true", help="stop at the first bad row")
    p.add_argument(
        "--rejects", help="write the rejected rows' sheet, row, column and reason to this CSV"
    )
    p.add_argument(
        "--guess",
        action="store_true",
        help="propose a mapping from the headers (French and English names), the date format "
        "and the local values to map",
    )


# ------------------------------------------------------------------------------- plumbing
def _progress(items: list[Any], label: str) -> Any:
    """Iterate ``items`` with a progress bar on a terminal (rich), plainly otherwise."""
    if not sys.stderr.isatty() or len(items) < 1000:
        return items
    try:
        from rich.progress import track
    except ImportError:  # pragma: no cover - rich is a dependency
        return items
    return track(items, description=label, console=None, transient=True)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``vaekit`` command."""
    parser = argparse.ArgumentParser(
        prog="vaekit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"vaekit {_vaekit.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(parent: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=handler)
        return p

    def lenient(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lenient",
            action="store_true",
            help="set bad records aside (listed) instead of stopping at the first",
        )

    def store_arg(p: argparse.ArgumentParser, help_text: str, required: bool = False) -> None:
        p.add_argument(
            "--store",
            required=required,
            metavar="URL",
            help=f"{help_text}: a SQLite path or sqlite:///path.db, or "
            "postgresql://user@host:port/db?sslmode=...",
        )

    p = add(sub, "demo", _cmd_demo, "run the main job on the embedded example data")
    p.add_argument("--out", default="out", help="output folder (default: out)")

    p = add(sub, "calendar", _cmd_calendar, "French public holidays and working days of a year")
    p.add_argument("year", type=_YEAR)
    p.add_argument("--region", default="metropolitan", choices=["metropolitan", "alsace_moselle"])

    reg = sub.add_parser("registry", help="France Compétences RNCP/RS exports").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(reg, "load", _cmd_registry_load, "read an export and summarise it")
    p.add_argument("path")
    p.add_argument("--json", help="also write the registry as vaekit JSON")
    lenient(p)
    p = add(reg, "search", _cmd_registry_search, "accent-insensitive search of titles")
    p.add_argument("path")
    p.add_argument("query")
    p.add_argument("--limit", type=_LIMIT, default=10)
    lenient(p)
    p = add(reg, "changes", _cmd_registry_changes, "what changed between two exports")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", help="write the changes as JSON records")
    lenient(p)

    cases = sub.add_parser("cases", help="event logs and the case store").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(
        cases,
        "validate",
        _cmd_cases_validate,
        "check an event log v1 against the format and the transition table",
    )
    p.add_argument("log", nargs="?", help="the event log (or --store)")
    store_arg(p, "check this case store instead of a log (and its integrity)")
    p.add_argument("--allow-rejects", action="store_true", help="exit 0 even with rejects")
    lenient(p)
    p = add(cases, "import", _cmd_cases_import, "import an event log into a case store")
    p.add_argument("log")
    store_arg(p, "the case store (created if absent)", required=True)
    p.add_argument(
        "--batch-cases",
        type=_batch_cases,
        default=20_000,
        help="cases written per transaction (default 20000)",
    )
    lenient(p)
    p = add(cases, "export", _cmd_cases_export, "write a case store's events as an event log v1")
    store_arg(p, "the case store", required=True)
    p.add_argument("out", help="the event log to write (atomically)")
    p = add(
        cases, "migrate", _cmd_cases_migrate, "copy a case store to another (SQLite, PostgreSQL)"
    )
    p.add_argument("src", help="the source store: a path or URL")
    p.add_argument("dst", help="the destination store: a path or URL (created if absent)")
    p.add_argument(
        "--force",
        action="store_true",
        help="copy into a destination that holds cases (merged as an import: conflicts listed)",
    )

    def keys(p: argparse.ArgumentParser, verb: str) -> None:
        p.add_argument("--key-file", help=f"{verb} with the pseudonym key in this file")
        p.add_argument("--key-env", help=f"{verb} with the key in this environment variable")
        p.add_argument(
            "--no-pseudonyms",
            action="store_true",
            help="keep raw case and staff identifiers (internal use only)",
        )

    p = add(sub, "report", _cmd_report, "the activity report of an event log")
    p.add_argument("log", nargs="?", help="the event log (or --store)")
    store_arg(p, "report on this case store instead of a log")
    p.add_argument(
        "--threshold", type=_THRESHOLD, default=11, help="disclosure threshold (default 11)"
    )
    p.add_argument(
        "--method",
        choices=["cell-key", "suppression"],
        default="cell-key",
        help="disclosure control: cell-key noise and suppression under the threshold (default), "
        "or suppression alone; --threshold 0 publishes exact figures (internal use)",
    )
    p.add_argument(
        "--publication-key-file",
        help="secret key of the cell-key method (default: $VAEKIT_PUBLICATION_KEY; without one "
        "the noise uses a public key, which the report states)",
    )
    p.add_argument("--out", default="out/report", help="output folder")
    p.add_argument("--xlsx", metavar="FILE", help="also write the report as an Excel workbook")
    p.add_argument(
        "--excel",
        action="store_true",
        help="also write CSV files for French Excel (';', decimal comma, UTF-8 with BOM) in "
        "OUT/excel",
    )
    keys(p, "name staff by keyed pseudonym")
    lenient(p)

    prog = sub.add_parser("programme", help="the professionalisation days").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(prog, "plan", _cmd_programme_plan, "schedule a programme optimally (CBC)")
    p.add_argument("programme", help="a Programme.1 JSON file")
    p.add_argument("--constraints", help="a ScheduleConstraints.1 JSON file")
    p.add_argument("--out", help="write the plan (Plan.1 JSON)")
    p = add(prog, "validate", _cmd_programme_validate, "list the violated constraints of a plan")
    p.add_argument("plan", help="a Plan.1 JSON file")

    p = add(sub, "simulate", _cmd_simulate, "simulate a year of a counselling network")
    p.add_argument("--scenario", default="idf-2014", help="a built-in name or a Scenario.1 file")
    p.add_argument("--seed", type=_SEED, default=2014)
    p.add_argument("--counsellors", type=_COUNSELLORS, help="override the number of counsellors")
    p.add_argument("--out", default="out/simulated-events.jsonl")

    p = add(sub, "export", _cmd_export, "export an event log for other tools")
    p.add_argument("format", choices=["xes", "ocel", "csv"])
    p.add_argument("log", nargs="?", help="the event log (or --store)")
    p.add_argument("out")
    store_arg(p, "export this case store instead of a log")
    keys(p, "pseudonymise case and staff identifiers")
    p.add_argument(
        "--include-free-text",
        action="store_true",
        help="also export free text (reason, certifier) and unknown fields: may be personal",
    )
    lenient(p)

    _add_import_parser(sub, add)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = build_parser().parse_args(argv)
    func: Handler = args.func
    try:
        return func(args)
    except _Refused as exc:
        print(f"vaekit: error: {exc}", file=sys.stderr)
        return 2
    except KeyError as exc:  # vaekit.NotFound is also a KeyError
        print(f"vaekit: error: not found: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:  # a document read as text by Python (never raw bytes)
        print(f"vaekit: error: input is not valid UTF-8 (byte {exc.start})", file=sys.stderr)
        return 1
    except (_vaekit.Error, OSError, ValueError) as exc:
        # One line, bounded, printable whatever the text (vaekit's messages already are; Python's
        # own OSError or UnicodeDecodeError may carry raw bytes of a file name or its content).
        message = " ".join(str(exc).split())
        if len(message) > 2000:
            message = message[:2000] + "..."
        message = message.encode("utf-8", "backslashreplace").decode("utf-8")
        print(f"vaekit: error: {message}", file=sys.stderr)
        return 1
    except RecursionError:
        print("vaekit: error: input nested too deeply", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vaekit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
