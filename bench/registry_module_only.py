"""Runs a script with ``vaekit`` bound to the compiled module alone (``vaekit._vaekit``).

A build with ``-DVAEKIT_AREAS="core;registry"`` (enough for the registry benchmarks, and a fraction
of a full release build) has a module without the other areas, so the package's ``__init__``
cannot import; the registry API (``vaekit.Registry``) is in the module itself:

    python bench/registry_module_only.py build/release bench/registry_vs_etree.py EXPORT.xml
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import runpy
import sys
from pathlib import Path


def main() -> None:
    """Load the module of the build tree given first, then run the script given second."""
    build, script, *rest = sys.argv[1:]
    so = next((Path(build) / "python" / "vaekit").glob("_vaekit*.so"))
    loader = importlib.machinery.ExtensionFileLoader("_vaekit", str(so))
    spec = importlib.util.spec_from_file_location("_vaekit", so, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    sys.modules["vaekit"] = module
    sys.argv = [script, *rest]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
