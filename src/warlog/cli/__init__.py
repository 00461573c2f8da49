"""The ``warlog`` command line. Each command lives in its own module and wraps one library call."""

from __future__ import annotations

import typer

from warlog import __version__

app = typer.Typer(
    name="warlog",
    help="Turn conflict news into a structured, sourced, geocoded event log (ACLED-style).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warlog {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """warlog reads French conflict reports and prints their events as JSON records."""


def _register() -> None:
    from warlog.cli import actors as actors_cli
    from warlog.cli import correct as correct_cli
    from warlog.cli import eval as eval_cli
    from warlog.cli import event as event_cli
    from warlog.cli import events as events_cli
    from warlog.cli import export as export_cli
    from warlog.cli import extract as extract_cli
    from warlog.cli import gazetteer as gazetteer_cli
    from warlog.cli import ingest as ingest_cli
    from warlog.cli import merge as merge_cli
    from warlog.cli import serve as serve_cli

    app.command("extract")(extract_cli.extract_command)
    app.command("eval")(eval_cli.eval_command)
    app.add_typer(gazetteer_cli.app, name="gazetteer")
    app.add_typer(actors_cli.app, name="actors")
    app.command("ingest")(ingest_cli.ingest_command)
    app.command("events")(events_cli.events_command)
    app.command("correct")(correct_cli.correct_command)
    app.command("export")(export_cli.export_command)
    app.command("event")(event_cli.event_command)
    app.command("merge")(merge_cli.merge_command)
    app.command("serve")(serve_cli.serve_command)


_register()


def main() -> None:
    app()
