"""The ``verbatim`` command line. The only module that imports Click and knows exit codes.

Exit codes (also in the README):

====  =========================================================================
0     success (no hits is success)
1     an error the user can act on (no index, index locked or damaged, missing corpus)
2     usage: a bad option, a malformed query or date
3     ``index`` finished, but some files were skipped (each named on stderr)
====  =========================================================================
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, TypeVar

import click

from indexer import __version__
from indexer.errors import BadQuery, VerbatimError
from search.output import FORMATS, render

F = TypeVar("F", bound=Callable[..., Any])

QUOTE_COLUMNS = ("id", "speaker", "addressees", "date", "text", "source", "highlights")
PASSAGE_COLUMNS = ("id", "source", "highlights", "text")
HIT_COLUMNS = ("id", "type", "score", "speaker", "date", "highlights", "source")


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    SKIPPED = 3


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "jsonl"


def index_dir_option(function: F) -> F:
    return click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="VERBATIM_INDEX",
        default=Path("index"),
        show_default=True,
        help="Where the index lives (env VERBATIM_INDEX).",
    )(function)


def format_option(function: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, jsonl when piped].",
    )(function)


def limit_option(default: int) -> Callable[[F], F]:
    def decorate(function: F) -> F:
        return click.option(
            "-n",
            "--limit",
            type=click.IntRange(0),
            default=default,
            show_default=True,
            help="At most this many (0: all).",
        )(function)

    return decorate


def emit(records: Sequence[dict[str, Any]], fmt: str | None, columns: Sequence[str]) -> None:
    styled = sys.stdout.isatty()
    click.echo(render(records, fmt or _default_format(), columns, styled=styled), nl=False)


def _engine(index_dir: Path) -> Any:
    from search.engine import Engine

    return Engine(index_dir)


class QueryError(click.UsageError):
    """A malformed query, date or range: exit 2, shown as one line (no usage banner)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class VerbatimGroup(click.Group):
    """Turns the library's errors into one-line messages with their exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BadQuery as error:
            raise QueryError(str(error)) from None
        except VerbatimError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=VerbatimGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="verbatim")
def cli() -> None:
    """Verbatim: find every quotation in a corpus, who said it, to whom and when.

    \b
    Example:
        verbatim index corpus/
        verbatim search 'bridge'
        verbatim quotes --speaker Castro --from 1963 --until 1963
    """


@cli.command()
@click.argument("corpus", required=False, default=Path("corpus"), type=click.Path(path_type=Path))
@index_dir_option
@click.option(
    "--rebuild", is_flag=True, help="Start over (built aside: the old index serves until done)."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(0), default=0, help="Worker processes (0: all cores)."
)
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=30.0,
    show_default=True,
    help="Seconds to wait for another writer to finish before giving up (exit 1).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--watch",
    is_flag=True,
    help="Then keep the index current as files change, until interrupted (Ctrl-C).",
)
def index(
    corpus: Path,
    index_dir: Path,
    rebuild: bool,
    jobs: int,
    wait: float,
    quiet: bool,
    watch: bool,
) -> None:
    """Bring the index up to date with CORPUS (default ./corpus).

    New files are added, changed files re-extracted, removed files dropped, renamed files
    moved without re-extraction; unchanged files are not read. All changes are committed
    together, or none: searches keep answering from the last commit meanwhile, and a run
    that is killed leaves that commit intact for the next run to finish the job.

    \b
    Example:
        verbatim index corpus/ --index-dir index/
        verbatim index corpus/ --rebuild --wait 120
        verbatim index corpus/ --watch
    """
    from indexer.sync import sync

    if watch:
        if rebuild:
            raise click.UsageError("--watch cannot be combined with --rebuild")
        _watch(corpus, index_dir, jobs, wait)
        return

    bar: Any = None

    def on_plan(plan: Any) -> None:
        nonlocal bar
        total = len(plan.added) + len(plan.changed) + len(plan.stale) + len(plan.retried)
        if total and not quiet:
            bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
            bar.__enter__()

    def progress(source: str) -> None:
        if bar is not None:
            bar.update(1)

    try:
        summary = sync(
            corpus,
            index_dir,
            jobs=jobs,
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            on_plan=on_plan,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if summary.stale_lock:
        click.echo(
            f"note: cleared a stale lock left by {summary.stale_lock}, which was stopped "
            "before it finished; its changes were not committed and are included in this run",
            err=True,
        )
    if summary.rebuilt == "incompatible":
        click.echo("note: the index was written by an incompatible version: rebuilt", err=True)
    if summary.stale:
        click.echo(
            f"note: {summary.stale} documents re-extracted by the new extraction version",
            err=True,
        )
    for reason in summary.skipped:
        click.echo(f"warning: {reason}", err=True)
    for note in summary.repaired:
        click.echo(f"warning: {note}", err=True)
    click.echo(
        f"{summary.line()}; {summary.passages} passages and {summary.quotes} quotes extracted",
        err=True,
    )
    if summary.skipped:
        sys.exit(ExitStatus.SKIPPED)


def _watch(corpus: Path, index_dir: Path, jobs: int, wait: float) -> None:
    from indexer.sync import Summary, watch

    def report(outcome: Summary | VerbatimError) -> None:
        stamp = time.strftime("%H:%M:%S")
        if isinstance(outcome, VerbatimError):
            click.echo(f"{stamp} warning: {outcome}", err=True)
            return
        for reason in [*outcome.skipped, *outcome.repaired]:
            click.echo(f"{stamp} warning: {reason}", err=True)
        click.echo(f"{stamp} {outcome.line()}", err=True)

    click.echo(f"watching {corpus} (Ctrl-C to stop)", err=True)
    try:
        watch(corpus, index_dir, report=report, jobs=jobs, wait=wait)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


def _with_suggestions(answer: Any, query: str) -> None:
    if answer.suggestions:
        fixed = query
        for wrong, right in answer.suggestions.items():
            fixed = fixed.replace(wrong, right)
        click.echo(f"Did you mean: {fixed}", err=True)


def _hit_record(hit: Any) -> dict[str, Any]:
    return {**hit.record, "score": hit.score, "highlights": hit.highlights}


@cli.command()
@click.argument("query")
@index_dir_option
@format_option
@limit_option(10)
@click.option(
    "--kind",
    type=click.Choice(["all", "passage", "quote"]),
    default="all",
    show_default=True,
    help="Which records to search.",
)
def search(query: str, index_dir: Path, fmt: str | None, limit: int, kind: str) -> None:
    """Ranked passages and quotations matching QUERY, with highlighted snippets.

    Words are matched in any form (stemmed); "quoted phrases" match exactly, stop words
    included. AND, OR, NOT and parentheses work as usual.

    \b
    Example:
        verbatim search 'bridge brick'
        verbatim search '"to be or not to be"' --format json
    """
    from search.engine import Request, check_query

    if not query.strip():
        raise BadQuery('empty query: give a word or a "phrase" (`verbatim quotes` lists all)')
    check_query(query)
    kinds = ("passage", "quote") if kind == "all" else (kind,)
    answer = _engine(index_dir).search(Request(text=query, kinds=kinds, limit=limit or None))
    emit([_hit_record(h) for h in answer.hits], fmt, HIT_COLUMNS)
    _with_suggestions(answer, query)


def _date_bound(value: str | None, *, end: bool) -> Any:
    if value is None:
        return None
    from indexer.dates import parse_date_bound

    try:
        return parse_date_bound(value, end=end)
    except ValueError as error:
        raise BadQuery(str(error)) from None


@cli.command()
@click.argument("query", required=False, default="")
@index_dir_option
@format_option
@click.option(
    "--speaker", help="Who said it: case and accents ignored; a surname finds all who bear it."
)
@click.option("--addressee", help="To whom it was said.")
@click.option("--from", "date_from", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", "date_until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@limit_option(50)
def quotes(
    query: str,
    index_dir: Path,
    fmt: str | None,
    speaker: str | None,
    addressee: str | None,
    date_from: str | None,
    date_until: str | None,
    limit: int,
) -> None:
    """Quotations, filtered by speaker, addressee and date, optionally matching QUERY.

    A quotation is kept by --from/--until when its whole date lies in the range: --from 1963
    means 1963-01-01, --until 1963 means 1963-12-31.

    \b
    Example:
        verbatim quotes --speaker 'raul castro' bridge
        verbatim quotes --speaker Castro --from 1963 --until 1963-12
    """
    from search.engine import Request, check_query

    check_query(query)
    first, last = _date_bound(date_from, end=False), _date_bound(date_until, end=True)
    if first and last and first > last:
        raise BadQuery(f"--from {date_from} is after --until {date_until}")
    request = Request(
        text=query,
        kinds=("quote",),
        speaker=speaker,
        addressee=addressee,
        date_from=first,
        date_until=last,
        limit=limit or None,
    )
    answer = _engine(index_dir).search(request)
    hits = answer.hits
    if not query:
        hits = sorted(hits, key=lambda h: h.record["id"])
    emit([_hit_record(h) for h in hits], fmt, QUOTE_COLUMNS)
    if query:
        _with_suggestions(answer, query)


def _files(paths: tuple[Path, ...]) -> list[Path]:
    """The paths given, with a folder standing for its files (recursively, hidden ones left
    out, in path order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = (p for p in path.rglob("*") if p.is_file())
            found += sorted(
                p for p in inside if not any(x.startswith(".") for x in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
def extract(paths: tuple[Path, ...], fmt: str | None) -> None:
    """Run the pipeline on files, without an index, and print their records.

    \b
    Example:
        verbatim extract corpus/back-channel-to-cuba.txt --format jsonl
    """
    from indexer.errors import UnreadableDocument
    from indexer.pipeline import extract_file
    from indexer.shapes import document_shape, passage_shape, quote_shape
    from indexer.workers import repair_note

    fmt = fmt or _default_format()
    skipped = 0
    for path in _files(paths):
        source = path.as_posix()
        try:
            result = extract_file(path, source)
        except UnreadableDocument as error:
            click.echo(f"warning: {error}", err=True)
            skipped += 1
            continue
        if result.document.metadata.get("repaired"):
            click.echo(f"warning: {repair_note(result)}", err=True)
        records = [document_shape(result.document)]
        records += [passage_shape(p, source) for p in result.passages]
        records += [quote_shape(q, source) for q in result.quotes]
        if fmt in ("table", "csv"):
            records = [r for r in records if r["type"] in ("quote", "term")]
        emit(records, fmt, QUOTE_COLUMNS)
    if skipped:
        sys.exit(ExitStatus.SKIPPED)


@cli.command()
@index_dir_option
@format_option
def speakers(index_dir: Path, fmt: str | None) -> None:
    """Who is quoted, and how often.

    \b
    Example:
        verbatim speakers --format csv
    """
    rows = [{"speaker": name, "quotes": n} for name, n in _engine(index_dir).speakers()]
    emit(rows, fmt, ("speaker", "quotes"))


@cli.command()
@click.argument("record_id")
@index_dir_option
@format_option
def show(record_id: str, index_dir: Path, fmt: str | None) -> None:
    """One record by its id, with the passage it stands in.

    \b
    Example:
        verbatim show back-channel-to-cuba.txt:q0002
    """
    engine = _engine(index_dir)
    record = engine.get(record_id)
    if record is None:
        raise click.ClickException(
            f"no record {record_id!r} in the index: ids are printed by `verbatim search`"
        )
    if record.get("passage_id"):
        passage = engine.get(record["passage_id"])
        record = {**record, "context": passage["text"] if passage else None}
    columns: tuple[str, ...] = (
        "id",
        "type",
        "speaker",
        "addressees",
        "date",
        "date_precision",
        "text",
        "source",
        "start",
        "end",
        "attribution",
        "context",
    )
    if record.get("page") is not None:  # a paged document (PDF): say where in the file
        columns = (*columns[:8], "page", *columns[8:])
        if (fmt or _default_format()) == "table":
            record = {**record, "page": f"p. {record['page']}"}
    emit([record], fmt, columns)


@cli.command()
@index_dir_option
@format_option
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="The corpus to compare the index with.",
)
def status(index_dir: Path, fmt: str | None, corpus: Path) -> None:
    """What the index holds, and whether it is up to date with the corpus.

    Shows the documents, passages and quotes indexed, the files skipped as unreadable (with
    the reasons), the changes pending in CORPUS (new, changed, removed, renamed), the engine,
    schema and extraction versions, the last update, the index's size, and the writer at work
    if there is one. A damaged index is reported with the command that fixes it.

    \b
    Example:
        verbatim status --corpus corpus/
    """
    from indexer import store
    from indexer.sync import make_plan, scan_corpus

    ix = store.open_index(index_dir)
    docs = store.manifest(ix)
    store.check_manifest(index_dir, ix, docs)
    meta = store.index_meta(ix)
    skips = store.skipped(ix)
    info: dict[str, Any] = {
        "documents": len(docs),
        "passages": sum(d.passages for d in docs.values()),
        "quotes": sum(d.quotes for d in docs.values()),
        "skipped": len(skips),
        "skipped_reasons": [skips[source].reason for source in sorted(skips)],
    }
    if corpus.is_dir():
        plan = make_plan(scan_corpus(corpus, exclude=index_dir), docs, known_skipped=skips)
        info["pending_new"] = len(plan.added)
        info["pending_changed"] = len(plan.changed) + len(plan.stale) + len(plan.retried)
        info["pending_removed"] = len(plan.removed) + len(plan.forgotten)
        info["pending_renamed"] = len(plan.renamed)
    info["engine_version"] = meta.get("engine_version")
    info["schema_version"] = meta.get("schema_version")
    info["extraction_version"] = meta.get("extraction_version")
    updated = meta.get("updated")
    info["updated"] = (
        time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(updated)) if updated else None
    )
    info["index_bytes"] = store.index_bytes(index_dir)
    holder = store.read_holder(index_dir)
    info["writer"] = holder.describe() if holder is not None and holder.alive() else None
    emit([info], fmt, tuple(info))


def main() -> None:
    """Entry point: one line per error, never a traceback (set VERBATIM_DEBUG=1 to see one)."""
    try:
        cli(prog_name="verbatim")
    except KeyboardInterrupt:
        click.echo("verbatim: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: shown to the user
        if os.environ.get("VERBATIM_DEBUG"):
            raise
        click.echo(f"verbatim: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(ExitStatus.ERROR)
