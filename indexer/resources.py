"""Data files shipped with the package: word lists, reporting verbs, titles, abbreviations."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``indexer/data/<name>``, stripped, in file order."""
    text = resources.files("indexer").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def read_set(name: str) -> frozenset[str]:
    """The lines of a data file as a set (for membership tests)."""
    return frozenset(read_lines(name))


@cache
def read_table(name: str, sep: str = "|") -> tuple[tuple[str, ...], ...]:
    """The lines of a data file cut into cells at ``sep`` ("word | gender"), each cell stripped;
    a row with fewer cells than the widest is padded with empty ones."""
    rows = [tuple(cell.strip() for cell in line.split(sep)) for line in read_lines(name)]
    width = max((len(row) for row in rows), default=0)
    return tuple(row + ("",) * (width - len(row)) for row in rows)
