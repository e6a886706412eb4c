"""Reading other programs' highlights: `reader notes import`.

`formats` reads a file in any supported format into `Foreign` records (`model`), one
module per format (`kindle`, `koreader`, `w3c` with Hypothesis, `readwise`, `calibre`,
`markdown` for our own export); `matching` finds each record's document; `placing`
finds its place in the text with the re-anchoring; `importing` puts it all together,
skips what was imported before, keeps what finds no document in the library's inbox
and reports the counts.
"""
