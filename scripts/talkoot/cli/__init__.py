"""The command line (`talkoot ...`). May import every layer, lazily, per command."""

from talkoot.cli.main import main

__all__ = ["main"]
