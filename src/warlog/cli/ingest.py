"""``warlog ingest``: read files, folders, globs, JSON(L) collections and feeds into the store."""

from __future__ import annotations

import os
from collections import Counter

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warlog.cli._common import stderr_console
from warlog.errors import WarlogError

DB_HELP = "Store: a SQLite file path or a database URL (postgresql://…). Default: ./warlog.db."
# Hidden test hook: seconds to wait before committing each document, so a test can kill the
# process in the middle of a run.
DELAY_ENV = "WARLOG_INGEST_DELAY"


def ingest_command(
    inputs: list[str] = typer.Argument(
        None, metavar="PATH|GLOB|URL...", show_default=False,
        help="Report files (.txt, .html), folders, globs ('news/**/*.html'), .json/.jsonl "
             "collections, RSS/Atom feeds (files or http(s) URLs) or web pages."),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB", help=DB_HELP),
    reextract: bool = typer.Option(
        False, "--reextract",
        help="Process again the documents stored by an older extraction version (with no "
             "inputs: every such document in the store). Analyst corrections are re-applied."),
    fetch: bool = typer.Option(True, "--fetch/--no-fetch",
                               help="Fetch each feed entry's page, or use its summary."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
) -> None:
    """Add reports to the store, extracting their events.

    A document already stored (same text) is skipped, so re-running over a growing folder or
    feed only adds what is new, and a run that was interrupted resumes where it stopped. Bad
    files, lines and feeds are reported one line each and skipped; the exit status is
    non-zero only when nothing could be processed.
    """
    from warlog.ingest.collect import iter_documents
    from warlog.store import Store
    from warlog.store.loader import Hooks, IngestStats, ingest, stale_documents

    err = stderr_console()
    inputs = inputs or []
    if not inputs and not reextract:
        err.print("[red]error[/]: give files, folders, globs or feed URLs to ingest "
                  "(or --reextract alone to update the store)")
        raise typer.Exit(2)
    try:
        store = Store.open(db)
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        raise typer.Exit(1)

    def make_extractor():
        from warlog.pipeline import Extractor

        return Extractor()

    warnings: Counter = Counter()
    stats = IngestStats()
    progress = Progress(
        SpinnerColumn(), TextColumn("ingesting"), BarColumn(bar_width=None),
        TextColumn("{task.fields[done]} docs · {task.fields[rate]:.1f} docs/s · "
                   "{task.fields[events]} events · {task.fields[skipped]} skipped · "
                   "{task.fields[failed]} bad"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("ingest", total=None, done=0, rate=0.0, events=0, skipped=0,
                             failed=0)

    def on_progress(s: IngestStats) -> None:
        progress.update(task, done=s.processed, rate=s.rate, events=s.events,
                        skipped=s.skipped, failed=s.failed)

    def on_error(exc: WarlogError) -> None:
        progress.console.print(f"[red]error[/]: {exc}", markup=True, highlight=False,
                               soft_wrap=True)

    items = iter_documents(inputs, fetch_pages=fetch) if inputs else stale_documents(store)
    delay = float(os.environ.get(DELAY_ENV) or 0)
    try:
        with progress:
            ingest(store, items, make_extractor, reextract=reextract, batch_size=batch_size,
                   delay=delay, stats=stats,
                   hooks=Hooks(progress=on_progress, error=on_error,
                               warning=lambda where, msg: warnings.update([msg])))
    except KeyboardInterrupt:
        err.print(f"interrupted: {_summary(stats)} committed; run the same command again "
                  "to resume")
        raise typer.Exit(130)
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        err.print(f"stopped: {_summary(stats)} committed")
        raise typer.Exit(1)
    finally:
        store.close()
    for message, count in sorted(warnings.items()):
        err.print(f"[yellow]warning[/]: {count} document{'s' * (count > 1)}: {message}")
    err.print(f"{_summary(stats)} in {store.url}")
    if stats.processed + stats.skipped == 0 and (stats.failed or inputs):
        err.print("[red]nothing ingested[/]: no readable document among the inputs")
        raise typer.Exit(1)


def _summary(s) -> str:
    parts = [f"{s.stored} new document{'s' * (s.stored != 1)} ({s.events} events)"]
    if s.reextracted:
        parts.append(f"{s.reextracted} re-extracted")
    parts.append(f"{s.skipped} already stored")
    if s.failed:
        parts.append(f"{s.failed} bad input{'s' * (s.failed != 1)}")
    return ", ".join(parts)
