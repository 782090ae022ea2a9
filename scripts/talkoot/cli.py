"""The `talkoot` command line: one subcommand per job, each in its own module."""
