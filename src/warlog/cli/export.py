"""``warlog export``: write stored events as ACLED CSV, GeoJSON, Parquet or JSON Lines."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from warlog.cli._common import parse_day, stderr_console


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise typer.BadParameter("expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", param_hint="--bbox")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise typer.BadParameter("longitudes must lie in [-180, 180] and latitudes in [-90, 90], "
                                 "minimum first", param_hint="--bbox")
    return parts  # type: ignore[return-value]


def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f",
                                     help="acled-csv: ACLED's columns and values; geojson: one "
                                          "point per event location; parquet: typed columns; "
                                          "jsonl: full records."),
    output: Path | None = typer.Option(None, "-o", "--output",
                                       help="File to write. Without it, text formats go to "
                                            "stdout; parquet needs a file."),
    db: str | None = typer.Option(None, "--db", help="Event store to read (default: warlog's)."),
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                                     help="Events on or after this day."),
    until: str | None = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                                     help="Events on or before this day."),
    country: str | None = typer.Option(None, "--country",
                                       help="ISO code (SY) or ACLED country name (Syria)."),
    admin1: str | None = typer.Option(None, "--admin1", help="First-level region, e.g. Hama."),
    event_type: str | None = typer.Option(None, "--type",
                                          help="Event type: battles or \"Battles\"…"),
    actor: str | None = typer.Option(None, "--actor", help="Canonical actor name."),
    bbox: str | None = typer.Option(None, "--bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                                    help="Only events located inside this box (WGS 84)."),
    text: str | None = typer.Option(None, "--text", help="Words in the event's notes or text."),
    merged: bool = typer.Option(False, "--merged",
                                help="One row per merged event (reports of one happening across "
                                     "articles), with the reconciled conservative toll and "
                                     "disputed figures in the notes."),
) -> None:
    """Export stored events, filtered, in one of four formats."""
    from warlog.export import write_acled_csv, write_geojson, write_jsonl, write_parquet
    from warlog.export._vocab import vocab
    from warlog.store import EventFilter, Store

    err = stderr_console()
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    if start and end and start > end:
        raise typer.BadParameter("--since is after --until", param_hint="--since")
    box = _bbox(bbox)
    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is binary: give a file with -o", param_hint="--output")
    v = vocab()
    # The store keeps ISO codes and snake_case types; accept the ACLED spellings too.
    country_code = (v.country_code(country) or country.strip().upper()) if country else None
    etype = v.snake_event_type(event_type) if event_type else None
    flt = EventFilter(since=start, until=end, country=country_code, admin1=admin1, type=etype,
                      actor=actor, bbox=box, text=text)
    store = Store.open(db)
    try:
        rows = store.merged_rows(flt) if merged else store.events(flt)
        target = output if output is not None else sys.stdout
        if fmt is ExportFormat.acled_csv:
            result = write_acled_csv(rows, target)
        elif fmt is ExportFormat.geojson:
            result = write_geojson(rows, target)
        elif fmt is ExportFormat.jsonl:
            result = write_jsonl(rows, target)
        else:
            result = write_parquet(rows, output)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
    unit = "features" if fmt is ExportFormat.geojson else "events"
    where = str(output) if output is not None else "stdout"
    msg = f"wrote {int(result)} {unit} to {where}"
    if getattr(result, "skipped", 0):
        msg += f" ({result.skipped} events without coordinates skipped)"
    err.print(msg, highlight=False, markup=False)
