"""reader: a keyboard-driven terminal reader for a personal research library.

The package has two layers. `reader.core` is plain Python (documents, cleaning, search,
annotations, export) and never imports Textual or Rich. `reader.ui` is the Textual app,
which calls down into core. `reader.cli` is the entry point for both.
"""

__version__ = "0.1.0"
