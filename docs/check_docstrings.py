"""Fail (exit 1) if any public name of the vaekit Python package lacks a docstring.

Walks ``vaekit.__all__``: every function, class, method, property and enum member must carry
documentation of its own (pybind11's generated signature line alone does not count).
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import re
import sys
from typing import Any

SIGNATURE = re.compile(r"^\s*(\d+\.\s+)?[A-Za-z_][\w.]*\(.*\)(\s*->\s*.+)?\s*$")
# Methods pybind11 generates on every enum, with its own docs.
GENERATED = {"name", "value"}


def own_text(doc: str | None) -> str:
    """The docstring without pybind11's signature lines and overload header."""
    if not doc:
        return ""
    lines = [
        line
        for line in doc.splitlines()
        if not SIGNATURE.match(line) and line.strip() != "Overloaded function."
    ]
    return "\n".join(lines).strip()


def overload_texts_missing(doc: str) -> bool:
    """True when an overloaded pybind11 function has an overload without text."""
    if "Overloaded function." not in doc:
        return False
    parts = re.split(r"^\d+\.\s+", doc, flags=re.M)[1:]
    return any(not own_text(part.split("\n", 1)[1] if "\n" in part else "") for part in parts)


def check_callable(qualname: str, obj: Any, problems: list[str]) -> None:
    """Record a problem if the callable ``obj`` has no documentation."""
    doc = getattr(obj, "__doc__", None)
    if not own_text(doc):
        problems.append(f"{qualname}: no docstring")
    elif doc and overload_texts_missing(doc):
        problems.append(f"{qualname}: an overload has no docstring")


def check_class(name: str, cls: type, problems: list[str]) -> None:
    """Check a class, its public members and (for enums) its values."""
    if not own_text(cls.__doc__):
        problems.append(f"{name}: class has no docstring")
    members = getattr(cls, "__members__", None)
    if isinstance(members, dict) and not issubclass(cls, enum.Enum):
        doc = cls.__doc__ or ""
        for member in members:
            if not re.search(rf"^\s*{re.escape(member)} : \S", doc, flags=re.M):
                problems.append(f"{name}.{member}: enum value has no docstring")
    for attr, value in vars(cls).items():
        if attr.startswith("_") and attr != "__init__":
            continue
        if attr == "__init__" and dataclasses.is_dataclass(cls):
            continue  # generated from the documented fields
        if (attr in GENERATED or attr == "__init__") and members is not None:
            continue
        if isinstance(members, dict) and attr in members:
            continue
        qual = f"{name}.{attr}"
        if isinstance(value, property):
            if not own_text(value.__doc__):
                problems.append(f"{qual}: property has no docstring")
        elif isinstance(value, (staticmethod, classmethod)):
            check_callable(qual, value.__func__, problems)
        elif callable(value):
            check_callable(qual, value, problems)
        elif type(value).__name__ == "pybind11_static_property" or hasattr(value, "fget"):
            if not own_text(getattr(value, "__doc__", None)):
                problems.append(f"{qual}: property has no docstring")


def check_modules(package: Any, problems: list[str]) -> int:
    """Check every public module of ``package``; return the number of names checked.

    A module needs a docstring, and so does each name of its ``__all__`` that it defines itself.
    """
    import importlib
    import pkgutil

    seen = 0
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        module = importlib.import_module(info.name)
        if not own_text(module.__doc__):
            problems.append(f"{info.name}: module has no docstring")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name, None)
            if name.startswith("_") or getattr(obj, "__module__", None) != info.name:
                continue  # re-exported: checked where it is defined
            seen += 1
            qual = f"{info.name}.{name}"
            if inspect.isclass(obj):
                check_class(qual, obj, problems)
            elif callable(obj):
                check_callable(qual, obj, problems)
    return seen


def main() -> int:
    """Check every public name of vaekit; print the problems and return the exit code."""
    import vaekit

    problems: list[str] = []
    if not own_text(vaekit.__doc__):
        problems.append("vaekit: module has no docstring")
    seen = 0
    for name in vaekit.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(vaekit, name)
        seen += 1
        if inspect.isclass(obj):
            check_class(name, obj, problems)
        elif callable(obj):
            check_callable(name, obj, problems)
        elif inspect.ismodule(obj):
            if not own_text(obj.__doc__):
                problems.append(f"{name}: module has no docstring")
    seen += check_modules(vaekit, problems)
    for p in problems:
        print(f"undocumented: {p}")
    print(f"docstrings: {seen} public names checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
