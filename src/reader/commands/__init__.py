"""The subcommands of `reader`, one module each (see `reader.cli`)."""
