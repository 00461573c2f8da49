"""Docs stay in step with the code: every command is in the README and has working --help."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from warlog.cli import app
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    click_app = typer.main.get_command(app)
    names = []
    for name, command in click_app.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return sorted(names)


@pytest.mark.parametrize("command", _commands())
def test_docs_every_command_in_readme_and_helpful(command):
    group = command.split()[0]
    assert f"warlog {group}" in README, f"README does not mention `warlog {group}`"
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_docs_every_docs_page_is_listed_in_readme():
    pages = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))
    missing = [p for p in pages if p not in README and p.replace("-", " ") not in README]
    assert not missing, f"docs pages not mentioned in the README: {missing}"
