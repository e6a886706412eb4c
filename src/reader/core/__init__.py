"""The core of reader: plain Python with no Textual or Rich imports (a test enforces this).

Documents and their plain-text projection, the library on disk, the import pipeline and
its cleaners, the search index, annotations and export all live here, so that the CLI, the
TUI and the tests share one implementation.
"""
