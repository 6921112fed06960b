"""Searching stays light: it never loads the extraction pipeline or NLTK (behaviour, not timing;
the timings are in benchmarks/bench.py), and keyword words match every form of their stem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.query import Term

from search.engine import Engine, Request, _stem_of

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "indexer.pipeline",
    "indexer.cleaning",
    "indexer.junk",
    "indexer.linebreaks",
    "indexer.attribution",
    "indexer.cues",
    "indexer.scene",
    "indexer.splits",
    "indexer.sentences",
)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "bridge"],
        ["search", '"to be or not to be"'],
        ["quotes", "--speaker", "Castro", "--from", "1963", "--until", "1963"],
        ["speakers"],
    ],
)
def test_searching_imports_neither_nltk_nor_the_pipeline(seed_index: Path, args: list[str]) -> None:
    code = (
        "import json, sys\n"
        "from search.cli import cli\n"
        "try:\n"
        f"    cli({[*args, '--index-dir', str(seed_index), '--format', 'jsonl']!r})\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not {m for m in loaded if m == "nltk" or m.startswith("nltk.")}
    assert not loaded & set(HEAVY)


def test_keyword_words_match_every_form_of_their_stem(seed_index: Path) -> None:
    engine = Engine(seed_index)
    reader = engine._searcher().reader()
    words = [w.decode() if isinstance(w, bytes) else w for w in reader.lexicon("exact")]
    stems = {_stem_of(w) for w in words} - {None}
    assert stems
    for stem in sorted(stems):
        expected = {w for w in words if _stem_of(w) == stem}
        query = engine._to_exact(Term("text", stem), reader)
        leaves = [query] if isinstance(query, Term) else query.subqueries
        assert {(q.fieldname, q.text) for q in leaves} == {("exact", w) for w in expected}, stem


def test_one_searcher_serves_many_queries_and_sees_commits(seed_index: Path) -> None:
    engine = Engine(seed_index)
    first = engine.search(Request(text="bridge"))
    assert first.hits
    assert engine._searcher() is engine._searcher()
    assert engine.search(Request(text="bridge")).hits == first.hits
    engine.close()
