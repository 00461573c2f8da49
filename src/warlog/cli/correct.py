"""``warlog correct``: an analyst's correction to one stored event, or its history."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from warlog.cli._common import open_store, stderr_console
from warlog.errors import WarlogError


def correct_command(
    event_id: str = typer.Argument(..., metavar="EVENT_ID", show_default=False,
                                   help="The event's id, as `warlog events` shows it."),
    assignments: list[str] = typer.Argument(
        None, metavar="FIELD=VALUE...", show_default=False,
        help="Fields: event_type, sub_event_type, date, date.start, date.end, actor1, actor2, "
             "fatalities, location.name, location.lat, location.lon, location.admin1, notes. "
             "Several at once are checked together (a type and its sub-type)."),
    by: str | None = typer.Option(None, "--by", metavar="NAME", help="Who makes the correction."),
    history: bool = typer.Option(False, "--history", help="Show the event's corrections."),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
) -> None:
    """Correct an event's field. Corrections are kept apart from the machine output, with who,
    when and the old value, and are re-applied when the document is re-extracted."""
    from warlog.store.corrections import parse_assignment

    err = stderr_console()
    store = open_store(db, err)
    try:
        if history:
            if assignments:
                err.print("[red]error[/]: --history takes only the EVENT_ID")
                raise typer.Exit(2)
            _history(store, event_id, err)
            return
        try:
            if not assignments:
                raise _usage("give FIELD=VALUE to correct, or --history to see corrections")
            if not by:
                raise _usage("say who makes the correction: --by NAME")
            changes = [parse_assignment(a) for a in assignments]
            done = store.correct_many(event_id, changes, by)
        except WarlogError as exc:
            err.print(f"[red]error[/]: {exc}", markup=True)
            raise typer.Exit(1)
        for c in done:
            err.print(f"{c.event_id}: {c.field} {c.old_value or '—'} → {c.new_value} "
                      f"(by {c.by})")
    finally:
        store.close()


def _usage(message: str) -> WarlogError:
    from warlog.store import CorrectionError

    return CorrectionError(message)


def _history(store, event_id: str, err) -> None:
    rows = store.corrections(event_id)
    if not rows:
        if store.event(event_id) is None:
            err.print(f"[red]error[/]: no event {event_id!r} in the store and no corrections "
                      "recorded for it", markup=True)
            raise typer.Exit(1)
        err.print(f"{event_id}: no corrections")
        return
    table = Table(title=f"corrections of {event_id}")
    for column in ("when (UTC)", "by", "field", "old", "new"):
        table.add_column(column, overflow="fold")
    for c in rows:
        table.add_row(c.at.strftime("%Y-%m-%d %H:%M:%S"), c.by, c.field, c.old_value or "—",
                      c.new_value)
    Console().print(table)
