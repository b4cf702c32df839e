"""``python -m pactwatch`` runs the CLI."""

from pactwatch.cli import main

main()
