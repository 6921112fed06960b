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


def render(records: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """All records in one format; ``columns`` choose and order the table and csv columns."""
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
    return table(records, columns)


_MARKED = re.compile(r"\*\*(.+?)\*\*")


def _bold(text: str) -> str:
    """Highlighted words in bold (``click.echo`` drops the escapes when not on a terminal)."""
    return _MARKED.sub("\x1b[1m\\1\x1b[0m", text)


def table(records: Iterable[dict[str, Any]], columns: Sequence[str], width: int = 100) -> str:
    """A readable block per record: its first column as a heading, the others indented."""
    blocks = []
    for record in records:
        head, *rest = columns
        lines = [str(record.get(head, ""))]
        for column in rest:
            value = _bold(_flat(record.get(column)))
            if not value:
                continue
            wrapped = textwrap.wrap(value, width - 14) or [""]
            lines.append(f"  {column:<11} {wrapped[0]}")
            lines.extend(f"  {'':<11} {line}" for line in wrapped[1:])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
