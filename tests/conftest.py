"""Shared fixtures: the seed document, its expectations, and an index built from it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from indexer.pipeline import extract
from indexer.reading import read_document
from indexer.records import Extraction
from search.cli import cli

DATA = Path(__file__).parent / "data"
SEED = DATA / "back-channel-to-cuba.txt"


def fold(text: str) -> str:
    """A quote's text as expected.json gives it: line breaks folded to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(autouse=True)
def _no_user_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches a real index: the default location points into tmp_path."""
    monkeypatch.setenv("VERBATIM_INDEX", str(tmp_path / "default-index"))


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    return json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    return extract(read_document(SEED, SEED.name))


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of a corpus holding the seed document alone, built through the CLI."""
    root = tmp_path_factory.mktemp("seed")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    result = CliRunner().invoke(cli, ["index", str(corpus), "--index-dir", str(root / "index")])
    assert result.exit_code == 0, result.output
    return root / "index"


def run(*args: str) -> Any:
    """Run the CLI in-process and return Click's result (stdout and stderr apart)."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def jsonl(result: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
