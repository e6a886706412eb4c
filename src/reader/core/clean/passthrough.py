"""The `markdown` kind: re-import an already cleaned reader text without changing it.

The body is parsed as a Document and written back block by block, so importing a file
from `texts/` gives the same file again (which makes cleaning idempotent end to end).
"""

from __future__ import annotations

from reader.core.clean.model import Cleaned, Report
from reader.core.document_parser import split_front_matter
from reader.core.markdown import MdBlock, raw_blocks


def clean(text: str, report: Report) -> Cleaned:
    """Keep the blocks as they are; front matter becomes the source's metadata."""
    meta, body, first_line = split_front_matter(text)
    blocks: list[MdBlock] = raw_blocks(body, first_line)
    report.count("blocks kept", len(blocks))
    return Cleaned(blocks, {k: v for k, v in meta.items() if isinstance(v, str)}, own_text=True)
