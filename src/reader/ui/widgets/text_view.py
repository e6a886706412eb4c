"""TextView: the reading view, a Line-API ScrollView over one Document.

The view is assembled from parts with one job each:

- `text_canvas.TextCanvas`: layout and scrolling to offsets;
- `text_render.RenderedLines`: painting the lines on screen (an LRU of painted lines,
  themed component classes from `text_style`);
- `text_layers.HighlightLayers`: the highlight layers set, cleared and walked;
- `text_position.PositionReports`: the position announced as the view moves;
- `text_scrolling.Scrolling`: the scrolling keys (lines, pages, sections, width);
- `text_memory.ReadingMemory`: reading positions per document, marks, the jump list;
- `text_footnotes.Footnotes`: the footnote-marker cursor and following markers;
- `text_find.FindInText`: find in the document, n and N;
- `text_caret.CaretSelection`: the caret, keyboard and mouse selection;
- `text_annotations.DrawnAnnotations`: the annotations drawn and acted on.

Every position is an offset into `Document.text`. Messages go up (`PositionChanged`,
`FootnoteOpened`, `FindRequested`, `FindFinished`, `DocumentShown`,
`AnnotationRequested`, defined in `text_messages` and re-exported here); methods go
down: `show`, `scroll_to_offset`, `set_highlights`, `clear_highlights`,
`next_highlight`, `set_annotations`, `place_caret`, `select`.
"""

from __future__ import annotations

from typing import ClassVar, TypeAlias

from textual.binding import Binding, BindingType

from reader.ui.widgets import text_messages
from reader.ui.widgets.text_annotations import DrawnAnnotations
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_caret import CaretSelection
from reader.ui.widgets.text_find import FindInText
from reader.ui.widgets.text_footnotes import Footnotes
from reader.ui.widgets.text_layers import HighlightLayers
from reader.ui.widgets.text_memory import ReadingMemory
from reader.ui.widgets.text_position import PositionReports
from reader.ui.widgets.text_render import RenderedLines
from reader.ui.widgets.text_scrolling import Scrolling
from reader.ui.widgets.text_style import COMPONENT_CLASSES, DEFAULT_CSS

# The caret keys come first: while the caret is shown they take the keys they share
# with scrolling (h, l, j, k, b, Esc); otherwise `check_action` passes those keys on.
CARET_BINDINGS: list[BindingType] = [
    Binding("h,left", "caret_left", "Caret left", show=False, id="caret.left"),
    Binding("l,right", "caret_right", "Caret right", show=False, id="caret.right"),
    Binding("j,down", "caret_down", "Caret down", show=False, id="caret.down"),
    Binding("k,up", "caret_up", "Caret up", show=False, id="caret.up"),
    Binding("w", "caret_word", "Caret to next word", show=False, id="caret.word"),
    Binding("e", "caret_word_end", "Caret to end of word", show=False, id="caret.word_end"),
    Binding("x", "exact_selection", "Exact characters", show=False, id="caret.exact"),
    Binding("b", "caret_word_back", "Caret to previous word", show=False, id="caret.word_back"),
    Binding(
        "right_parenthesis",
        "caret_sentence",
        "Caret to next sentence",
        show=False,
        id="caret.sentence",
    ),
    Binding(
        "left_parenthesis",
        "caret_sentence_back",
        "Caret to previous sentence",
        show=False,
        id="caret.sentence_back",
    ),
    Binding(
        "right_curly_bracket",
        "caret_paragraph",
        "Caret to next paragraph",
        show=False,
        id="caret.paragraph",
    ),
    Binding(
        "left_curly_bracket",
        "caret_paragraph_back",
        "Caret to previous paragraph",
        show=False,
        id="caret.paragraph_back",
    ),
    Binding("escape", "caret_cancel", "Cancel selection", id="caret.cancel"),
]

ANNOTATION_BINDINGS: list[BindingType] = [
    Binding("v", "select", "Select", id="view.select"),
    Binding("a", "annotate", "Annotate", id="view.annotate"),
    Binding("S", "highlight_sentence", "Highlight sentence", show=False, id="view.sentence"),
    Binding("P", "highlight_paragraph", "Highlight paragraph", show=False, id="view.paragraph"),
    Binding("full_stop", "next_annotation", "Next highlight", show=False, id="view.next_note"),
    Binding(
        "comma", "previous_annotation", "Previous highlight", show=False, id="view.previous_note"
    ),
    Binding("e", "edit_annotation", "Edit note", show=False, id="view.edit_note"),
    Binding("c", "recolour_annotation", "Recolour highlight", show=False, id="view.recolour"),
    Binding("d", "delete_annotation", "Delete highlight", show=False, id="view.delete_note"),
    Binding("u", "undo_delete", "Undo", show=False, id="view.undo_delete"),
    Binding("ctrl+r", "redo_change", "Redo", show=False, id="view.redo"),
    Binding("E", "external_edit", "Note in $EDITOR", show=False, id="view.external_edit"),
    Binding("A", "document_note", "Note on the document", show=False, id="view.document_note"),
]

READING_BINDINGS: list[BindingType] = [
    Binding("j,down", "line_down", "Down", show=False, id="view.down"),
    Binding("k,up", "line_up", "Up", show=False, id="view.up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="view.page_down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="view.page_up"),
    Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="view.half_down"),
    Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="view.half_up"),
    Binding("g,home", "go_start", "Start", show=False, id="view.start"),
    Binding("G,end", "go_end", "End", show=False, id="view.end"),
    Binding("h,left", "scroll_left", "Left", show=False, id="view.left"),
    Binding("l,right", "scroll_right", "Right", show=False, id="view.right"),
    Binding("left_square_bracket", "previous_section", "Prev §", id="view.previous_section"),
    Binding("right_square_bracket", "next_section", "Next §", id="view.next_section"),
    Binding("m", "begin_mark", "Set mark", show=False, id="view.set_mark"),
    Binding("apostrophe,grave_accent", "begin_jump", "Go to mark", show=False, id="view.mark"),
    Binding("ctrl+o,backspace", "back", "Back", id="view.back"),
    Binding("ctrl+y", "forward", "Forward", show=False, id="view.forward"),
    Binding("enter", "follow_footnote", "Footnote", id="view.footnote"),
    Binding("f", "next_marker", "Next marker", show=False, id="view.next_marker"),
    Binding("F", "previous_marker", "Prev marker", show=False, id="view.previous_marker"),
    Binding("O", "open_link", "Open link", show=False, id="view.open_link"),
    Binding("slash", "find", "Find", id="view.find"),
    Binding("n", "next_hit", "Next hit", show=False, id="view.next_hit"),
    Binding("N", "previous_hit", "Prev hit", show=False, id="view.previous_hit"),
    Binding("plus,equals_sign", "widen", "Wider", show=False, id="view.wider"),
    Binding("minus", "narrow", "Narrower", show=False, id="view.narrower"),
]


class TextView(
    DrawnAnnotations,
    CaretSelection,
    FindInText,
    Footnotes,
    ReadingMemory,
    Scrolling,
    PositionReports,
    HighlightLayers,
    RenderedLines,
    TextCanvas,
    can_focus=True,
    inherit_bindings=False,
):
    """A document reflowed to a readable column, with highlights, marks, find, caret and
    selection, and the reader's annotations drawn in their colours."""

    # Here, not on TextCanvas: Textual scopes a class's DEFAULT_CSS to that class's name.
    DEFAULT_CSS = DEFAULT_CSS
    COMPONENT_CLASSES = COMPONENT_CLASSES

    BINDINGS: ClassVar[list[BindingType]] = [
        *CARET_BINDINGS,
        *READING_BINDINGS,
        *ANNOTATION_BINDINGS,
    ]
    """Reading and annotating keys; each has an id so the app's keymap can rebind it."""

    PositionChanged: TypeAlias = text_messages.PositionChanged
    FootnoteOpened: TypeAlias = text_messages.FootnoteOpened
    FindFinished: TypeAlias = text_messages.FindFinished
    FindRequested: TypeAlias = text_messages.FindRequested
    DocumentShown: TypeAlias = text_messages.DocumentShown
    AnnotationRequested: TypeAlias = text_messages.AnnotationRequested
    AnnotationPointed: TypeAlias = text_messages.AnnotationPointed
