"""Generate docs/cli.md from the commands' own --help, so the reference cannot drift.

Run: ``python -m pactwatch.cli.docs > docs/cli.md`` (or ``make docs``).
"""

from __future__ import annotations

import click

from pactwatch.cli import cli


def command_help(*names: str) -> str:
    """The --help text of ``pactwatch [name [subcommand]]`` at a fixed width."""
    command: click.Command = cli
    context = _context(cli, "pactwatch", None)
    for name in names:
        assert isinstance(command, click.Group), names
        found = command.get_command(context, name)
        assert found is not None, names
        command, context = found, _context(found, name, context)
    return command.get_help(context)


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
        command_help(),
        "```",
        "",
    ]
    context = _context(cli, "pactwatch", None)
    for name in cli.list_commands(context):
        parts += [f"## pactwatch {name}", "", "```", command_help(name), "```", ""]
        group = cli.get_command(context, name)
        if isinstance(group, click.Group):
            for sub in group.list_commands(_context(group, name, context)):
                parts += [f"### pactwatch {name} {sub}", "", "```", command_help(name, sub)]
                parts += ["```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
