"""Docs kept true: every command has help text and appears in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kb.cli import make_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("kb has no subcommands")


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_is_documented(name: str) -> None:
    sub = commands()[name]
    assert sub.description, f"kb {name} has no help text"
    assert f"`kb {name}" in README, f"kb {name} is missing from README.md"
    for action in sub._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"kb {name} {action.option_strings} has no help text"


def test_readme_gives_the_two_commands() -> None:
    assert "./scripts/setup.sh" in README and "./scripts/test.sh" in README
    assert Path("scripts/setup.sh").exists() and Path("scripts/test.sh").exists()
