"""``warlog merge --rebuild`` (re-cluster every report) and the ``--merged`` switch of
``warlog export``."""

from __future__ import annotations

import functools
import inspect

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from warlog.cli._console import stderr_console
from warlog.errors import WarlogError


def merge_command(
    rebuild: bool = typer.Option(False, "--rebuild",
                                 help="Forget the merged events and cluster every stored report "
                                      "again (after actor-registry or gazetteer changes)."),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
) -> None:
    """Merged events: reports of the same happening grouped across documents."""
    from warlog.store import Store

    err = stderr_console()
    if not rebuild:
        err.print("nothing to do: give --rebuild (ingest merges as it stores)")
        raise typer.Exit(2)
    try:
        store = Store.open(db)
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        raise typer.Exit(1)
    try:
        with Progress(TextColumn("merging"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=err, transient=True) as bar:
            task = bar.add_task("merge", total=None)
            reports, merged = store.rebuild_merged(
                lambda done, total: bar.update(task, completed=done, total=total))
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        raise typer.Exit(1)
    finally:
        store.close()
    err.print(f"{reports} reports → {merged} merged events")


def with_merged(export_command):
    """``warlog export`` plus ``--merged``: the same command, fed one representative
    (Document, Event) per merged event instead of one per report."""
    from warlog.store import Store

    @functools.wraps(export_command)
    def command(*args, merged: bool = False, **kwargs):
        if not merged:
            return export_command(*args, **kwargs)
        original = Store.events
        # The export command reads ``store.events(filter)``; with --merged the same call
        # yields merged events, so every format and filter works unchanged.
        Store.events = Store.merged_rows
        try:
            return export_command(*args, **kwargs)
        finally:
            Store.events = original

    signature = inspect.signature(export_command)
    option = inspect.Parameter(
        "merged", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
        default=typer.Option(False, "--merged",
                             help="One row per merged event, with the reconciled conservative "
                                  "toll and disputed figures in the notes."))
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values()]
    command.__signature__ = signature.replace(parameters=[*params, option])
    return command
