"""Reading a JSON document of vaekit's Python side the way every vaekit document reader does.

:func:`load_json_document` is shared by the documents read in Python (``ImportMapping.1``,
``FranceVaeMapping.1``): bytes must be UTF-8, a key may not repeat in an object, nesting deeper
than Python's reader decodes is refused; each is a :class:`vaekit.ParseError` naming the schema,
never the document's text beyond a key (cut to 40 characters).
"""

from __future__ import annotations

import json
from typing import Any

from .._vaekit import ParseError

__all__ = ["load_json_document"]


def load_json_document(text: str | bytes, schema: str) -> Any:
    """The JSON value of ``text``, a ``schema`` document (the name used in messages)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(f"{schema}: not UTF-8 (byte {exc.start})") from None

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                cut = json.dumps(key[:40], ensure_ascii=False)
                raise ParseError(f"{schema}: duplicate key {cut}")
            out[key] = value
        return out

    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{schema}: not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ParseError(f"{schema}: nested deeper than the JSON reader allows") from None
