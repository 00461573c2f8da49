"""``warlog extract``: read report files and print their events."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from warlog.cli._common import parse_day, stderr_console
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from warlog.errors import WarlogError
from warlog.schema import ProcessedDocument


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def extract_command(
    files: list[Path] = typer.Argument(..., help="Report files (.txt, .html) or folders of them.",
                                       show_default=False),
    published: str | None = typer.Option(
        None, "--published", metavar="YYYY-MM-DD",
        help="Publication date, used to resolve 'jeudi soir', 'hier'… Overrides the file's "
             "metadata (HTML or FILE.meta.json). Without any, relative dates stay unresolved."),
    fmt: Format = typer.Option(Format.table, "--format", "-f",
                               help="table: a readable summary; json: one JSON object per "
                                    "document (an array for several); jsonl: one per line."),
    output: Path | None = typer.Option(
        None, "-o", "--output",
        help="Write the JSON records to this file (JSON Lines when there are several "
             "documents). With --format table the table still prints."),
) -> None:
    """Extract every event from French conflict reports as event-record JSON.

    Bad files (empty, binary, too large, undecodable) are reported one line each on stderr and
    skipped; the exit status is non-zero only when no file could be processed.
    """
    from warlog.ingest import iter_input_paths, read_document
    from warlog.pipeline import Extractor

    err = stderr_console()
    pub = parse_day(published, "--published")
    missing = [p for p in files if not p.exists()]
    for p in missing:
        err.print(f"[red]error[/]: {p}: no such file or folder", highlight=False)
    paths = list(iter_input_paths([p for p in files if p.exists()]))
    raws = []
    for path in paths:
        try:
            raws.append(read_document(path))
        except WarlogError as exc:
            err.print(f"[red]error[/]: {exc}", highlight=False, markup=True)
    if not raws:
        err.print("[red]nothing to extract[/]: no readable report among the inputs")
        raise typer.Exit(1)
    extractor = Extractor(parse_process=None)  # long jobs parse in a second process
    results: list[ProcessedDocument] = []
    with Progress(console=err, transient=True, disable=len(raws) < 3 or not err.is_terminal) as bar:
        task = bar.add_task("extracting", total=len(raws))
        for processed in extractor.process_many(raws, published=pub):
            results.append(processed)
            for warning in processed.warnings:
                err.print(f"[yellow]warning[/]: {processed.document.file}: {warning}",
                          highlight=False)
            bar.advance(task)
    extractor.close()
    _emit(results, fmt, output)


def _dump(result: ProcessedDocument, indent: int | None) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def _emit(results: list[ProcessedDocument], fmt: Format, output: Path | None) -> None:
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        if len(results) == 1 and fmt != Format.jsonl:
            output.write_text(_dump(results[0], 2) + "\n", encoding="utf-8")
        else:
            output.write_text("".join(_dump(r, None) + "\n" for r in results), encoding="utf-8")
    if fmt == Format.table:
        console = Console()
        for result in results:
            console.print(event_table(result))
        if output is not None:
            console.print(f"JSON written to {output}")
    elif output is None:
        if fmt == Format.jsonl:
            sys.stdout.write("".join(_dump(r, None) + "\n" for r in results))
        elif len(results) == 1:
            sys.stdout.write(_dump(results[0], 2) + "\n")
        else:
            payload = [r.model_dump(mode="json") for r in results]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def event_table(result: ProcessedDocument) -> Table:
    doc = result.document
    title = f"{doc.file or doc.id[:12]} — {len(result.events)} events"
    if doc.published:
        title += f" (published {doc.published})"
    table = Table(title=title, show_lines=True)
    for column in ("#", "type", "date", "where", "actor1 / actor2", "figures", "source"):
        table.add_column(column, overflow="fold")
    for i, e in enumerate(result.events):
        d = e.date
        when = "unresolved" if d.start is None else (
            str(d.start) if d.start == d.end else f"{d.start} – {d.end}")
        when += f"\n(p{d.precision}, {d.basis})" if d.precision else f"\n({d.basis})"
        where = "\n".join(f"{loc.name or loc.text} ({loc.admin1 or '?'}, p{loc.geo_precision})"
                          for loc in e.locations) or "—"
        actors = {a.role: a.name for a in e.actors}
        who = f"{actors.get('actor1', '—')}\nvs {actors.get('actor2', '—')}"
        figures = [f"killed {f.value} ({f.qualifier})" for f in e.fatalities]
        figures += [f"wounded {f.value} ({f.qualifier})" for f in e.injuries]
        figures += [f"{p.kind} {p.value} ({p.qualifier})" for p in e.participants]
        figures += [f"{m.kind} ×{m.count or '?'} {m.outcome}" for m in e.materiel]
        source = ", ".join(s.speaker for s in e.sources) or "—"
        table.add_row(str(i + 1), f"{e.event_type}\n{e.sub_event_type}", when, where, who,
                      "\n".join(figures) or "—", f"{source}\n[{e.certainty}]")
    return table
