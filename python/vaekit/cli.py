"""The ``vaekit`` command.

``vaekit demo [--out DIR]`` runs the main job on the embedded example data;
``vaekit calendar YEAR [--region R]`` prints the French working-day calendar of a year.
Bad input gives one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from . import _vaekit


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import demo

    return demo.run(Path(args.out))


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = _vaekit.FrenchCalendar(args.region)
    for h in cal.holidays(args.year):
        print(f"{h.date}  {h.date.weekday.name.lower():9}  {h.name}")
    first, last = _vaekit.Date(args.year, 1, 1), _vaekit.Date(args.year, 12, 31)
    print(f"working days: {len(cal.working_days(_vaekit.DateRange(first, last)))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``vaekit`` command (sub-commands register here)."""
    parser = argparse.ArgumentParser(prog="vaekit", description=__doc__)
    parser.add_argument("--version", action="version", version=f"vaekit {_vaekit.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the main job on the embedded example data")
    demo.add_argument("--out", default="out", help="output folder (default: out)")
    demo.set_defaults(func=_cmd_demo)
    cal = sub.add_parser("calendar", help="French public holidays and working days of a year")
    cal.add_argument("year", type=int)
    cal.add_argument("--region", default="metropolitan", choices=["metropolitan", "alsace_moselle"])
    cal.set_defaults(func=_cmd_calendar)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except (_vaekit.Error, OSError) as exc:
        print(f"vaekit: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vaekit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
