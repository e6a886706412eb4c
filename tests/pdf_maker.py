"""Small PDFs made for the tests with fpdf2: every line placed by hand, so that a test
knows exactly what is on each page (running headers, columns, footnotes in smaller
type with raised markers, hyphenated line ends, ligature splits, a rotated stamp)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

BODY = 10.0
LEADING = 13.0


@dataclass
class Col:
    """One column of one page: its lines, each (text, style, size, marker)."""

    x: float
    width: float
    lines: list[tuple[str, str, float, str]] = field(default_factory=list)

    def text(self, line: str, style: str = "", size: float = BODY, marker: str = "") -> None:
        self.lines.append((line, style, size, marker))

    def gap(self) -> None:
        self.lines.append(("", "", BODY, ""))


@dataclass
class PageSpec:
    columns: list[Col]
    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, text) at the foot
    header: str = ""
    footer: str = ""
    stamp: str = ""


def make_pdf(path: Path, pages: list[PageSpec], *, title: str = "", author: str = "") -> None:
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for spec in pages:
        pdf.add_page()
        if spec.header:
            pdf.set_font("Helvetica", "", 8)
            pdf.text(54, 40, spec.header)
        for col in spec.columns:
            y = 80.0
            for text, style, size, marker in col.lines:
                if not text:
                    y += LEADING * 0.8
                    continue
                pdf.set_font("Helvetica", style, size)
                pdf.text(col.x, y, text)
                if marker:
                    width = pdf.get_string_width(text)
                    pdf.set_font("Helvetica", "", size * 0.6)
                    pdf.text(col.x + width + 0.5, y - size * 0.4, marker)
                y += max(LEADING, size * 1.3)
        if spec.notes:
            y = 680.0
            pdf.set_font("Helvetica", "", 7)
            for label, text in spec.notes:
                pdf.text(54, y, f"{label} {text}")
                y += 9
        if spec.footer:
            pdf.set_font("Helvetica", "", 8)
            pdf.text(300, 760, spec.footer)
        if spec.stamp:
            pdf.set_font("Helvetica", "", 7)
            with pdf.rotation(90, 30, 600):
                pdf.text(30, 600, spec.stamp)
    pdf.output(str(path))
