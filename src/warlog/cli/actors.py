"""``warlog actors``: look into the actor registry (an analyst's debugging tool)."""

from __future__ import annotations

import typer

from warlog.cli._common import stderr_console
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Inspect the actor registry (src/warlog/data/actors.yaml).",
                  no_args_is_help=True)


@app.command("lookup")
def lookup_command(
    name: str = typer.Argument(..., help="A name or description as written, e.g. "
                                         "\"Hayat Tahrir al-Cham\" or \"l'armée syrienne\"."),
    country: str | None = typer.Option(None, "--country", "-c",
                                       help="Country of the event (ISO code or name): "
                                            "resolves descriptions and sets inter codes."),
    limit: int = typer.Option(5, "--limit", "-n", help="How many candidates to show."),
) -> None:
    """Show how NAME resolves: canonical actor, ACLED inter, and the alias that matched
    with where it is attested."""
    from warlog.resolve.actors import ActorRegistry

    err = stderr_console()
    registry = ActorRegistry.load()
    try:
        ranked = registry.lookup(name, country=country)
    except ValueError as exc:
        err.print(f"[red]error[/]: {exc}", highlight=False)
        raise typer.Exit(2)
    if not ranked:
        err.print(f"no actor matches {name!r}", highlight=False)
        raise typer.Exit(1)
    table = Table(title=f"{name} → {ranked[0][0].name}")
    for column in ("actor", "inter", "country", "alias matched", "attested", "score"):
        table.add_column(column, overflow="fold")
    for actor, alias, score in ranked[:limit]:
        info = next((a for a in actor.alias_info if a.text == alias), None)
        attested = f"{info.seen} ({info.lang})" if info else "description pattern"
        table.add_row(actor.name, str(registry.inter_for(actor.name, country)),
                      actor.country or "—", alias, attested, f"{score:.0f}")
    Console().print(table)
