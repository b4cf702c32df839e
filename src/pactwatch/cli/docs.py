"""Generate docs/cli.md from the commands' own --help, so the reference cannot drift.

Run: ``python -m pactwatch.cli.docs > docs/cli.md`` (or ``make docs``).
"""

from __future__ import annotations

import click

from pactwatch.cli import cli


def command_help(name: str | None) -> str:
    """The --help text of ``pactwatch [name]`` at a fixed width."""
    context = _context(cli, "pactwatch", None)
    if name is None:
        return cli.get_help(context)
    command = cli.get_command(context, name)
    assert command is not None, name
    return command.get_help(_context(command, name, context))


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    return click.Context(
        command,
        info_name=name,
        parent=parent,
        terminal_width=100,
        max_content_width=100,
        help_option_names=["-h", "--help"],
    )


def reference() -> str:
    """The whole CLI reference as Markdown."""
    parts = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `make docs`; a test fails when it is out of date.",
        "",
        "```",
        command_help(None),
        "```",
        "",
    ]
    for name in cli.list_commands(_context(cli, "pactwatch", None)):
        parts += [f"## pactwatch {name}", "", "```", command_help(name), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
