"""Readers: the seed saved as HTML, EPUB, PDF and Markdown gives what the text gives, and every
kind of damaged file is skipped with one warning line while the rest of the corpus is read."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from indexer.errors import UnreadableDocument
from indexer.pipeline import extract, extract_file
from indexer.readers import pick_format, read_bytes
from indexer.reading import read_document
from indexer.records import Extraction
from search.cli import ExitStatus
from tests.conftest import SEED, fold, jsonl, run

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = ("html", "md", "epub", "pdf")


def _fixture(suffix: str) -> Path:
    return FIXTURES / f"back-channel-to-cuba.{suffix}"


def _summary(extraction: Extraction) -> list[tuple[Any, ...]]:
    return [
        (
            tuple(fold(p.text) for p in q.parts),
            q.speaker,
            q.date.isoformat() if q.date else None,
            tuple(q.addressees),
            q.nested,
        )
        for q in extraction.quotes
    ]


@pytest.fixture(scope="module")
def by_format() -> dict[str, Extraction]:
    return {suffix: extract_file(_fixture(suffix), _fixture(suffix).name) for suffix in FORMATS}


# --------------------------------------------------------------------------------------------
# The seed in every format


@pytest.mark.parametrize("suffix", FORMATS)
def test_same_quotes_speakers_and_dates_as_text(
    by_format: dict[str, Extraction], seed_extraction: Extraction, suffix: str
) -> None:
    assert _summary(by_format[suffix]) == _summary(seed_extraction)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_five_expected_quotes(
    by_format: dict[str, Extraction], expected: dict[str, Any], suffix: str
) -> None:
    found = {tuple(fold(p.text) for p in q.parts): q for q in by_format[suffix].quotes}
    for want in expected["quotes"]:
        quote = found[tuple(fold(p) for p in want["parts"])]
        assert quote.speaker == want["speaker"]
        assert quote.date is not None
        assert quote.date.isoformat().startswith(want["date"])


@pytest.mark.parametrize("suffix", FORMATS)
def test_title_author_and_format(
    by_format: dict[str, Extraction], expected: dict[str, Any], suffix: str
) -> None:
    document = by_format[suffix].document
    assert document.title == expected["document"]["title"]
    assert document.metadata["author"] == "William M. LeoGrande and Peter Kornbluh"
    assert document.metadata["format"] == {"md": "markdown"}.get(suffix, suffix)


@pytest.mark.parametrize("suffix", FORMATS)
def test_offsets_slice_back_into_the_text(by_format: dict[str, Extraction], suffix: str) -> None:
    extraction = by_format[suffix]
    text = extraction.document.text
    for quote in extraction.quotes:
        passage = next(p for p in extraction.passages if p.id == quote.passage_id)
        for part in quote.parts:
            assert passage.start <= part.start <= part.end <= passage.end
            raw = text[part.start : part.end]
            assert re.sub(r"\W", "", raw) == re.sub(r"\W", "", part.text)  # line ends mended


@pytest.mark.parametrize("suffix", FORMATS)
def test_junk_and_headings_are_in_no_passage(
    by_format: dict[str, Extraction], expected: dict[str, Any], suffix: str
) -> None:
    passages = " ".join(p.text for p in by_format[suffix].passages)
    for line in expected["document"]["not_in_any_passage"]:
        assert line not in passages
    assert expected["document"]["title"] not in passages
    assert "Introduction" not in passages and "Chapter 1" not in passages
    assert "dataLayer" not in passages and "Related" not in passages


def test_pdf_page_numbers_are_right(by_format: dict[str, Extraction], expected: dict) -> None:
    pages = json.loads((FIXTURES / "back-channel-to-cuba.pages.json").read_text("utf-8"))
    extraction = by_format["pdf"]
    for want in expected["quotes"]:
        parts = tuple(fold(p) for p in want["parts"])
        quote = next(q for q in extraction.quotes if tuple(fold(p.text) for p in q.parts) == parts)
        assert quote.page == pages[want["id"]], want["id"]
    assert [p.page for p in extraction.passages] == sorted(p.page for p in extraction.passages)
    assert all(p.page is not None for p in extraction.passages)


def test_pdf_running_header_page_numbers_and_hyphens(by_format: dict[str, Extraction]) -> None:
    document = by_format["pdf"].document
    assert "Back Channel to Cuba\n" not in document.text  # the running header
    assert not any(line.strip().isdigit() for line in document.text.splitlines())
    assert "de-\nstroyed" in document.text  # the file's text ...
    assert any("as fast as it was destroyed." in q.text for q in by_format["pdf"].quotes)


def test_pdf_page_in_json_and_show(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(_fixture("pdf"), corpus)
    records = jsonl(run("extract", str(corpus / _fixture("pdf").name), "--format", "jsonl"))
    quotes = [r for r in records if r["type"] == "quote"]
    assert [q["page"] for q in quotes] == [2, 3, 3, 4, 4]
    assert all("page" in r for r in records if r["type"] == "passage")
    text_records = jsonl(run("extract", str(SEED), "--format", "jsonl"))
    assert not any("page" in r for r in text_records)
    index = str(tmp_path / "index")
    assert run("index", str(corpus), "--index-dir", index).exit_code == 0
    first = quotes[0]["id"].replace(str(corpus) + "/", "")
    shown = run("show", first, "--index-dir", index, "--format", "table")
    assert "p. 2" in shown.stdout
    shown = run("show", first, "--index-dir", index, "--format", "jsonl")
    assert jsonl(shown)[0]["page"] == 2


def test_html_q_and_blockquote_are_quotation_evidence() -> None:
    page = (
        b"<html><body><main><p>He said <q>come <q>now</q> please</q> and left.</p>"
        b"<blockquote><p>First.</p><p>Second.</p></blockquote></main></body></html>"
    )
    _, reading = read_bytes(page, "page.html", ".html")
    assert "He said “come ‘now’ please” and left." in reading.text
    ((start, end),) = reading.block_quotes
    assert reading.text[start:end] == "First.\n\nSecond."


def test_markdown_structure() -> None:
    source = (
        b"# Title\n\nSome _italic_ and **bold** with `code`\nand a [link](http://x).\n\n"
        b"## Section\n\n> quoted\n> lines\n\n```\ncode block\n```\n\n- item one\n"
    )
    _, reading = read_bytes(source, "note.md", ".md")
    assert reading.title == "Title"
    assert (
        reading.text == "Some italic and bold with code\nand a link.\n\nquoted\nlines\n\nitem one"
    )
    assert [reading.text[s:e] for s, e in reading.block_quotes] == ["quoted\nlines"]


def test_epub_chapters_in_spine_order() -> None:
    document = read_document(_fixture("epub"), "book.epub")
    assert [name for _, name in document.sections] == [
        "OEBPS/text/chap1.xhtml",
        "OEBPS/text/chap2.xhtml",
    ]
    assert document.text[document.sections[1][0] :].startswith("In early April of 1963")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain words", "text"),
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
    ],
)
def test_pick_format_by_content_whatever_the_extension(data: bytes, expected: str) -> None:
    assert pick_format(".txt", data) == expected


def test_pick_format_by_extension() -> None:
    assert pick_format(".md", b"# hi") == "markdown"
    assert pick_format(".EPUB", b"PK\x03\x04rest") == "epub"
    assert pick_format(".pdf", b"") == "pdf"


# --------------------------------------------------------------------------------------------
# Plain text in any encoding


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("“Olé,” she said.\r\n".encode("utf-8-sig"), "“Olé,” she said.\r\n"),
        ("“Olé,” she said.\n".encode("utf-16"), "“Olé,” she said.\n"),
        ("Ça, c’est « la vie » à Paris, déjà.\n".encode("cp1252") * 20, None),
        (b"Page one\fPage two\n", "Page one\fPage two\n"),
        ("soft\u00adhyphen\n".encode(), "soft\u00adhyphen\n"),
    ],
)
def test_text_encodings(data: bytes, text: str | None) -> None:
    fmt, reading = read_bytes(data, "x.txt", ".txt")
    assert fmt == "text"
    assert reading.text == (text if text is not None else data.decode("cp1252"))


def test_mojibake_is_repaired_and_said() -> None:
    right = "Castro’s bridge, he said.\r\nIt’s late, Olé.\r\n"
    broken = right.encode().decode("cp1252")  # Castroâ€™s ... OlÃ©
    _, reading = read_bytes(broken.encode(), "x.txt", ".txt")
    assert reading.text == right
    assert reading.metadata == {"repaired": "mojibake"}


def test_pdf_ligatures_are_fixed() -> None:
    from indexer.readers.pdf import _fix

    assert _fix("the ﬁrst ﬂoor, “ofﬁce”") == "the first floor, “office”"


# --------------------------------------------------------------------------------------------
# Damaged files: one warning line each, naming the file and the reason; the rest is indexed


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in members.items():
            book.writestr(name, content)
    return buffer.getvalue()


def _bad_xref_and_truncated() -> bytes:
    data = _fixture("pdf").read_bytes()
    return data[: data.find(b"xref") // 2] + b"xref\n0 3\nnot a table\ntrailer\n<<>>\n%%EOF\n"


CORRUPT: dict[str, tuple[str, Any]] = {
    # name: (a word of the reason, how to make the bytes)
    "empty.pdf": ("not a PDF", lambda: b""),
    "empty.epub": ("EPUB", lambda: b""),
    "empty.html": ("empty", lambda: b""),
    "truncated.pdf": ("damaged PDF", lambda: _fixture("pdf").read_bytes()[:3000]),
    "truncated.epub": ("EPUB", lambda: _fixture("epub").read_bytes()[:1500]),
    "bad-xref.pdf": ("damaged PDF", _bad_xref_and_truncated),
    "encrypted.pdf": ("encrypted", lambda: (FIXTURES / "encrypted.pdf").read_bytes()),
    "scan.pdf": ("no text layer", lambda: (FIXTURES / "scan.pdf").read_bytes()),
    "text-named.epub": ("not a readable EPUB", lambda: b"just some words, not a zip\n"),
    "text-named.pdf": ("not a PDF", lambda: b"just some words, not a PDF\n"),
    "binary-named.html": ("binary", lambda: b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))),
    "binary-named.md": ("binary", lambda: b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))),
    "bomb.epub": (
        "zip bomb",
        lambda: _zip(
            {
                "mimetype": b"application/epub+zip",
                "META-INF/container.xml": b"<container/>",
                "OEBPS/big.xhtml": b"\0" * (20 * 2**20),
            }
        ),
    ),
    "no-container.epub": (
        "container.xml",
        lambda: _zip({"mimetype": b"application/epub+zip", "a.xhtml": b"<p>hi</p>"}),
    ),
    "missing-chapter.epub": (
        "missing",
        lambda: _zip(
            {
                "mimetype": b"application/epub+zip",
                "META-INF/container.xml": (FIXTURES / "container.xml").read_bytes()
                if (FIXTURES / "container.xml").exists()
                else zipfile.ZipFile(_fixture("epub")).read("META-INF/container.xml"),
                "OEBPS/content.opf": zipfile.ZipFile(_fixture("epub")).read("OEBPS/content.opf"),
            }
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_damaged_file_is_skipped_with_one_warning(name: str, tmp_path: Path) -> None:
    reason, make = CORRUPT[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and reason in message and "\n" not in message
    result = run("extract", str(path), str(SEED), "--format", "jsonl")
    assert result.exit_code == ExitStatus.SKIPPED
    warnings = result.stderr.strip().splitlines()
    assert warnings == [f"warning: {path.as_posix()}: {message.split(': ', 1)[1]}"]
    assert sum(r["type"] == "quote" for r in jsonl(result)) == 5  # the seed still extracted


def test_bad_xref_alone_is_repaired_not_skipped(tmp_path: Path) -> None:
    data = _fixture("pdf").read_bytes()
    at = data.find(b"\nxref\n") + len(b"\nxref\n")
    broken = data[:at] + b"not a table\n" + data[at:].split(b"\n", 1)[1]  # its header line
    path = tmp_path / "bad-xref.pdf"
    path.write_bytes(broken)
    assert _summary(extract(read_document(path, "x"))) == _summary(
        extract_file(_fixture("pdf"), "y")
    )
    # Read in full, and said in one warning line naming the file and the repair.
    result = run("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    (line,) = result.stderr.strip().splitlines()
    repair = "damaged, read after repair (bad cross-reference table rebuilt)"
    assert line == f"warning: {path.as_posix()}: {repair}"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path.rename(corpus / path.name)
    indexed = run("index", str(corpus), "--index-dir", str(tmp_path / "index"))
    assert indexed.exit_code == 0
    assert "warning: bad-xref.pdf: damaged, read after repair" in indexed.stderr


def test_a_document_named_wrongly_is_read_by_its_content(tmp_path: Path) -> None:
    for suffix, real in (("txt", "pdf"), ("html", "epub"), ("pdf", "html")):
        path = tmp_path / f"seed-{real}.{suffix}"
        path.write_bytes(_fixture(real).read_bytes())
        document = read_document(path, path.name)
        assert document.metadata["format"] == real
        assert len(extract(document).quotes) == 5


def test_index_a_corpus_with_every_kind_of_damage(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for suffix in FORMATS:
        shutil.copy(_fixture(suffix), corpus)
    for name, (_, make) in CORRUPT.items():
        (corpus / name).write_bytes(make())
    result = run("index", str(corpus), "--index-dir", str(tmp_path / "index"), "-q")
    assert result.exit_code == ExitStatus.SKIPPED
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert sorted(w.split(":")[1].strip() for w in warnings) == sorted(CORRUPT)
    assert f"{len(FORMATS)} added" in result.stderr
    found = jsonl(run("quotes", "--speaker", "Raúl Castro", "--index-dir", str(tmp_path / "index")))
    assert len(found) == len(FORMATS)
