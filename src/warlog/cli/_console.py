"""Consoles shared by the commands."""

from __future__ import annotations

from rich.console import Console


def stderr_console() -> Console:
    # soft_wrap keeps every error or warning on one line whatever the terminal width, so it
    # can be grepped and counted; highlight off so file names are not coloured as numbers.
    return Console(stderr=True, soft_wrap=True, highlight=False)
