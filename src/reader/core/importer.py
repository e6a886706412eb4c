"""The import pipeline: a raw file in, `texts/<id>.md` out, with a short report.

Steps: check the input (exists, a file, not empty, not huge, not binary), decode it
(`reader.core.decode`: BOM, declared charset, `--encoding`, detection), read
its sidecar (`PATH.meta.toml`) and corrections (`PATH.corrections.toml`), sanitise,
apply raw corrections, detect the kind, clean, apply clean-stage corrections, merge
metadata (command-line options over the sidecar over what the source states), render,
check the result parses, and write atomically. Nothing is written unless every step
succeeded, and the output is deterministic (no timestamps), so re-importing the same
input gives a byte-identical file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core import tomlfile
from reader.core.atomic import atomic_write_text
from reader.core.clean import Cleaned, Report, cleaner_for, file_reader_for, kind_info
from reader.core.clean.corrections import Fix, apply_fixes, load_corrections
from reader.core.clean.detect import detect_text_kind, sniff_file
from reader.core.clean.text import sanitize
from reader.core.decode import Decoded, decode_bytes, drop_form_feeds
from reader.core.document import HEADING, NOTE, Document
from reader.core.document_parser import parse_document
from reader.core.errors import FileFormatError, ReaderError, printable
from reader.core.library import Library, check_id
from reader.core.markdown import META_FIELDS, MdBlock, render_text

MAX_IMPORT_BYTES = 32 * 1024 * 1024
SIDECAR_ONLY = ("id", "kind")
PROVENANCE = ("kind", "source_file", "source_sha256")
PAGE_BREAK_KINDS = ("pdf",)  # cleaners that read form feeds as page breaks


@dataclass
class ImportOptions:
    """What the user said on the command line (None: not given)."""

    kind: str = "auto"
    doc_id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    replace: bool = False
    encoding: str | None = None  # --encoding: overrides what the file declares or is detected


@dataclass
class ImportResult:
    """A cleaned text ready to write, and what cleaning did."""

    source: Path
    doc_id: str
    kind: str
    text: str
    document: Document
    report: Report
    corrections: list[str]
    missing: list[str]
    encoding: str = ""  # "windows-1252 (declared: Character set encoding: ISO-8859-1; ...)"

    def one_line(self) -> str:
        """The result in one line, for a batch import."""
        doc = self.document
        headings = sum(1 for b in doc.blocks if b.kind == HEADING)
        notes = sum(1 for b in doc.blocks if b.kind == NOTE)
        line = (
            f"{self.source.name} -> texts/{self.doc_id}.md ({self.kind}: {headings} headings, "
            f"{notes} notes, {len(doc.text):,} characters)"
        )
        if self.report.warnings:
            n = len(self.report.warnings)
            line += f"  {n} warning{'s' if n > 1 else ''}"
        return printable(line)

    def summary(self) -> list[str]:
        """The lines of the import report, for people."""
        doc = self.document
        kinds: dict[str, int] = {}
        for block in doc.blocks:
            kinds[block.kind] = kinds.get(block.kind, 0) + 1
        lines = [
            f"{self.source.name} -> texts/{self.doc_id}.md  (kind: {self.kind})",
            f"  {len(doc.blocks)} blocks: "
            + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items())),
            f"  {kinds.get(HEADING, 0)} headings, {kinds.get(NOTE, 0)} notes, "
            f"{len(doc.markers)} note markers, {len(doc.text):,} characters",
        ]
        if self.encoding:
            lines.insert(1, f"  encoding: {self.encoding}")
        report = self.report.lines()
        warnings = [x for x in report if x.startswith("warning: ")]
        lines += [f"  {x}" for x in report if not x.startswith("warning: ")]
        for fix in self.corrections:
            lines.append(f"  corrected: {fix}")
        if self.missing:
            lines.append(
                f"  metadata missing (give options or a sidecar): {', '.join(self.missing)}"
            )
        lines += [f"  {x}" for x in warnings]
        return [printable(line) for line in lines]  # a file name may hold escape sequences


PDF_FILE = "pdf-file"  # the kind recorded for texts made from PDF files
Progress = Callable[[int, int], None]


def is_pdf(path: Path) -> bool:
    """True when the file starts like a PDF or is named `.pdf` (a broken one is refused
    by the PDF reader with its own message)."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as f:
            return f.read(8).startswith(b"%PDF-")
    except OSError:
        return False


def read_bytes(path: Path) -> bytes:
    """The bytes of a file to import, or a ReaderError that says what is wrong with it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except OSError as exc:  # a name too long, a loop of links, no permission ...
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReaderError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReaderError(f"{path}: not a regular file")
    size = info.st_size
    if size == 0:
        raise ReaderError(f"{path}: the file is empty")
    if size > MAX_IMPORT_BYTES:
        raise ReaderError(
            f"{path}: the file is {size / 2**20:.0f} MB; the import limit is "
            f"{MAX_IMPORT_BYTES // 2**20} MB"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def read_source(path: Path, encoding: str | None = None) -> Decoded:
    """The decoded text of a file to import (see `reader.core.decode`), or a ReaderError."""
    decoded = decode_bytes(read_bytes(path), encoding=encoding, name=str(path))
    if not decoded.text.strip():
        raise ReaderError(f"{path}: the file holds only white space")
    return decoded


def is_regular_file(path: Path) -> bool:
    """Like Path.is_file, but False (not an exception) when the name cannot exist, e.g.
    a sidecar name that is too long because the input's name is near the limit."""
    try:
        return path.is_file()
    except OSError:
        return False


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.toml")


def corrections_path(path: Path) -> Path:
    return path.with_name(path.name + ".corrections.toml")


def load_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's fields (an empty dict when there is none)."""
    side = sidecar_path(path)
    if not is_regular_file(side):
        return {}
    data = tomlfile.read(side)
    for key, value in data.items():
        if not isinstance(value, str):
            raise FileFormatError(side, f"field {key!r} must be a string")
    return data


def _slug(text: str, words: int = 5) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = re.findall(r"[a-z0-9]+", text)
    return "-".join(parts[:words])


def derive_id(meta: dict[str, Any], path: Path) -> str:
    """author-year-short-title from the metadata, else a slug of the file name."""
    author = str(meta.get("author", "")).split(",")[0].split()
    surname = _slug(author[-1], 1) if author else ""
    year = m.group(0) if (m := re.search(r"\d{4}", str(meta.get("date", "")))) else ""
    title = _slug(str(meta.get("title", "")), 4)
    parts = [p for p in (surname, year, title) if p]
    candidate = "-".join(parts) if title else _slug(path.stem, 8)
    return candidate[:80].strip("-") or "document"


def _read_container(path: Path, data: bytes, kind: str, report: Report) -> Cleaned | None:
    """The result of a bytes reader (EPUB) when the data is that container, else None."""
    try:
        container = sniff_file(data) if kind in ("auto", "epub") else None
        if container is None or container == "pdf" or kind not in ("auto", container):
            if kind == "epub":
                raise ReaderError("not an EPUB file (it is not a zip archive)")
            return None
        reader = file_reader_for(container)
        if reader is None:
            raise ReaderError(f"{container} files cannot be imported yet")
        cleaned = reader(data, report)
    except ReaderError as exc:
        raise ReaderError(f"{path}: {exc}") from None
    blocks = [_sanitized(block) for block in cleaned.blocks]
    return Cleaned(blocks, cleaned.meta)


def _sanitized(block: MdBlock) -> MdBlock:
    """A block from a file reader with no control characters or escape sequences."""
    return dataclasses.replace(
        block, text=sanitize(block.text), lines=tuple(sanitize(x) for x in block.lines)
    )


def _clean_text(
    path: Path, data: bytes, kind: str, options: ImportOptions, fixes: list[Fix], report: Report
) -> tuple[str, Cleaned, str, str, list[str]]:
    """Decode, sanitise, correct, detect and clean a text input:
    (kind, cleaned, source hash, encoding, corrections applied)."""
    decoded = decode_bytes(data, encoding=options.encoding, name=str(path))
    if not decoded.text.strip():
        raise ReaderError(f"{path}: the file holds only white space")
    raw = decoded.text
    applied: list[str] = []
    text = sanitize(raw, keep_form_feeds=True)
    text = apply_fixes(text, fixes, "raw", applied)
    if kind == "auto":
        kind = detect_text_kind(text)
    if kind not in PAGE_BREAK_KINDS:
        text = drop_form_feeds(text)
    report.fact("input", f"{len(text):,} characters")
    try:
        cleaned = cleaner_for(kind)(text, report)
    except ReaderError as exc:  # a cleaner's refusal names the file it is about
        message = str(exc)
        raise ReaderError(
            message if message.startswith(str(path)) else f"{path}: {message}"
        ) from None

    source_hash = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return kind, cleaned, source_hash, decoded.describe(), applied


def check_result(document: Document, report: Report) -> None:
    """Warnings about what looks wrong in a cleaned text, whatever its kind."""
    labels = {b.label for b in document.blocks if b.kind == NOTE}
    cited = {m.label for m in document.markers}
    orphans = sorted(cited - labels)
    if orphans:
        report.warn(f"note markers with no note: {', '.join(orphans[:8])}")
    uncited = sorted(labels - cited)
    if uncited:
        report.warn(f"notes no marker refers to: {', '.join(uncited[:8])}")
    size = report.facts.get("input", "")
    n = int(size.split()[0].replace(",", "")) if size else 0
    if n > 20_000 and len(document.text) < n * 0.03:
        report.warn(
            f"only {len(document.text):,} characters kept from {n:,}: "
            "the main text may have been lost"
        )
    headings = sum(1 for b in document.blocks if b.kind == HEADING)
    if headings == 0 and len(document.text) > 60_000:
        report.warn("no headings found in a long text: the contents panel will be empty")


def build(path: Path, options: ImportOptions, progress: Progress | None = None) -> ImportResult:
    """Clean one file into the text of `texts/<id>.md`, without writing anything.

    `progress(done, total)` is called as the pages of a PDF file are read.
    """
    side = load_sidecar(path)
    fixes = load_corrections(corrections_path(path))
    applied: list[str] = []
    report = Report()
    kind = options.kind if options.kind != "auto" else side.get("kind", "auto")
    if kind not in ("auto", PDF_FILE):
        kind_info(kind)  # an unknown kind is refused before anything is read
    encoding = ""
    if is_pdf(path) and kind in ("auto", "pdf", PDF_FILE):
        from reader.core.clean.pdf_file import read_pdf  # PDFium loads only when needed

        raw_bytes = read_bytes(path)
        kind, source_hash = PDF_FILE, hashlib.sha256(raw_bytes).hexdigest()
        cleaned = read_pdf(path, report, progress)
    else:
        data = read_bytes(path)
        container = _read_container(path, data, kind, report)
        if container is not None:
            kind, cleaned = "epub", container
            source_hash = hashlib.sha256(data).hexdigest()
        else:
            kind, cleaned, source_hash, encoding, applied = _clean_text(
                path, data, kind, options, fixes, report
            )
    # A re-imported reader text keeps its provenance (kind, source file and hash) and id.
    own = cleaned.own_text
    keep = META_FIELDS + PROVENANCE if own else META_FIELDS
    meta: dict[str, Any] = {k: v for k, v in cleaned.meta.items() if k in keep}
    meta.update({k: v for k, v in side.items() if k not in SIDECAR_ONLY})
    meta.update({k: v for k, v in options.meta.items() if v})
    meta = {k: sanitize(str(v)).strip() for k, v in meta.items()}
    meta = {k: v for k, v in meta.items() if v}
    own_id = cleaned.meta.get("id") if own else None
    doc_id = check_id(options.doc_id or side.get("id") or own_id or derive_id(meta, path))
    meta["id"] = doc_id
    if not own:
        meta["kind"] = kind
        meta["source_file"] = path.name
        meta["source_sha256"] = source_hash
    rendered = render_text(meta, cleaned.blocks)
    if any(f.stage == "clean" for f in fixes):
        head, sep, body = rendered.partition("\n+++\n")
        rendered = head + sep + apply_fixes(body, fixes, "clean", applied)
    document = parse_document(rendered, doc_id)
    if not document.blocks:
        raise ReaderError(f"{path}: nothing readable is left after cleaning")
    check_result(document, report)
    missing = [k for k in ("title", "author", "date", "source") if not meta.get(k)]
    return ImportResult(path, doc_id, kind, rendered, document, report, applied, missing, encoding)


def _for_path(progress: Callable[[Path, int, int], None] | None, path: Path) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(path, done, total)


def import_files(
    library: Library,
    paths: list[Path],
    options: ImportOptions,
    progress: Callable[[Path, int, int], None] | None = None,
) -> list[ImportResult]:
    """Clean every file, then write them all; nothing is written if any one fails.

    `progress(path, done, total)` follows the pages of each PDF file as it is read.
    """
    if options.doc_id and len(paths) > 1:
        raise ReaderError("--id names one document; import one file at a time with it")
    results = [build(p, options, _for_path(progress, p)) for p in paths]
    seen: set[str] = set()
    for result in results:
        if result.doc_id in seen:
            raise ReaderError(f"two inputs would both become {result.doc_id!r}; give --id")
        seen.add(result.doc_id)
        if library.has(result.doc_id) and not options.replace:
            raise ReaderError(exists_message(result.doc_id))
    for result in results:
        write_result(library, result)
    return results


def write_result(library: Library, result: ImportResult) -> None:
    """Write one cleaned text into the library (atomically)."""
    target = library.text_path(result.doc_id)
    try:
        atomic_write_text(target, result.text)
    except OSError as exc:  # a read-only library, a full disk, a folder in the way
        raise ReaderError(f"{target}: cannot write: {exc.strerror or exc}") from None
    library.annotations_dir.mkdir(parents=True, exist_ok=True)


def exists_message(doc_id: str) -> str:
    return f"texts/{doc_id}.md already exists; pass --replace to overwrite it"
