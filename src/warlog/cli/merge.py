"""``warlog merge --rebuild``: re-cluster every stored report into merged events."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from warlog.cli._common import open_store, stderr_console
from warlog.errors import WarlogError


def merge_command(
    rebuild: bool = typer.Option(False, "--rebuild",
                                 help="Forget the merged events and cluster every stored report "
                                      "again (after actor-registry or gazetteer changes)."),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
) -> None:
    """Merged events: reports of the same happening grouped across documents."""

    err = stderr_console()
    if not rebuild:
        err.print("nothing to do: give --rebuild (ingest merges as it stores)")
        raise typer.Exit(2)
    store = open_store(db, err)
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
