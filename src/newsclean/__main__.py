"""``python -m newsclean`` runs the CLI."""

from newsclean.cli import run

run()
