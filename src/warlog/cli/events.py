"""``warlog events``: list stored events (corrections applied), filtered, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum

import typer
from rich.console import Console
from rich.table import Table

from warlog.cli._common import open_store, parse_day, stderr_console

CSV_COLUMNS = ("event_id", "document_id", "date_start", "date_end", "date_precision",
               "event_type", "sub_event_type", "country", "admin1", "location", "latitude",
               "longitude", "geo_precision", "actor1", "assoc_actor1", "actor2", "assoc_actor2",
               "interaction", "fatalities", "certainty", "sources", "notes", "title", "outlet",
               "url", "published", "corrected")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def events_command(
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                                     help="Events ending on or after this day."),
    until: str | None = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                                     help="Events starting on or before this day."),
    country: str | None = typer.Option(None, "--country", help="ISO code, e.g. ML, SY."),
    admin1: str | None = typer.Option(None, "--admin1", help="Province or region name."),
    type_: str | None = typer.Option(None, "--type", help="event_type or sub_event_type."),
    actor: str | None = typer.Option(None, "--actor",
                                     help="Part of an actor's name, any role, any case."),
    bbox: str | None = typer.Option(None, "--bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                                    help="Only events located inside this box."),
    text: str | None = typer.Option(None, "--text",
                                    help="Words in the event notes or the document text."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
    merged: bool = typer.Option(False, "--merged",
                                help="One row per merged event (reports of the same happening "
                                     "grouped across documents), with low/best/high tolls."),
) -> None:
    """List the events in the store, with analyst corrections applied.

    json prints an array of {"document": …, "event": …}; csv one row per event.
    """
    from warlog.schema import EVENT_TYPES
    from warlog.store import EventFilter, parse_bbox

    err = stderr_console()
    box = None
    if bbox is not None:
        try:
            box = parse_bbox(bbox)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--bbox") from None
    known = set(EVENT_TYPES) | {s for subs in EVENT_TYPES.values() for s in subs}
    if type_ is not None and type_ not in known:
        raise typer.BadParameter(f"{type_!r} is neither an event_type nor a sub_event_type "
                                 f"(event types: {', '.join(EVENT_TYPES)})", param_hint="--type")
    f = EventFilter(since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                    country=country, admin1=admin1, type=type_, actor=actor, bbox=box, text=text)
    store = open_store(db, err)
    try:
        if merged:
            _merged(store, f, fmt)
            return
        corrected = store.corrected_fields()
        rows = store.events(f)
        if fmt == Format.json:
            _json(rows)
        elif fmt == Format.csv:
            _csv(rows, corrected)
        else:
            _table(rows, corrected)
    finally:
        store.close()


def _json(rows) -> None:
    out = sys.stdout
    out.write("[")
    for i, (doc, event) in enumerate(rows):
        item = {"document": doc.model_dump(mode="json"), "event": event.model_dump(mode="json")}
        out.write(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False))
    out.write("\n]\n")


def _flat(doc, event, corrected: dict) -> dict:
    actors: dict[str, list[str]] = {}
    for a in event.actors:
        actors.setdefault(a.role, []).append(a.name)
    loc = event.locations[0] if event.locations else None
    from warlog.store.records import fatalities_best

    return {
        "event_id": event.id, "document_id": doc.id,
        "date_start": event.date.start, "date_end": event.date.end,
        "date_precision": event.date.precision,
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
        "location": (loc.name or loc.text) if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "actor1": "; ".join(actors.get("actor1", [])),
        "assoc_actor1": "; ".join(actors.get("assoc_actor1", [])),
        "actor2": "; ".join(actors.get("actor2", [])),
        "assoc_actor2": "; ".join(actors.get("assoc_actor2", [])),
        "interaction": event.interaction, "fatalities": fatalities_best(event),
        "certainty": event.certainty,
        "sources": "; ".join(dict.fromkeys(s.speaker for s in event.sources)),
        "notes": event.notes, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
        "published": doc.published,
        "corrected": " ".join(sorted(corrected.get(event.id, ()))),
    }


def _csv(rows, corrected) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for doc, event in rows:
        writer.writerow({k: "" if v is None else v for k, v in _flat(doc, event, corrected).items()})


def _table(rows, corrected) -> None:
    console = Console()
    table = Table(show_lines=True, title="events (✎ = corrected by an analyst)")
    for column in ("id", "date", "type", "where", "actor1 / actor2", "killed", "source"):
        table.add_column(column, overflow="fold")
    count = 0
    for doc, event in rows:
        flat = _flat(doc, event, corrected)
        fields = corrected.get(event.id, set())

        def mark(*names: str) -> str:
            return " ✎" if fields & set(names) else ""

        start, end = flat["date_start"], flat["date_end"]
        when = "—" if start is None else (str(start) if start == end else f"{start} – {end}")
        table.add_row(
            event.id,
            when + mark("date", "date.start", "date.end"),
            f"{event.event_type}\n{event.sub_event_type}" + mark("event_type", "sub_event_type"),
            f"{flat['location'] or '—'} ({flat['admin1'] or '?'}, {flat['country'] or '?'})"
            + mark("location.name", "location.lat", "location.lon", "location.admin1"),
            f"{flat['actor1'] or '—'}\nvs {flat['actor2'] or '—'}" + mark("actor1", "actor2"),
            ("—" if flat["fatalities"] is None else str(flat["fatalities"])) + mark("fatalities"),
            f"{flat['sources'] or doc.outlet or '—'}\n[{event.certainty}]")
        count += 1
    if count:
        console.print(table)
    stderr_console().print(f"{count} event{'s' * (count != 1)}")


MERGED_COLUMNS = ("merged_id", "date_start", "date_end", "event_type", "sub_event_type",
                  "country", "admin1", "location", "actor1", "actor2", "reports",
                  "fatalities_low", "fatalities_best", "fatalities_high", "report_ids")


def _merged_flat(m) -> dict:
    return {"merged_id": m.id, "date_start": m.date_start, "date_end": m.date_end,
            "event_type": m.event_type, "sub_event_type": m.sub_event_type,
            "country": m.country, "admin1": m.admin1, "location": m.location,
            "actor1": m.actor1, "actor2": m.actor2, "reports": m.report_count,
            "fatalities_low": m.fatalities_low, "fatalities_best": m.fatalities_best,
            "fatalities_high": m.fatalities_high,
            "report_ids": "; ".join(r.event.id for r in m.reports)}


def _merged(store, f, fmt: Format) -> None:
    items = store.merged_events(f, with_reports=True)
    if fmt == Format.json:
        out = sys.stdout
        out.write("[")
        for i, m in enumerate(items):
            flat = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in _merged_flat(m).items()}
            flat["report_ids"] = [r.event.id for r in m.reports]
            flat["figures"] = m.figures
            out.write(("," if i else "") + "\n  " + json.dumps(flat, ensure_ascii=False))
        out.write("\n]\n")
        return
    if fmt == Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=MERGED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for m in items:
            writer.writerow({k: "" if v is None else v for k, v in _merged_flat(m).items()})
        return
    table = Table(show_lines=True, title="merged events (killed: best [low–high])")
    for column in ("id", "date", "type", "where", "actor1 / actor2", "killed", "reports"):
        table.add_column(column, overflow="fold")
    count = 0
    for m in items:
        when = ("—" if m.date_start is None else str(m.date_start) if m.date_start == m.date_end
                else f"{m.date_start} – {m.date_end}")
        killed = "—" if m.fatalities_best is None else (
            str(m.fatalities_best) if m.fatalities_low == m.fatalities_high
            else f"{m.fatalities_best} [{m.fatalities_low}–{m.fatalities_high}]")
        outlets = list(dict.fromkeys(r.document.outlet or r.document.id[:8] for r in m.reports))
        table.add_row(m.id, when, f"{m.event_type}\n{m.sub_event_type}",
                      f"{m.location or '—'} ({m.admin1 or '?'}, {m.country or '?'})",
                      f"{m.actor1 or '—'}\nvs {m.actor2 or '—'}", killed,
                      f"{m.report_count}: {', '.join(outlets)}")
        count += 1
    if count:
        Console().print(table)
    stderr_console().print(f"{count} merged event{'s' * (count != 1)}")
