"""The command palette (Ctrl+P): its providers, one module per kind of command.

- `documents`: open a document (or beside the one being read), go to a section, rerun a
  saved search; `BesideCommands`, the "open beside" chooser;
- `actions`: every action a key reaches, by name, and "Search the library for …";
- `notes`: the notes view, notes to look at, and exports;
- `citations`: cite the document being read, copy a quote or a locator;
- `imports`: import a file, a folder or a URL into the library.

The app names the providers (`reader.ui.app.PALETTE_PROVIDERS`) and imports each module
when the palette first opens.
"""
