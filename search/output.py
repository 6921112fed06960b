"""Records to text: table for people, json / jsonl / csv for programs. Nothing here prints."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_flat(v) if not isinstance(v, dict) else v.get("text", "") for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(
    records: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str], *, styled: bool = False
) -> str:
    """All records in one format; ``columns`` choose and order the table and csv columns.
    ``styled``: highlighted words in bold (on a terminal) instead of between ``**``."""
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_flat(record.get(c)) for c in columns])
        return buffer.getvalue()
    return table(records, columns, styled=styled)


_MARKED = re.compile(r"\*\*(.+?)\*\*")


def _bold(text: str) -> str:
    """Highlighted words in bold (``click.echo`` drops the escapes when not on a terminal)."""
    return _MARKED.sub("\x1b[1m\\1\x1b[0m", text)


def table(
    records: Iterable[dict[str, Any]],
    columns: Sequence[str],
    width: int = 100,
    *,
    styled: bool = False,
) -> str:
    """A readable block per record: its id as a heading and the other columns indented, or,
    for a record without an id (``status``), every column as a ``name  value`` line."""
    blocks = []
    for record in records:
        head, *rest = columns
        titled = head == "id" and "id" in record
        shown = rest if titled else list(columns)
        label = max((len(c) for c in shown), default=0) + 1
        lines = [str(record.get(head, ""))] if titled else []
        for column in shown:
            value = _flat(record.get(column))
            if not value and titled:
                continue
            wrapped = textwrap.wrap(value, max(20, width - label - 2)) or [""]
            if styled:
                wrapped = [_bold(line) for line in wrapped]
            lines.append(f"  {column:<{label}} {wrapped[0]}")
            lines.extend(f"  {'':<{label}} {line}" for line in wrapped[1:])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
