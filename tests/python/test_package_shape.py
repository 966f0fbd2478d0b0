"""The package by area: every compiled name has one home, and ``import vaekit`` stays light."""

import subprocess
import sys

import pytest

import vaekit
from vaekit import _vaekit

AREAS = ("core", "registry", "pathway", "store", "training", "analytics", "simulation")


def compiled_names():
    return sorted(n for n in dir(_vaekit) if not n.startswith("_"))


def test_every_compiled_name_lives_in_exactly_one_area():
    homes = {name: [] for name in compiled_names()}
    for area in AREAS:
        module = getattr(vaekit, area)
        for name in module.__all__:
            if name in homes:
                homes[name].append(area)
    without = [n for n, a in homes.items() if not a]
    several = {n: a for n, a in homes.items() if len(a) > 1}
    assert without == [], f"compiled names no area exports: {without}"
    assert several == {}, f"compiled names exported by several areas: {several}"


@pytest.mark.parametrize("area", AREAS)
def test_an_area_re_exports_the_compiled_object_itself(area):
    module = getattr(vaekit, area)
    for name in module.__all__:
        assert hasattr(module, name), f"vaekit.{area}.{name} is in __all__ but missing"
        # The top level re-exports every area name: one object, two addresses.
        assert getattr(vaekit, name) is getattr(module, name), f"vaekit.{name}"


def test_activity_report_is_in_the_analytics_area():
    assert vaekit.analytics.ActivityReport is vaekit.ActivityReport
    assert vaekit.pathway.Case is vaekit.Case
    assert vaekit.store.CaseStore is vaekit.CaseStore


def test_import_vaekit_needs_no_optional_dependency():
    code = (
        "import sys, vaekit\n"
        "heavy = ('pandas', 'matplotlib', 'jinja2', 'dask', 'rich', 'babel')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"import vaekit imported {out}"


def test_the_report_demo_and_command_are_packages_imported_on_demand():
    import vaekit.cli
    import vaekit.demo
    import vaekit.report
    from vaekit.report.page import build_page

    assert callable(vaekit.cli.main)
    assert callable(vaekit.demo.run)
    assert callable(build_page) and callable(vaekit.report.page)  # the page of any log
    assert vaekit.demo.example_data("registry").is_dir()
