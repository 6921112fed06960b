"""The command line: every command, every format, and one-line errors with their exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from search.cli import ExitStatus, cli
from tests.conftest import SEED, jsonl, run

HAMLET = """HAMLET

In the winter of 1601 Hamlet speaks alone on the platform, and the line everyone knows comes first.

"To be, or not to be, that is the question," Hamlet said, "whether 'tis nobler in the mind
to suffer the slings and arrows of outrageous fortune."

The court of Denmark met in Elsinore.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "hamlet.txt").write_text(HAMLET, encoding="utf-8")
    return folder


@pytest.fixture()
def index_dir(corpus: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    result = run("index", str(corpus), "--index-dir", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout, name
        assert command.help


def test_index_summary_on_stderr(index_dir: Path, corpus: Path) -> None:
    result = run("index", str(corpus), "--index-dir", str(index_dir))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 added, 0 changed, 0 removed, 2 unchanged (" in result.stderr


def test_phrase_with_stop_words_finds_the_exact_line(index_dir: Path) -> None:
    result = run(
        "search", '"to be or not to be"', "--index-dir", str(index_dir), "--format", "jsonl"
    )
    records = jsonl(result)
    assert records, result.output
    assert all("To be, or not to be" in r["text"] for r in records)
    assert {r["type"] for r in records} == {"passage", "quote"}


def test_phrase_of_stop_words_only_differs_from_a_bag_of_words(index_dir: Path) -> None:
    phrase = jsonl(run("search", '"that is the question"', "--index-dir", str(index_dir)))
    assert phrase and all("that is the question" in r["text"] for r in phrase)
    missing = jsonl(run("search", '"the question is that"', "--index-dir", str(index_dir)))
    assert missing == []


@pytest.mark.parametrize("query", ["Raúl", "raul", "RAUL", "Raúl"])  # NFC, folded, upper, NFD
def test_case_and_accents_do_not_matter(index_dir: Path, query: str) -> None:
    records = jsonl(run("search", query, "--index-dir", str(index_dir)))
    assert {r["id"] for r in records} == {"back-channel-to-cuba.txt:p0004"}


def test_highlights_mark_the_matched_words(index_dir: Path) -> None:
    (hit,) = jsonl(run("search", "porcupines", "--index-dir", str(index_dir), "--kind", "quote"))
    assert "**porcupines**" in hit["highlights"]
    assert hit["score"] > 0


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_formats(index_dir: Path, fmt: str) -> None:
    result = run("quotes", "--speaker", "Hamlet", "--index-dir", str(index_dir), "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "json":
        (record,) = json.loads(out)
    elif fmt == "jsonl":
        (record,) = jsonl(result)
    elif fmt == "csv":
        (record,) = list(csv.DictReader(io.StringIO(out)))
    else:
        assert out.startswith("hamlet.txt:q0001\n") and "Hamlet" in out
        return
    assert record["speaker"] == "Hamlet"
    assert record["text"].startswith("To be, or not to be")


def test_quote_record_shape(index_dir: Path) -> None:
    (record,) = jsonl(run("quotes", "--speaker", "hamlet", "--index-dir", str(index_dir)))
    assert {
        "type",
        "id",
        "doc_id",
        "source",
        "passage_id",
        "parts",
        "text",
        "speaker",
        "addressees",
        "date",
        "date_precision",
        "nested",
        "attribution",
    } <= set(record)
    assert record["parts"][1]["text"].startswith("whether ’tis nobler") or record["parts"][1][
        "text"
    ].startswith("whether 'tis nobler")
    assert record["date"] == "1601-24" and record["date_precision"] == "season"


def test_extract_prints_records_without_an_index(tmp_path: Path) -> None:
    result = run("extract", str(SEED), "--format", "jsonl")
    assert result.exit_code == 0
    kinds = [r["type"] for r in jsonl(result)]
    assert kinds[0] == "document" and kinds.count("quote") == 5 and "passage" in kinds
    assert not (tmp_path / "default-index").exists()


def test_speakers_counts(index_dir: Path) -> None:
    rows = jsonl(run("speakers", "--index-dir", str(index_dir)))
    assert {"speaker": "Fidel Castro", "quotes": 2} in rows
    assert {"speaker": "Raúl Castro", "quotes": 1} in rows


def test_show_gives_the_record_in_context(index_dir: Path) -> None:
    (record,) = jsonl(run("show", "back-channel-to-cuba.txt:q0004", "--index-dir", str(index_dir)))
    assert record["speaker"] == "James Donovan"
    assert "porcupines" in record["context"]


def test_status_reports_pending_changes(index_dir: Path, corpus: Path) -> None:
    (corpus / "new.txt").write_text('"Hello there," said Ann Smith.\n', encoding="utf-8")
    (corpus / "hamlet.txt").unlink()
    (info,) = jsonl(run("status", "--index-dir", str(index_dir), "--corpus", str(corpus)))
    assert info["documents"] == 2 and info["quotes"] == 6
    assert info["pending_new"] == 1 and info["pending_removed"] == 1
    assert info["schema_version"] >= 1


def test_index_dir_from_environment(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "env-index"
    monkeypatch.setenv("VERBATIM_INDEX", str(target))
    assert run("index", str(corpus)).exit_code == 0
    assert jsonl(run("quotes", "--speaker", "Donovan"))


# Errors: one line, a next step, and the documented exit code.
ERRORS = [
    (["search", "bridge"], ExitStatus.ERROR, "verbatim index"),
    (["quotes", "--speaker", "Castro"], ExitStatus.ERROR, "verbatim index"),
    (["status"], ExitStatus.ERROR, "verbatim index"),
    (["index", "no-such-folder"], ExitStatus.ERROR, "no corpus folder"),
    (["search", '"unbalanced'], ExitStatus.USAGE, "unbalanced quote"),
    (["search", "(bridge"], ExitStatus.USAGE, "unbalanced parentheses"),
    (["search", ""], ExitStatus.USAGE, "empty query"),
    (["search", "   "], ExitStatus.USAGE, "empty query"),
    (["quotes", "--from", "1963-13"], ExitStatus.USAGE, "1963-13"),
    (["quotes", "--until", "yesterday"], ExitStatus.USAGE, "yesterday"),
    (["quotes", "--from", "1964", "--until", "1963"], ExitStatus.USAGE, "is after --until"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS)
def test_errors_are_one_line(
    args: list[str], code: int, message: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--index-dir", str(tmp_path / "none"))
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("Error:") and message in line


@pytest.mark.parametrize(
    ("args", "message"), [(["search"], "Missing argument"), (["frobnicate"], "No such command")]
)
def test_click_usage_errors_end_with_the_error(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == ExitStatus.USAGE
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("Error:") and message in lines[-1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("query", ["*", "AND", "NOT", "()"])
def test_queries_that_ask_for_nothing_are_usage_errors(index_dir: Path, query: str) -> None:
    result = run("search", query, "--index-dir", str(index_dir))
    assert result.exit_code == ExitStatus.USAGE, result.output
    assert "nothing to search for" in result.stderr or "empty" in result.stderr


def test_a_negation_alone_finds_passages_and_quotes_only(index_dir: Path) -> None:
    records = jsonl(run("search", "NOT bridge", "--index-dir", str(index_dir), "-n", "0"))
    assert records
    assert {r["type"] for r in records} <= {"passage", "quote"}
    assert not any("bridge" in r["text"].lower() for r in records)


@pytest.mark.parametrize("query", ["speaker:castro", "bridge^5", "[a TO z]", "text:bridge"])
def test_whoosh_syntax_beyond_the_documented_language_is_plain_text(
    index_dir: Path, query: str
) -> None:
    result = run("search", query, "--index-dir", str(index_dir), "-n", "0")
    records = jsonl(result)
    every = jsonl(run("search", "NOT zzzz", "--index-dir", str(index_dir), "-n", "0"))
    assert len(records) < len(every)  # nothing matches everything
    assert all(r["score"] != 1.0 or r["highlights"] for r in records)


@pytest.mark.parametrize(
    ("query", "suggested"),
    [("porcupine", False), ("bridges", False), ("negotiatons", True), ("bri*", False)],
)
def test_did_you_mean_only_for_words_in_no_form_in_the_index(
    index_dir: Path, query: str, suggested: bool
) -> None:
    result = run("search", query, "--index-dir", str(index_dir))
    assert ("Did you mean" in result.stderr) is suggested
    if query == "porcupine":
        assert jsonl(result)


def test_extract_reads_the_files_of_a_folder(corpus: Path) -> None:
    (corpus / ".hidden.txt").write_text('"Hidden," said Ann Smith.\n', encoding="utf-8")
    result = run("extract", str(corpus), "--format", "jsonl")
    assert result.exit_code == 0
    documents = [r["source"] for r in jsonl(result) if r["type"] == "document"]
    assert documents == [
        (corpus / "back-channel-to-cuba.txt").as_posix(),
        (corpus / "hamlet.txt").as_posix(),
    ]


def test_status_table_names_every_field(index_dir: Path, corpus: Path) -> None:
    out = run("status", "--index-dir", str(index_dir), "--corpus", str(corpus), "--format", "table")
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["documents", "2"]
    assert any(line.split() == ["quotes", "6"] for line in lines)


def test_malformed_queries_against_a_real_index(index_dir: Path) -> None:
    result = run("search", '"bridge', "--index-dir", str(index_dir))
    assert result.exit_code == ExitStatus.USAGE
    assert "unbalanced quote" in result.stderr


def test_bad_files_are_skipped_and_the_rest_indexed(corpus: Path, tmp_path: Path) -> None:
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (corpus / "empty.txt").write_bytes(b"")
    target = tmp_path / "index"
    result = run("index", str(corpus), "--index-dir", str(target))
    assert result.exit_code == ExitStatus.SKIPPED
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert any("image.png" in w and "binary" in w for w in warnings)
    assert any("latin.txt" in w and "UTF-8" in w for w in warnings)
    assert "3 added" in result.stderr  # the seed, hamlet and the empty file
    assert jsonl(run("quotes", "--speaker", "Castro", "--index-dir", str(target)))


def test_damaged_index_is_reported_not_raised(index_dir: Path) -> None:
    for path in index_dir.glob("*.seg"):
        path.write_bytes(b"garbage")
    for path in index_dir.glob("_verbatim_*.toc"):
        path.write_bytes(path.read_bytes()[:20])
    result = run("search", "bridge", "--index-dir", str(index_dir))
    assert result.exit_code == ExitStatus.ERROR
    assert "verbatim index --rebuild" in result.stderr
    assert "Traceback" not in result.stderr
