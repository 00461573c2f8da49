"""Helpers every command shares: date options, opening the store, the error console."""

from __future__ import annotations

from datetime import date, datetime

import typer
from rich.console import Console

from warlog.errors import WarlogError


def stderr_console() -> Console:
    # soft_wrap keeps every error or warning on one line whatever the terminal width, so it
    # can be grepped and counted; highlight off so file names are not coloured as numbers.
    return Console(stderr=True, soft_wrap=True, highlight=False)


def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form",
                                 param_hint=option) from None


def open_store(db: str | None, err: Console):
    """The event store, or a one-line error and exit status 1."""
    from warlog.store import Store

    try:
        return Store.open(db)
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        raise typer.Exit(1)
