"""``warlog eval``: score extraction against gold files (see ``docs/eval.md``)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from warlog.cli._common import stderr_console
from rich.console import Console

from warlog.errors import InputError, WarlogError
from warlog.evaluate import Gold, find_gold_files, gold_stem, load_gold, load_predictions, score
from warlog.schema import ProcessedDocument


def _report_path(gold: Gold, gold_path: Path) -> Path:
    """The report a gold file annotates: its ``document.file``, else the sibling ``X.txt``."""
    name = gold.document.file or gold_stem(gold_path) + ".txt"
    return gold_path.parent / name


def predictions_for(gold: Gold, gold_path: Path, predictions_dir: Path | None) -> ProcessedDocument:
    if predictions_dir is not None:
        pred_path = predictions_dir / (gold_stem(gold_path) + ".json")
        if not pred_path.is_file():
            raise InputError(f"no predictions file {pred_path.name} in {predictions_dir}",
                             gold_path)
        return load_predictions(pred_path)
    report = _report_path(gold, gold_path)
    if not report.is_file():
        raise InputError(f"report {report.name} not found beside the gold file "
                         f"(or pass --predictions DIR)", gold_path)
    # Imported here so scoring saved predictions never loads spaCy.
    from warlog.pipeline import extract_path

    return extract_path(report, published=gold.document.published)


def eval_command(
    gold: list[Path] = typer.Argument(
        ..., help="Gold files (NAME.gold.json) or folders holding them."),
    predictions: Path | None = typer.Option(
        None, "--predictions",
        help="Folder of saved predictions: NAME.json as printed by `warlog extract --format json`. "
             "Without it, the report beside each gold file (NAME.txt) is extracted now."),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    show_events: bool = typer.Option(
        False, "--show-events", help="Also list every gold event, its matched prediction and "
                                     "per-field results, and every false positive."),
) -> None:
    """Score predicted events against gold annotation files (precision, recall, field rates)."""
    out = Console()
    err = stderr_console()
    try:
        if predictions is not None and not predictions.is_dir():
            raise InputError("--predictions must be a folder", predictions)
        gold_paths = find_gold_files(gold)
        if not gold_paths:
            raise InputError("no *.gold.json files found", ", ".join(map(str, gold)))
        pairs = []
        for path in gold_paths:
            g = load_gold(path)
            pairs.append((g, predictions_for(g, path, predictions)))
    except WarlogError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None

    scores = score(pairs)
    for doc in scores.documents:
        for warning in doc.warnings:
            err.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
        return
    out.print(scores.table())
    if show_events:
        out.print(scores.events_table())
