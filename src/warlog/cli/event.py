"""``warlog event ID``: the reports behind a merged event, side by side."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from warlog.cli._common import open_store, stderr_console


def _who(event) -> str:
    claims = [f"{f.value} ({f.qualifier.replace('_', ' ')}) — {f.source or 'the outlet'}"
              for f in event.fatalities]
    return "\n".join(claims) or "—"


def _actors(event) -> str:
    sides: dict[str, list[str]] = {}
    for a in event.actors:
        sides.setdefault(a.role.replace("assoc_", ""), []).append(a.name)
    return (" + ".join(sides.get("actor1", [])) or "—") + "\nvs " + (
        " + ".join(sides.get("actor2", [])) or "—")


def _why(reason: list[dict]) -> str:
    return "\n".join(f"{r['signal']} {r['score']}: {r['why']}" for r in reason)


def event_command(
    event_id: str = typer.Argument(..., metavar="ID",
                                   help="A merged event id (m-…) or any of its reports' ids."),
    as_json: bool = typer.Option(False, "--json", help="Print the merged event as JSON."),
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
) -> None:
    """Show the reports behind a merged event side by side: source, date, place, actors,
    figures and who claims them, and why each report was merged."""

    err = stderr_console()
    store = open_store(db, err)
    try:
        m = store.merged_event(event_id)
    finally:
        store.close()
    if m is None:
        err.print(f"error: no merged event or event report {event_id!r} in the store")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps({
            "id": m.id, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
            "date_start": m.date_start and m.date_start.isoformat(),
            "date_end": m.date_end and m.date_end.isoformat(),
            "fatalities_low": m.fatalities_low, "fatalities_best": m.fatalities_best,
            "fatalities_high": m.fatalities_high, "figures": m.figures,
            "reports": [{"event": r.event.model_dump(mode="json"), "document_id": r.document.id,
                         "outlet": r.document.outlet, "score": r.score, "reason": r.reason}
                        for r in m.reports]}, ensure_ascii=False, indent=2))
        return
    killed = "—" if m.fatalities_best is None else (
        f"best {m.fatalities_best} (low {m.fatalities_low}, high {m.fatalities_high})")
    table = Table(show_lines=True, title=f"{m.id}: {m.event_type} / {m.sub_event_type}, "
                                         f"{m.report_count} report(s), killed {killed}")
    table.add_column("", style="bold")
    for r in m.reports:
        table.add_column(r.event.id, overflow="fold")

    def row(label: str, fn) -> None:
        table.add_row(label, *[fn(r) for r in m.reports])

    row("source", lambda r: "\n".join(x for x in (r.document.outlet, r.document.title,
                                                   r.document.url or r.document.file) if x)
        or r.document.id[:16])
    row("published", lambda r: str(r.document.published or "—"))
    row("date", lambda r: (f"{r.event.date.start} – {r.event.date.end}"
                           if r.event.date.end != r.event.date.start else
                           str(r.event.date.start or "—")) + (
        f"\n“{r.event.date.text}”" if r.event.date.text else ""))
    row("type", lambda r: f"{r.event.event_type}\n{r.event.sub_event_type}")
    row("place", lambda r: "\n".join(
        f"{p.name or p.text} ({p.admin1 or '?'}, {p.country or '?'}; precision "
        f"{p.geo_precision or '?'})" for p in r.event.locations) or "—")
    row("actors", lambda r: _actors(r.event))
    row("figures / who claims", lambda r: _who(r.event))
    row("certainty", lambda r: r.event.certainty)
    row("merged because", lambda r: _why(r.reason))
    Console().print(table)
