"""Fetching a web page to import: `reader import https://...`.

`fetch(url)` GETs the URL with httpx: redirects followed (at most 10), a timeout for
connecting and for every read, at most `MAX_FETCH_BYTES` (32 MB, the import limit)
read, a user agent that names the program. It returns the final URL (after redirects),
the bytes, the media type and the charset the server sent. What can go wrong is one
`ReaderError` line: no such host, no connection, a timeout, too many redirects, an HTTP
error status (`404 Not Found`), a body over the limit, or content that is neither a web
page nor a PDF or EPUB file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.core.errors import ReaderError

MAX_FETCH_BYTES = 32 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
USER_AGENT = "reader/0.1 (a personal research library; +https://pypi.org/project/httpx/)"
# Media types we import, and the file ending the importer's dispatch knows them by.
MEDIA_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".xhtml",
    "application/xml": ".xhtml",
    "text/xml": ".xhtml",
    "application/pdf": ".pdf",
    "application/x-pdf": ".pdf",
    "application/epub+zip": ".epub",
}
_URL = re.compile(r"^https?://[^\s/?#]+", re.I)


def is_url(text: str) -> bool:
    """True for an http(s) URL given where a path could be."""
    return bool(_URL.match(text.strip()))


@dataclass(frozen=True)
class Fetched:
    """A response worth importing."""

    url: str  # the final URL, after redirects
    data: bytes
    media_type: str
    charset: str | None

    @property
    def suffix(self) -> str:
        """The file ending that tells the importer what the bytes are."""
        return MEDIA_SUFFIX.get(self.media_type) or _sniff_suffix(self.data)

    @property
    def name(self) -> str:
        """A file name for the fetched document (the URL's last path segment)."""
        path = unquote(urlsplit(self.url).path).rstrip("/")
        stem = re.sub(r"[^\w.\-]+", "-", path.rsplit("/", 1)[-1])[:80].strip(".-")
        stem = stem or re.sub(r"[^\w.\-]+", "-", urlsplit(self.url).hostname or "page")
        suffix = self.suffix
        return stem if stem.lower().endswith(suffix) else stem + suffix


def _sniff_suffix(data: bytes) -> str:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".epub"
    return ".html"


def _acceptable(media_type: str, data: bytes) -> bool:
    if media_type in MEDIA_SUFFIX:
        return True
    if media_type in ("", "application/octet-stream", "binary/octet-stream"):
        head = data[:2048].lstrip().lower()
        return head.startswith((b"%pdf-", b"pk\x03\x04", b"<!doctype html", b"<html"))
    return False


def fetch(url: str, *, timeout: float | None = None, limit: int | None = None) -> Fetched:
    """The page at `url`, or a one-line ReaderError."""
    import httpx

    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    limit = MAX_FETCH_BYTES if limit is None else limit
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=10,
                timeout=httpx.Timeout(timeout),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,"
                    "application/pdf,application/epub+zip;q=0.9,*/*;q=0.5",
                },
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise ReaderError(f"{url}: the server answered {response.status_code} {reason}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise ReaderError(
                    f"{url}: the page is {_size(int(declared))}; the import limit is {_size(limit)}"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ReaderError(f"{url}: the page is over {_size(limit)}, the import limit")
                chunks.append(chunk)
            final = str(response.url)
            content_type = response.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise ReaderError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except httpx.TooManyRedirects:
        raise ReaderError(f"{url}: too many redirects") from None
    except httpx.ConnectError as exc:
        raise ReaderError(f"{url}: cannot connect ({_reason(exc)})") from None
    except httpx.InvalidURL as exc:
        raise ReaderError(f"{url}: not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise ReaderError(f"{url}: the download failed ({_reason(exc)})") from None
    data = b"".join(chunks)
    media_type, charset = _content_type(content_type)
    if not _acceptable(media_type, data):
        raise ReaderError(
            f"{url}: not a web page, PDF or EPUB (the server says {media_type or 'nothing'})"
        )
    if not data.strip():
        raise ReaderError(f"{url}: the server sent an empty page")
    return Fetched(final, data, media_type, charset)


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__


def _content_type(value: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower() if parts else ""
    charset = None
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media, charset


def fetch_to_folder(url: str, folder: Path) -> Path:
    """Fetch `url` into `folder` as a file the importer reads like any other.

    A web page is written as UTF-8 with a byte order mark, decoded the way a browser
    would (a BOM, else the charset the server sent, else what the page declares, else
    detection), so the server's charset is not lost; PDF and EPUB bytes are written as
    they came. A sidecar `NAME.meta.toml` records the final URL as `source` (the command
    line's `--source` still wins)."""
    import tomli_w

    from reader.core.decode import decode_bytes

    fetched = fetch(url)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / fetched.name
    data = fetched.data
    if fetched.suffix in (".html", ".xhtml"):
        text = decode_bytes(data, transport=fetched.charset, name=fetched.url).text
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    path.write_bytes(data)
    sidecar = path.with_name(path.name + ".meta.toml")
    sidecar.write_text(tomli_w.dumps({"source": fetched.url}), encoding="utf-8")
    return path
