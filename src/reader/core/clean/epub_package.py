"""An EPUB's container and package: the zip read with guards, the OPF, the spine, the TOC.

The zip is read with the standard library's `zipfile` and every XML file with lxml's
XML parser (no network, no DTD, no entity expansion). Guards: at most 5,000 members,
no member over 32 MB once inflated and no more than 128 MB read in all (a zip bomb is
refused by its declared sizes, and again while reading, since headers can lie).
DRM (Adobe ADEPT's `rights.xml`, Apple's `sinf.xml`, an `encryption.xml` that covers
content documents and not only fonts) is refused with one line.

`Package` holds what the rest of the reader needs: the OPF's metadata, the manifest,
the spine (with `linear`), the navigation document's or NCX's table of contents as
(label, target, depth) entries.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import unquote, urlsplit

from lxml import etree

from reader.core.errors import ReaderError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed, for members over 1 MB
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
OPS_NS = "http://www.idpf.org/2007/ops"
_XML = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


@dataclass
class TocEntry:
    """One entry of the book's table of contents: `target` is `path#fragment`."""

    label: str
    target: str
    depth: int


@dataclass
class Package:
    """What the OPF and its navigation say about the book."""

    opf_path: str
    version: str
    metadata: etree._Element | None
    manifest: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> path,type,props
    spine: list[tuple[str, bool]] = field(default_factory=list)  # (path, linear)
    toc: list[TocEntry] = field(default_factory=list)
    nav_path: str = ""
    guide: dict[str, str] = field(default_factory=dict)  # type -> path
    cover_image: str = ""
    unique_id: str = ""


class Archive:
    """The zip, read with size guards."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise ReaderError("the EPUB is damaged or truncated (not a readable zip)") from None
        if len(infos) > MAX_MEMBERS:
            raise ReaderError(f"the EPUB has {len(infos):,} files; at most {MAX_MEMBERS:,}")
        self.infos = {i.filename: i for i in infos}
        self.read_total = 0

    def names(self) -> list[str]:
        return list(self.infos)

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        """A member's bytes; a ReaderError for a bomb or a damaged member."""
        info = self.infos.get(name)
        if info is None:
            raise ReaderError(f"the EPUB names {name!r}, which it does not contain")
        size = info.file_size
        if size > MAX_MEMBER_BYTES or (
            size > 2**20 and size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise ReaderError(f"{name!r} inflates to {size:,} bytes: refused as a zip bomb")
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            if "encrypted" in str(exc).lower() or "password" in str(exc).lower():
                raise ReaderError("the EPUB's files are password-protected") from None
            raise ReaderError(f"the EPUB is damaged or truncated ({name!r} unreadable)") from None
        self.read_total += len(data)
        if len(data) > MAX_MEMBER_BYTES or self.read_total > MAX_TOTAL_BYTES:
            raise ReaderError("the EPUB inflates to more than the import limit: refused")
        return data

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        try:
            root = etree.fromstring(data, _XML)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise ReaderError(f"{name!r} in the EPUB is not readable XML")
        return root


def local(tag: object) -> str:
    """An element's tag without its namespace, in lower case."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c.tag) == name]


def descendants(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el.iter() if local(c.tag) == name]


def text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def resolve(base: str, href: str) -> str:
    """A manifest or link href made a zip path (`OPS/ch1.xhtml#n1` keeps its fragment)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return ""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    path = "" if path == "." else path.lstrip("/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def check_drm(archive: Archive) -> None:
    """Refuse DRM-protected books with one line."""
    if archive.has("META-INF/rights.xml"):
        raise ReaderError("the EPUB is DRM-protected (Adobe ADEPT); it cannot be read")
    if archive.has("META-INF/sinf.xml"):
        raise ReaderError("the EPUB is DRM-protected (Apple FairPlay); it cannot be read")
    if not archive.has("META-INF/encryption.xml"):
        return
    root = archive.xml("META-INF/encryption.xml")
    for data in descendants(root, "encrypteddata"):
        methods = [m.get("Algorithm", "") for m in descendants(data, "encryptionmethod")]
        uris = [r.get("URI", "") for r in descendants(data, "cipherreference")]
        fonts_only = all(
            re.search(r"\.(?:otf|ttf|woff2?|eot)$", u, re.I) for u in uris if u
        ) or all(m in FONT_OBFUSCATION for m in methods if m)
        if not fonts_only:
            raise ReaderError(
                "the EPUB is DRM-protected (its text is encrypted); it cannot be read"
            )


def find_opf(archive: Archive) -> str:
    """The package file's path: from META-INF/container.xml, else the only .opf."""
    if archive.has("META-INF/container.xml"):
        root = archive.xml("META-INF/container.xml")
        for rootfile in descendants(root, "rootfile"):
            path = resolve("", rootfile.get("full-path", ""))
            if path and archive.has(path):
                return path
    opfs = [n for n in archive.names() if n.lower().endswith(".opf")]
    if len(opfs) >= 1:
        return sorted(opfs, key=len)[0]
    raise ReaderError("not a readable EPUB: it has no package (OPF) file")


def read_package(archive: Archive) -> Package:
    """The OPF's metadata, manifest, spine and table of contents."""
    opf_path = find_opf(archive)
    root = archive.xml(opf_path)
    if local(root.tag) != "package":
        raise ReaderError("not a readable EPUB: its package file is not an OPF package")
    metadata = next(iter(children(root, "metadata")), None)
    pkg = Package(opf_path, root.get("version", "2.0"), metadata)
    pkg.unique_id = root.get("unique-identifier", "")
    for manifest in children(root, "manifest"):
        for item in children(manifest, "item"):
            path = resolve(opf_path, item.get("href", ""))
            props = item.get("properties", "")
            pkg.manifest[item.get("id", "")] = (path, item.get("media-type", ""), props)
            if "nav" in props.split():
                pkg.nav_path = path
            if "cover-image" in props.split():
                pkg.cover_image = path
    ncx = ""
    for spine in children(root, "spine"):
        toc_id = spine.get("toc", "")
        ncx = pkg.manifest.get(toc_id, ("", "", ""))[0]
        for ref in children(spine, "itemref"):
            entry = pkg.manifest.get(ref.get("idref", ""))
            if entry and entry[0] and archive.has(entry[0]):
                pkg.spine.append((entry[0], ref.get("linear", "yes").lower() != "no"))
    for guide in children(root, "guide"):
        for ref in children(guide, "reference"):
            path = resolve(opf_path, ref.get("href", "")).split("#")[0]
            pkg.guide.setdefault(ref.get("type", "").lower(), path)
    if not pkg.spine:
        raise ReaderError("not a readable EPUB: its spine lists no documents")
    if not ncx:
        ncx = next((p for p, t, _ in pkg.manifest.values() if t == "application/x-dtbncx+xml"), "")
    pkg.toc = _nav_toc(archive, pkg.nav_path) if pkg.nav_path else []
    if not pkg.toc and ncx and archive.has(ncx):
        pkg.toc = _ncx_toc(archive, ncx)
    return pkg


def _nav_toc(archive: Archive, path: str) -> list[TocEntry]:
    """EPUB 3: the `<nav epub:type="toc">` list of the navigation document."""
    try:
        root = archive.xml(path)
    except ReaderError:
        return []
    navs = descendants(root, "nav")
    toc = [n for n in navs if "toc" in (n.get(f"{{{OPS_NS}}}type") or "").split()]
    if not toc:
        return []
    entries: list[TocEntry] = []

    def walk(ol: etree._Element, depth: int) -> None:
        for li in children(ol, "li"):
            link = next((c for c in li if local(c.tag) in ("a", "span")), None)
            if link is not None and link.get("href"):
                target = resolve(path, link.get("href", ""))
                if target:
                    entries.append(TocEntry(text(link), target, depth))
            for sub in children(li, "ol") + children(li, "ul"):
                walk(sub, depth + 1)

    for ol in children(toc[0], "ol") + children(toc[0], "ul"):
        walk(ol, 1)
    return entries


def _ncx_toc(archive: Archive, path: str) -> list[TocEntry]:
    """EPUB 2: the NCX `navMap`, nested navPoints at their depth."""
    try:
        root = archive.xml(path)
    except ReaderError:
        return []
    entries: list[TocEntry] = []

    def walk(parent: etree._Element, depth: int) -> None:
        for point in children(parent, "navpoint"):
            label = next(iter(descendants(point, "text")), None)
            content = next(iter(children(point, "content")), None)
            if label is not None and content is not None:
                target = resolve(path, content.get("src", ""))
                if target:
                    entries.append(TocEntry(text(label), target, depth))
            walk(point, depth + 1)

    for nav_map in children(root, "navmap"):
        walk(nav_map, 1)
    return entries
