"""Data files shipped with the package: word lists, reporting verbs, titles, abbreviations."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``indexer/data/<name>``, stripped, in file order."""
    text = resources.files("indexer").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def read_set(name: str) -> frozenset[str]:
    """The lines of a data file as a set (for membership tests)."""
    return frozenset(read_lines(name))
