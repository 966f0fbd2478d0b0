"""The ``vaekit`` command: the library's main tasks from a terminal, in French or in English.

Sub-commands (``vaekit --help`` lists them in the chosen language)::

    vaekit demo [--out DIR]                      the main job on the embedded example data
    vaekit registry load|search|changes ...      France Compétences RNCP/RS exports
    vaekit cases validate|import|export|migrate  event logs v1 and the case store
    vaekit report LOG --key-file K [--out DIR]   the activity report, with disclosure control
    vaekit programme plan|validate ...           the professionalisation days
    vaekit simulate [--scenario S] [--seed N]    a simulated year of a network
    vaekit export xes|ocel|csv LOG OUT --key-file K   process-mining and table exports
    vaekit calendar YEAR                         French public holidays and working days
    vaekit import SOURCE --mapping M.json -o LOG.jsonl   a network's spreadsheet as an event log

Every word it prints comes from the message catalog (:mod:`vaekit.i18n`, area ``cli``): French by
default, English with the global ``--lang en`` or ``VAEKIT_LANG=en`` (docs/cli.md). Numbers and
dates are formatted by :mod:`vaekit.i18n` (Babel). Long steps draw a progress bar on standard error
when it is a terminal (not with ``--quiet``).

Bad input gives one line on stderr — the error's stable code, a sentence per code in the chosen
language, where (file, line, field) and the library's detail — and a non-zero exit status, never a
traceback.
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
from ..i18n import _, format_decimal, format_percent, pgettext
from ..report import summary_lines
from . import _progress

Handler = Callable[[argparse.Namespace], int]

LANGUAGES = ("fr", "en")
"""The languages of the command line (``--lang``)."""


def _n(value: int) -> str:
    """A count in the language's digit grouping (« 10 357 »)."""
    return format_decimal(value)


def _int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a decimal integer within ``low..high`` (else a usage error)."""

    def parse(text: str) -> int:
        """The integer ``text`` if in range; raises argparse.ArgumentTypeError otherwise."""
        try:
            value = int(text.strip(), 10)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("expected an integer, got {value}").format(value=repr(text[:40]))
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("must be within {low}..{high}, got {value}").format(
                    low=low, high=high, value=text[:40]
                )
            )
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


def weekday_name(date: Any) -> str:
    """The name of the day of the week of a :class:`vaekit.Date` in the current language."""
    return pgettext("weekday", str(date.weekday.name).lower())


# ------------------------------------------------------------------------------------ demo
def _cmd_demo(args: argparse.Namespace) -> int:
    from .. import demo

    return demo.run(Path(args.out))


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = _vaekit.FrenchCalendar(args.region)
    for h in cal.holidays(args.year):
        _out(f"{h.date}  {weekday_name(h.date):9}  {h.name}")
    first, last = _vaekit.Date(args.year, 1, 1), _vaekit.Date(args.year, 12, 31)
    days = cal.working_days_in(_vaekit.DateRange(first, last))
    _out(_("working days: {days}").format(days=_n(days)))
    return 0


# -------------------------------------------------------------------------------- registry
def _load_registry(path: str, lenient: bool) -> _vaekit.Registry:
    with _progress.step(_("reading {path}").format(path=Path(path).name)):
        return _vaekit.Registry.load(path, strict=not lenient)


def _cmd_registry_load(args: argparse.Namespace) -> int:
    reg = _load_registry(args.path, args.lenient)
    certs = list(reg)
    kinds = Counter(c.code[:2] if c.code.startswith("RS") else "RNCP" for c in certs)
    by_kind = ", ".join(f"{k} {_n(n)}" for k, n in sorted(kinds.items()))
    _out(
        _("{path}: {count} certifications ({by_kind})").format(
            path=args.path, count=_n(len(reg)), by_kind=by_kind
        )
    )
    _out(
        _("  active: {active}   accessible by VAE: {vae}").format(
            active=_n(sum(1 for c in certs if c.active)),
            vae=_n(sum(1 for c in certs if c.vae_accessible)),
        )
    )
    rejects = list(reg.rejects)
    _out(_("  rejected records: {count}").format(count=_n(len(rejects))))
    for r in rejects[:10]:
        _out(f"    {r}")
    if args.json:
        _vaekit.write_file_atomic(args.json, reg.to_json())
        _out(_("  written: {path}").format(path=args.json))
    return 0


def _cmd_registry_search(args: argparse.Namespace) -> int:
    reg = _load_registry(args.path, args.lenient)
    hits = reg.search(args.query, limit=args.limit)
    for c in hits:
        level = _("level {level}").format(level=c.level) if c.level else pgettext("cli", "no level")
        vae = pgettext("cli", "VAE") if c.vae_accessible else ""
        state = pgettext("cli", "active") if c.active else pgettext("cli", "closed")
        _out(f"{c.code:10} {vae:4} {state:7} {level:11} {c.title}")
    if not hits:
        _out(_("no certification matches"))
    return 0


def _cmd_registry_changes(args: argparse.Namespace) -> int:
    from ..registry import changes_to_pandas

    old = _load_registry(args.old, args.lenient)
    new = _load_registry(args.new, args.lenient)
    changes = _vaekit.registry_changes(old, new)
    _out(
        _(
            "{added} added, {withdrawn} withdrawn, {deactivated} deactivated, "
            "{reactivated} reactivated, {replaced} replaced, {changed} field changes"
        ).format(
            added=_n(len(changes.added)),
            withdrawn=_n(len(changes.withdrawn)),
            deactivated=_n(len(changes.deactivated)),
            reactivated=_n(len(changes.reactivated)),
            replaced=_n(len(changes.replaced)),
            changed=_n(len(changes.changed)),
        )
    )
    frame = changes_to_pandas(changes)
    if args.json:
        _vaekit.write_file_atomic(args.json, frame.to_json(orient="records", force_ascii=False))
        _out(_("written: {path}").format(path=args.json))
    elif len(frame):
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
        raise _Refused(_("give an event log or --store, not both"))
    if not store:
        if not args.log:
            raise _Refused(_("give an event log or --store URL"))
        yield args.log, args.log
        return
    with tempfile.TemporaryDirectory(prefix="vaekit-store-") as tmp:
        cases = _vaekit.CaseStore(store, read_only=True)
        path = os.path.join(tmp, "events.jsonl")
        with _progress.step(_("reading the case store")):
            cases.export_event_log(path)
        yield path, cases.url


def _stage_label(stage: Any) -> str:
    """The label of a stage code in the current language (the code when the catalog lacks it)."""
    from ..i18n import label

    code = str(stage).split(".")[-1].lower()
    return label("stage", code)


def _cmd_cases_validate(args: argparse.Namespace) -> int:
    # The replay into states: every event read and checked, no event kept (scales to millions).
    if args.store:
        check = _vaekit.CaseStore(args.store, read_only=True).integrity_check()
        if check != "ok":
            _out(_("integrity check: {result}").format(result=check))
            return 1
    with _event_log(args) as (log, name):
        with _progress.step(_("checking {name}").format(name=Path(name).name)):
            states = _vaekit.read_case_states(log, strict=not args.lenient)
    refused = states.events_refused
    unreadable = len(states.rejects) - refused
    _out(
        _(
            "{name}: {records} records, {accepted} events accepted, {rejected} rejected; "
            "{cases} cases; {refused} events refused by the transition table"
        ).format(
            name=name,
            records=_n(states.records_read),
            accepted=_n(states.records_read - unreadable),
            rejected=_n(unreadable),
            cases=_n(len(states)),
            refused=_n(refused),
        )
    )
    for stage, n in sorted(states.stage_counts().items(), key=lambda kv: -kv[1]):
        _out(f"  {_stage_label(stage):42} {_n(n)}")
    for r in states.rejects[:20]:
        _out(_("  reject {reject}").format(reject=r))
    return 1 if states.rejects and not args.allow_rejects else 0


def _cmd_cases_import(args: argparse.Namespace) -> int:
    # One pass over the log in C++, batch_cases cases per transaction; histories never merged.
    store = _vaekit.CaseStore(args.store)
    with _progress.step(_("importing {name}").format(name=Path(args.log).name)):
        rep = store.import_event_log(
            args.log, strict=not args.lenient, batch_cases=args.batch_cases
        )
    _out(
        _(
            "{url}: {read} records read, {written} events written; {created} cases created, "
            "{extended} extended, {unchanged} unchanged, {conflicts} in conflict "
            "({total} cases in the store)"
        ).format(
            url=store.url,
            read=_n(rep.records_read),
            written=_n(rep.events_written),
            created=_n(rep.cases_created),
            extended=_n(rep.cases_extended),
            unchanged=_n(rep.cases_unchanged),
            conflicts=_n(len(rep.conflicts)),
            total=_n(len(store)),
        )
    )
    for r in rep.rejects[:20]:
        _out(_("  reject {reject}").format(reject=r))
    if rep.conflicts:
        _out(
            _(
                "  {count} cases not imported: their stored history is not a prefix of the "
                "log's (left as stored):"
            ).format(count=_n(len(rep.conflicts)))
        )
        for case_id in rep.conflicts:
            _out(f"    {case_id}")
        return 1
    return 0


def _cmd_cases_export(args: argparse.Namespace) -> int:
    store = _vaekit.CaseStore(args.store, read_only=True)
    with _progress.step(_("writing {path}").format(path=Path(args.out).name)):
        n = store.export_event_log(args.out)
    _out(
        _("{url}: {events} events of {cases} cases -> {path}").format(
            url=store.url, events=_n(n), cases=_n(store.case_count), path=args.out
        )
    )
    return 0


def _cmd_cases_migrate(args: argparse.Namespace) -> int:
    # One destination transaction, commit order kept, every event checked, counts checked.
    with _progress.step(_("copying the case store")):
        rep = _vaekit.CaseStore.migrate(args.src, args.dst, allow_non_empty=args.force)
    src = _vaekit.CaseStore(args.src, read_only=True).url
    dst = _vaekit.CaseStore(args.dst, read_only=True).url
    imp = rep.import_report
    _out(
        _(
            "{src} -> {dst}: {cases} cases, {events} events (versions {versions}); "
            "{created} created, {extended} extended, {unchanged} unchanged, "
            "{conflicts} in conflict"
        ).format(
            src=src,
            dst=dst,
            cases=_n(rep.cases),
            events=_n(rep.events),
            versions=_n(rep.versions),
            created=_n(imp.cases_created),
            extended=_n(imp.cases_extended),
            unchanged=_n(imp.cases_unchanged),
            conflicts=_n(len(imp.conflicts)),
        )
    )
    for case_id in imp.conflicts:
        _out(f"    {case_id}")
    return 1 if imp.conflicts else 0


def _batch_cases(text: str) -> int:
    """A positive number of cases per transaction (an argparse type)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {value}").format(value=repr(text[:40]))
        ) from None
    if not 1 <= n <= 10_000_000:
        raise argparse.ArgumentTypeError(_("must be between 1 and 10000000"))
    return n


# ---------------------------------------------------------------------------------- report
def _read_log(path: str, lenient: bool) -> _vaekit.EventLog:
    with _progress.step(_("reading {path}").format(path=Path(path).name)):
        return _vaekit.EventLog.read(path, strict=not lenient)


def _publication_key(args: argparse.Namespace) -> bytes | None:
    """The secret key of the cell-key method: --publication-key-file, else the environment."""
    if args.publication_key_file:
        return Path(args.publication_key_file).read_bytes().rstrip(b"\r\n")
    value = os.environ.get("VAEKIT_PUBLICATION_KEY")
    return value.encode() if value else None


def _cmd_report(args: argparse.Namespace) -> int:
    key = _key(args, _("publish a report"))
    with _event_log(args) as (path, name):
        log = _read_log(path, args.lenient)
        # Funding amounts and hours are not in the columnar log: read the events with their
        # data when the log has funding events (employment needs only the columnar log).
        counts = log.event_counts()
        events: Any = log
        if counts.get("funding_requested") or counts.get("funding_decided"):
            with _progress.step(_("reading {path}").format(path=Path(path).name)):
                events = _vaekit.read_event_log(path, strict=not args.lenient)
    registry = _load_registry(args.registry, args.lenient) if args.registry else None
    with _progress.step(_("computing the report")):
        report = log.report(threshold=args.threshold, key=key)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with _progress.step(_("writing the report")):
        published = report.publish(
            method=args.method, key=_publication_key(args), events=events, registry=registry
        )
        published.write(str(out))
    head, *figures = summary_lines(published)
    _out(_("{name}: {events} events; {head}").format(name=name, events=_n(len(log)), head=head))
    for line in figures:
        _out(line)
    _out(_("  staff {how}").format(how=_identified_by(key, log)))
    _out(_("written: {path}/report.json and CSV tables").format(path=out))
    from ..i18n import language

    lang = getattr(args, "lang", None) or language()  # --lang, else the current one
    if args.html:
        from ..report import page

        with _progress.step(_("writing the page")):
            written = page(log, out=args.html, published=published, lang=lang, registry=registry)
        _out(_("written: {path}").format(path=written))
    if args.xlsx:
        from ..report import workbook

        with _progress.step(_("writing the workbook")):
            book = workbook(published, args.xlsx, lang=lang)
        _out(_("written: {path}").format(path=book))
    if args.excel:
        from ..report import excel_csv

        files = excel_csv(published, out / "excel", lang=lang)
        _out(
            _("written: {path} ({count} CSV files for French Excel)").format(
                path=out / "excel", count=_n(len(files))
            )
        )
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
    with _progress.step(_("solving the schedule (CBC)")):
        plan = _vaekit.schedule(programme, constraints)
    for line in format_calendar(plan):
        _out(line)
    _out(
        _("status {status}, objective {objective}, bound {bound}, {seconds} s").format(
            status=pgettext("plan status", str(plan.status).split(".")[-1].lower()),
            objective=format_decimal(plan.objective, 4),
            bound=format_decimal(plan.bound, 4),
            seconds=format_decimal(plan.solve_seconds, 2),
        )
    )
    if args.out:
        _vaekit.write_file_atomic(args.out, plan.to_json())
        _out(_("written: {path}").format(path=args.out))
    return 0


def _cmd_programme_validate(args: argparse.Namespace) -> int:
    plan = _vaekit.Plan.from_json(Path(args.plan).read_text(encoding="utf-8"))
    violations = _vaekit.validate_plan(plan)
    for v in violations:
        _out(f"  {v}")
    _out(
        _("{path}: {sessions} sessions, {violated} violated constraints").format(
            path=args.plan, sessions=_n(len(plan.sessions)), violated=_n(len(violations))
        )
    )
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
    with _progress.step(_("simulating {name}").format(name=scenario.name)):
        result = _vaekit.simulate(scenario, seed=args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _progress.step(_("writing {path}").format(path=out.name)):
        result.write_jsonl(str(out))
    queue = result.queue
    _out(
        _("{name}, seed {seed}: {events} events -> {path}").format(
            name=scenario.name, seed=args.seed, events=_n(len(result.log)), path=out
        )
    )
    _out(
        _(
            "  first-appointment wait: mean {wait} days over {served} people; "
            "counsellor utilisation {utilisation}"
        ).format(
            wait=format_decimal(queue.mean_wait, 1),
            served=_n(queue.served),
            utilisation=format_percent(queue.mean_utilisation, 0),
        )
    )
    for check in result.check_targets():
        mark = pgettext("cli", "ok") if check.ok else pgettext("cli", "OFF")
        _out(
            _("  [{mark}] {metric}: {measured} (target {target} ± {tolerance})").format(
                mark=mark,
                metric=check.metric,
                measured=format_decimal(check.measured, 3),
                target=format_decimal(check.target, 3),
                tolerance=format_decimal(check.tolerance, 3),
            )
        )
    return 0


# ---------------------------------------------------------------------------------- export
class _Refused(Exception):
    """A command refused as given (exit status 2, like a usage error)."""


def _key(args: argparse.Namespace, what: str) -> Any:
    """The pseudonym key of ``--key-file``/``--key-env``; None only with ``--no-pseudonyms``.

    Publishing raw identifiers must be asked for: without a key and without ``--no-pseudonyms``
    the command is refused (a ``_Refused`` error; ``what`` names the refused action).
    """
    if args.key_file and args.key_env:
        raise _Refused(_("give --key-file or --key-env, not both"))
    if (args.key_file or args.key_env) and args.no_pseudonyms:
        raise _Refused(_("--no-pseudonyms contradicts --key-file/--key-env"))
    if args.key_file:
        return _vaekit.PseudonymKey.from_file(args.key_file)
    if args.key_env:
        return _vaekit.PseudonymKey.from_env(args.key_env)
    if not args.no_pseudonyms:
        raise _Refused(
            _(
                "refusing to {what} with raw case and staff identifiers: give a pseudonym key "
                "(--key-file FILE or --key-env VARIABLE, at least 32 bytes), or --no-pseudonyms "
                "for internal use"
            ).format(what=what)
        )
    return None


def _identified_by(key: Any, log: Any) -> str:
    """How a published output names people, for the summary line."""
    if key is not None:
        return _("identified by keyed pseudonym")
    if log.is_pseudonymised:
        return _("as in the log (its header says pseudonymised; --no-pseudonyms)")
    return _("RAW identifiers (--no-pseudonyms)")


def _cmd_export(args: argparse.Namespace) -> int:
    key = _key(args, _("export a log"))
    events = None
    with _event_log(args) as (path, _name):
        log = _read_log(path, args.lenient)
        if args.include_free_text:
            # The columnar log keeps no free text: read it again with the row reader, which does.
            with _progress.step(_("reading the free text")):
                events = _vaekit.read_event_log(path, strict=not args.lenient).events
            if len(events) != len(log):
                raise _Refused(_("the two readers disagree on the log; cannot add its free text"))
    if key is not None:
        log = log.pseudonymised(key)
    with _progress.step(_("writing {path}").format(path=Path(args.out).name)):
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
    text = _("{path}: {events} events as {format}; cases and staff {who}").format(
        path=args.out, events=_n(len(log)), format=args.format, who=who
    )
    if args.include_free_text:
        text += _("; free text included")
    _out(text)
    return 0


# ---------------------------------------------------------------------------------- import
def _import_steps(label: str, steps: int) -> Any:
    """A context giving a progress callback: a rich bar over the import's stages on a terminal.

    ``steps`` stages; the work inside a stage is columnar (no row loop to count). Off a terminal
    or with ``--quiet``, nothing.
    """
    return _progress.step(label, steps)


def _import_stage(step: Callable[[str], None]) -> Callable[[str], None]:
    """The import's stage callback with the stage names in the current language."""

    def named(stage: str) -> None:
        """Start the stage ``stage`` (its name translated)."""
        step(pgettext("import stage", stage))

    return named


def _cmd_import(args: argparse.Namespace) -> int:
    from ..analytics.tabular import guess_mapping, import_table, iter_rejects_csv

    if args.key_file and args.key_env:
        raise _Refused(_("give --key-file or --key-env, not both"))
    key = (
        _vaekit.PseudonymKey.from_file(args.key_file)
        if args.key_file
        else _vaekit.PseudonymKey.from_env(args.key_env)
        if args.key_env
        else None
    )
    if args.format == "france-vae":
        # A France VAE status history (CandidaciesStatus): the mapping is vaekit's own.
        from ..pathway.france_vae import import_france_vae

        if args.mapping or args.guess:
            raise _Refused(_("--format france-vae takes no --mapping nor --guess"))
        if not args.out:
            raise _Refused(_("give -o LOG.jsonl"))
    elif key is not None:
        raise _Refused(_("--key-file/--key-env go with --format france-vae"))
    if args.guess:
        import json

        with _import_steps(_("reading {path}").format(path=args.source), 1):
            doc = guess_mapping(args.source)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if args.out:
            _vaekit.write_file_atomic(args.out, text)
            _out(
                _("proposed mapping written: {path} (check it, fill the blank codes)").format(
                    path=args.out
                )
            )
        else:
            sys.stdout.write(text)
        return 0
    if args.format != "france-vae" and (not args.mapping or not args.out):
        raise _Refused(
            _("give --mapping M.json and -o LOG.jsonl (or --guess to propose a mapping)")
        )
    # Stages: reading, building events, checking, (building the log), writing.
    label = _("importing {name}").format(name=Path(args.source).name)
    with _import_steps(label, 5) as bar:
        step = _import_stage(bar)
        if args.format == "france-vae":
            result = import_france_vae(args.source, strict=args.strict, key=key, progress=step)
        else:
            result = import_table(args.source, args.mapping, strict=args.strict, progress=step)
        step("writing")
        result.log.write(args.out)
    _out(
        _(
            "{source} [{sheet}]: {read} rows read, {accepted} accepted, {rejected} rejected; "
            "{events} events, {cases} cases -> {path}"
        ).format(
            source=args.source,
            sheet=result.sheet,
            read=_n(result.rows_read),
            accepted=_n(result.rows_accepted),
            rejected=_n(result.rows_rejected),
            events=_n(result.events),
            cases=_n(result.log.case_count),
            path=args.out,
        )
    )
    for r in result.rejects[:20]:
        _out(_("  reject {reject}").format(reject=r))
    if len(result.rejects) > 20:
        more = _("  ... {count} more").format(count=_n(len(result.rejects) - 20))
        _out(more + ("" if args.rejects else " (--rejects)"))
    if args.rejects:
        _vaekit.write_file_atomic(args.rejects, "".join(iter_rejects_csv(result.rejects)))
        _out(_("  rejects written: {path}").format(path=args.rejects))
    return 0


def _add_import_parser(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """The ``vaekit import`` sub-command."""
    p = add(
        sub,
        "import",
        _cmd_import,
        _("a network's spreadsheet (CSV, xlsx) as an event log, under an ImportMapping.1"),
    )
    p.add_argument("source", help=_("a CSV file (any separator, UTF-8 or Windows-1252) or an xlsx"))
    p.add_argument(
        "--format",
        choices=["table", "france-vae"],
        default="table",
        help=_(
            "table: a network's spreadsheet under --mapping (default); france-vae: a France VAE "
            "status history (candidacy_id, status, created_at, is_active; "
            "docs/formats/france-vae.md)"
        ),
    )
    p.add_argument("--mapping", help=_("the ImportMapping.1 JSON file (see docs/formats)"))
    p.add_argument(
        "-o",
        "--out",
        help=_(
            "the event log to write (JSON Lines); with --guess, the proposed mapping "
            "(default: standard output)"
        ),
    )
    p.add_argument("--strict", action="store_true", help=_("stop at the first bad row"))
    p.add_argument(
        "--rejects",
        help=_("write the rejected rows' sheet, row, column and reason to this CSV"),
    )
    p.add_argument(
        "--guess",
        action="store_true",
        help=_(
            "propose a mapping from the headers (French and English names), the date format "
            "and the local values to map"
        ),
    )
    p.add_argument(
        "--key-file",
        help=_("france-vae: name candidacies by keyed pseudonym (key in this file)"),
    )
    p.add_argument(
        "--key-env", help=_("france-vae: the pseudonym key in this environment variable")
    )


# ------------------------------------------------------------------------------- plumbing
# argparse's own words (usage, section titles, its error messages) through the catalog: argparse
# looks up every message it builds with its module's `_` and `ngettext` (gettext), so the command
# line swaps them for the catalog's while it builds and parses (the msgids are argparse's own,
# translated in cli.po under the context "argparse").
@contextlib.contextmanager
def _argparse_words() -> Iterator[None]:
    """The messages of argparse in the current language while the block runs."""

    def gettext(msgid: str) -> str:
        """The argparse message ``msgid`` in the current language."""
        return pgettext("argparse", msgid)

    def plural(singular: str, plural_: str, n: int) -> str:
        """An argparse plural message in the current language."""
        return gettext(singular if n == 1 else plural_)

    saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Formatter(argparse.HelpFormatter):
    """Help as plain text: each paragraph of a description wrapped on its own."""

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        """The usage line, its "usage: " in the language of the help."""
        if prefix is None:
            prefix = pgettext("argparse", "usage: ")
        return super()._format_usage(usage, actions, groups, prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """The paragraphs of ``text`` (blank-line separated), each wrapped to ``width``."""
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        return "\n\n".join(super(_Formatter, self)._fill_text(p, width, indent) for p in paragraphs)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``vaekit`` command, in the current language."""
    with _argparse_words():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    """The parser (argparse's own words already in the current language)."""
    parser = argparse.ArgumentParser(
        prog="vaekit",
        description=_(
            "vaekit: the tasks of a VAE counselling network from a terminal (registry, event "
            "logs and case store, activity report, professionalisation days, simulation, "
            "exports, spreadsheet import).\n\n"
            "Every command that reads an event log also reads a case store instead: --store URL, "
            "a SQLite path or sqlite:///path.db, or postgresql://user@host/db (a password in it "
            "is never printed).\n\n"
            "Bad input gives one line on the error output, with the error's code, and a "
            "non-zero exit status."
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"vaekit {_vaekit.__version__}",
        help=_("show the version of vaekit and exit"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "language of the output, the help and the error messages: fr (default) or en "
            "(default: $VAEKIT_LANG, else fr)"
        ),
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("no progress bars (they are drawn only on a terminal, on the error output)"),
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=pgettext("cli", "COMMAND"),
        title=pgettext("cli", "commands"),
        help=_("the command to run (vaekit COMMAND --help: its arguments)"),
    )

    def add(parent: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(
            name, help=help_text, description=help_text, formatter_class=_Formatter
        )
        p.set_defaults(func=handler)
        return p

    def group(name: str, help_text: str) -> Any:
        p = sub.add_parser(name, help=help_text, description=help_text, formatter_class=_Formatter)
        return p.add_subparsers(
            dest="action",
            required=True,
            metavar=pgettext("cli", "ACTION"),
            title=pgettext("cli", "actions"),
            help=_("the action to run (vaekit {command} ACTION --help: its arguments)").format(
                command=name
            ),
        )

    def lenient(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lenient",
            action="store_true",
            help=_("set bad records aside (listed) instead of stopping at the first"),
        )

    def store_arg(p: argparse.ArgumentParser, help_text: str, required: bool = False) -> None:
        p.add_argument(
            "--store",
            required=required,
            metavar="URL",
            help=_(
                "{what}: a SQLite path or sqlite:///path.db, or "
                "postgresql://user@host:port/db?sslmode=..."
            ).format(what=help_text),
        )

    p = add(sub, "demo", _cmd_demo, _("run the main job on the embedded example data"))
    p.add_argument("--out", default="out", help=_("output folder (default: out)"))

    p = add(sub, "calendar", _cmd_calendar, _("French public holidays and working days of a year"))
    p.add_argument("year", type=_YEAR, help=_("the year (e.g. 2025)"))
    p.add_argument(
        "--region",
        default="metropolitan",
        choices=["metropolitan", "alsace_moselle"],
        help=_("the calendar: metropolitan (default) or alsace_moselle (two more holidays)"),
    )

    reg = group("registry", _("France Compétences RNCP/RS exports"))
    export_help = _("a France Compétences export (the zip of CSV or XML files, or a folder)")
    p = add(reg, "load", _cmd_registry_load, _("read an export and summarise it"))
    p.add_argument("path", help=export_help)
    p.add_argument("--json", help=_("also write the registry as vaekit JSON"))
    lenient(p)
    p = add(reg, "search", _cmd_registry_search, _("accent-insensitive search of titles"))
    p.add_argument("path", help=export_help)
    p.add_argument("query", help=_("the words to look for in the titles"))
    p.add_argument(
        "--limit", type=_LIMIT, default=10, help=_("at most this many results (default 10)")
    )
    lenient(p)
    p = add(reg, "changes", _cmd_registry_changes, _("what changed between two exports"))
    p.add_argument("old", help=_("the older export"))
    p.add_argument("new", help=_("the newer export"))
    p.add_argument("--json", help=_("write the changes as JSON records"))
    lenient(p)

    cases = group("cases", _("event logs and the case store"))
    p = add(
        cases,
        "validate",
        _cmd_cases_validate,
        _("check an event log v1 against the format and the transition table"),
    )
    p.add_argument("log", nargs="?", help=_("the event log (or --store)"))
    store_arg(p, _("check this case store instead of a log (and its integrity)"))
    p.add_argument("--allow-rejects", action="store_true", help=_("exit 0 even with rejects"))
    lenient(p)
    p = add(cases, "import", _cmd_cases_import, _("import an event log into a case store"))
    p.add_argument("log", help=_("the event log to import (JSON Lines)"))
    store_arg(p, _("the case store (created if absent)"), required=True)
    p.add_argument(
        "--batch-cases",
        type=_batch_cases,
        default=20_000,
        help=_("cases written per transaction (default 20000)"),
    )
    lenient(p)
    p = add(cases, "export", _cmd_cases_export, _("write a case store's events as an event log v1"))
    store_arg(p, _("the case store"), required=True)
    p.add_argument("out", help=_("the event log to write (atomically)"))
    p = add(
        cases,
        "migrate",
        _cmd_cases_migrate,
        _("copy a case store to another (SQLite, PostgreSQL)"),
    )
    p.add_argument("src", help=_("the source store: a path or URL"))
    p.add_argument("dst", help=_("the destination store: a path or URL (created if absent)"))
    p.add_argument(
        "--force",
        action="store_true",
        help=_("copy into a destination that holds cases (merged as an import: conflicts listed)"),
    )

    def keys(p: argparse.ArgumentParser, verb: str) -> None:
        p.add_argument(
            "--key-file", help=_("{verb} with the pseudonym key in this file").format(verb=verb)
        )
        p.add_argument(
            "--key-env",
            help=_("{verb} with the key in this environment variable").format(verb=verb),
        )
        p.add_argument(
            "--no-pseudonyms",
            action="store_true",
            help=_("keep raw case and staff identifiers (internal use only)"),
        )

    p = add(sub, "report", _cmd_report, _("the activity report of an event log"))
    p.add_argument("log", nargs="?", help=_("the event log (or --store)"))
    store_arg(p, _("report on this case store instead of a log"))
    p.add_argument(
        "--threshold", type=_THRESHOLD, default=11, help=_("disclosure threshold (default 11)")
    )
    p.add_argument(
        "--method",
        choices=["cell-key", "suppression"],
        default="cell-key",
        help=_(
            "disclosure control: cell-key noise and suppression under the threshold (default), "
            "or suppression alone; --threshold 0 publishes exact figures (internal use)"
        ),
    )
    p.add_argument(
        "--publication-key-file",
        help=_(
            "secret key of the cell-key method (default: $VAEKIT_PUBLICATION_KEY; without one "
            "the noise uses a public key, which the report states)"
        ),
    )
    p.add_argument("--out", default="out/report", help=_("output folder (default: out/report)"))
    p.add_argument(
        "--registry",
        metavar=pgettext("metavar", "REGISTRY"),
        help=_(
            "a registry (vaekit registry load ... -o FILE, or a France Compétences export): "
            "also publish the outcome rates by certification and certifier"
        ),
    )
    p.add_argument(
        "--html",
        metavar=pgettext("metavar", "FILE"),
        help=_("also write the report page (one HTML file)"),
    )
    p.add_argument(
        "--xlsx",
        metavar=pgettext("metavar", "FILE"),
        help=_("also write the report as an Excel workbook"),
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help=_(
            "also write CSV files for French Excel (';', decimal comma, UTF-8 with BOM) in "
            "OUT/excel"
        ),
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,  # never overrides the --lang given before the command
        help=_(
            "language of the output, the help and the error messages: fr (default) or en "
            "(default: $VAEKIT_LANG, else fr)"
        ),
    )
    keys(p, _("name staff by keyed pseudonym"))
    lenient(p)

    prog = group("programme", _("the professionalisation days"))
    p = add(prog, "plan", _cmd_programme_plan, _("schedule a programme optimally (CBC)"))
    p.add_argument("programme", help=_("a Programme.1 JSON file"))
    p.add_argument("--constraints", help=_("a ScheduleConstraints.1 JSON file"))
    p.add_argument("--out", help=_("write the plan (Plan.1 JSON)"))
    p = add(prog, "validate", _cmd_programme_validate, _("list the violated constraints of a plan"))
    p.add_argument("plan", help=_("a Plan.1 JSON file"))

    p = add(sub, "simulate", _cmd_simulate, _("simulate a year of a counselling network"))
    p.add_argument(
        "--scenario",
        default="idf-2014",
        help=_("a built-in name or a Scenario.1 file (default: idf-2014)"),
    )
    p.add_argument(
        "--seed",
        type=_SEED,
        default=2014,
        help=_("the random seed (default 2014): same seed, same year"),
    )
    p.add_argument("--counsellors", type=_COUNSELLORS, help=_("override the number of counsellors"))
    p.add_argument(
        "--out",
        default="out/simulated-events.jsonl",
        help=_("the event log to write (default: out/simulated-events.jsonl)"),
    )

    p = add(sub, "export", _cmd_export, _("export an event log for other tools"))
    p.add_argument(
        "format",
        choices=["xes", "ocel", "csv"],
        help=_("xes (IEEE XES), ocel (OCEL 2.0 JSON) or csv (one row per event)"),
    )
    p.add_argument("log", nargs="?", help=_("the event log (or --store)"))
    p.add_argument("out", help=_("the file to write"))
    store_arg(p, _("export this case store instead of a log"))
    keys(p, _("pseudonymise case and staff identifiers"))
    p.add_argument(
        "--include-free-text",
        action="store_true",
        help=_("also export free text (reason, certifier) and unknown fields: may be personal"),
    )
    lenient(p)

    _add_import_parser(sub, add)
    _translate_builtin_help(parser)
    return parser


def _walk(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every sub-command's parser under it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _walk(child)


def _translate_builtin_help(parser: argparse.ArgumentParser) -> None:
    """The help line of every ``-h`` and the name of every value in the current language.

    argparse adds the ``-h`` itself, and names a value by its ``dest`` (``year``, ``KEY_FILE``):
    the name shown (the metavar) is the catalog's (context "metavar"), the ``dest`` unchanged.
    """
    for p in _walk(parser):
        for action in p._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help and exit")
            elif action.nargs != 0 and action.metavar is None and action.choices is None:
                action.metavar = pgettext("metavar", action.dest.upper())


def _language(argv: list[str]) -> str | None:
    """The language ``--lang`` asks for (anywhere before ``--``), or None.

    None keeps the current language of :mod:`vaekit.i18n`: the one set by ``set_language``,
    else ``$VAEKIT_LANG``, else French. An unknown ``--lang`` value is left to argparse, which
    refuses it (in that language: French).
    """
    lang = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1].strip().lower()
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2].strip().lower()
    return lang if lang in LANGUAGES else None


# ---------------------------------------------------------------------------------- errors
_CODE_SENTENCES = {
    "parse": "malformed input",
    "schema": "a document of another format, or of a newer version than this vaekit reads",
    "invalid_argument": "a value outside its domain",
    "out_of_range": "a value vaekit does not support",
    "not_found": "not found",
    "io": "a file could not be read or written",
    "transition": "an event not allowed in the case's stage or for this role",
    "conflict": "another program changed the data first",
    "infeasible": "the problem has no solution",
    "unsupported": "a feature or format version vaekit does not handle",
    "internal": "an internal error of vaekit: please report it",
    "usage": "command refused as given",
}
"""The sentence of each stable error code (:class:`vaekit.Error`'s ``code``), in English: the
catalog (context "error") translates it; ``usage`` is the command line's own refusals."""


def error_line(code: str, detail: str, where: list[str] | None = None) -> str:
    """The one line the command prints for an error, in the current language.

    ``vaekit: error [code]: sentence (where): detail`` — the stable ``code`` never translated, the
    sentence of the code and the labels of ``where`` (file, line, field) from the catalog, the
    ``detail`` as the library wrote it (bounded to 2000 characters, printable).
    """
    sentence = pgettext("error", _CODE_SENTENCES.get(code, _CODE_SENTENCES["internal"]))
    detail = " ".join(detail.split())
    if len(detail) > 2000:
        detail = detail[:2000] + "..."
    detail = detail.encode("utf-8", "backslashreplace").decode("utf-8")
    place = f" ({', '.join(where)})" if where else ""
    text = _("vaekit: error [{code}]: {sentence}{where}").format(
        code=code, sentence=sentence, where=place
    )
    return text + (_(": {detail}").format(detail=detail) if detail else "")


def _where(exc: BaseException) -> list[str]:
    """The location of a vaekit error (file, line, column, field, key), labelled."""
    parts: list[str] = []
    source = getattr(exc, "source", None) or getattr(exc, "path", None)
    if source:
        parts.append(_("file {name}").format(name=source))
    line = getattr(exc, "line", None)
    if isinstance(line, int):
        parts.append(_("line {line}").format(line=line))
    column = getattr(exc, "column", None)
    if isinstance(column, int):
        parts.append(_("column {column}").format(column=column))
    field = getattr(exc, "field", None)
    if field:
        parts.append(_("field {field}").format(field=field))
    return parts


def _describe(exc: BaseException) -> tuple[str, list[str], str]:
    """(code, where, detail) of an exception the command reports."""
    if isinstance(exc, _vaekit.Error):
        code = str(getattr(exc, "code", "internal"))
        where = _where(exc)
        reason = getattr(exc, "reason", None)  # a ParseError raised by the library's C++
        if isinstance(exc, _vaekit.ParseError) and isinstance(reason, str):
            return code, where, reason
        if isinstance(exc, _vaekit.IoError):
            detail = getattr(exc, "strerror", None) or str(exc)
            return code, where, str(detail)
        if isinstance(exc, _vaekit.NotFound):
            return code, where, str(exc.args[0] if exc.args else exc)
        return code, where, str(exc)
    if isinstance(exc, KeyError):
        return "not_found", [], str(exc.args[0] if exc.args else exc)
    if isinstance(exc, UnicodeDecodeError):  # a document read as text by Python (never raw bytes)
        return "parse", [], _("input is not valid UTF-8 (byte {byte})").format(byte=exc.start)
    if isinstance(exc, OSError):
        where = [_("file {name}").format(name=exc.filename)] if exc.filename else []
        return "io", where, str(exc.strerror or exc)
    if isinstance(exc, RecursionError):
        return "parse", [], _("input nested too deeply")
    return "invalid_argument", [], str(exc)


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    from ..i18n import use_language

    argv = list(sys.argv[1:] if argv is None else argv)
    with use_language(_language(argv)):
        with _argparse_words():
            args = _build_parser().parse_args(argv)
            _progress.set_quiet(bool(args.quiet))
        func: Handler = args.func
        try:
            return func(args)
        except BrokenPipeError:
            # The reader of the output went away (`vaekit ... | head`): stop quietly, as the
            # shell's own tools do (128 + SIGPIPE), without a second error on the closed pipe.
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
        except _Refused as exc:
            print(error_line("usage", str(exc)), file=sys.stderr)
            return 2
        except (
            _vaekit.Error,
            KeyError,
            OSError,
            ValueError,
            RecursionError,
        ) as exc:  # UnicodeDecodeError is a ValueError
            code, where, detail = _describe(exc)
            print(error_line(code, detail, where), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(_("vaekit: interrupted"), file=sys.stderr)
            return 130
        finally:
            _progress.set_quiet(False)


if __name__ == "__main__":
    sys.exit(main())
