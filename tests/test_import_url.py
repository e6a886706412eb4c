"""`reader import https://...` against a local HTTP server on 127.0.0.1 (never the internet).

A page is fetched, cleaned as HTML and keeps its final URL (after redirects) as
`source`; the server's charset is honoured; a PDF response goes to the PDF reader; a
404, a non-HTML response, a body over the size limit and a server that never answers
each give one line, exit 1 and nothing written.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import fetch
from reader.core.document_parser import load_document
from reader.core.library import Library

FIXTURES = Path(__file__).parent / "fixtures"
MARX = (FIXTURES / "html" / "mia-marx-1871-civil-war-ch05.htm").read_bytes()
PDF = FIXTURES / "pdf-irs-2007-i1040nr-p3-4.pdf"
# The same page without its meta charset: only the server says it is ISO-8859-1.
UNDECLARED = MARX.replace(
    b'<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">', b""
)

RELEASE = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def send(self, code: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/marx/ch05.htm":
            self.send(200, MARX, "text/html")
        elif path == "/old":
            self.send(301, b"", "text/html", Location="/marx/ch05.htm")
        elif path == "/undeclared.html":
            self.send(200, UNDECLARED, "text/html; charset=ISO-8859-1")
        elif path == "/paper":
            self.send(200, PDF.read_bytes(), "application/pdf")
        elif path == "/picture.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif path == "/big.html":
            self.send(200, b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>", "text/html")
        elif path == "/empty.html":
            self.send(200, b"<html><head><title>t</title></head><body></body></html>", "text/html")
        elif path == "/slow":
            # Never answers: released when the module's tests end, long after the client
            # gave up and closed its end (so nothing is written to a closed socket).
            RELEASE.wait(60)
        else:
            self.send(404, b"<html><body>Not here</body></html>", "text/html")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        RELEASE.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    lib.texts_dir.mkdir(parents=True)
    return lib


def run(library: Library, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--library", str(library.root), "import", *args])
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def texts(library: Library) -> list[str]:
    return sorted(p.name for p in library.texts_dir.iterdir())


def test_a_page_is_fetched_cleaned_and_keeps_its_final_url(
    server: str, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(library, capsys, f"{server}/old", "--id", "commune")
    assert code == 0, err
    assert "kind: html" in out
    doc = load_document(library.text_path("commune"))
    assert doc.meta["source"] == f"{server}/marx/ch05.htm"
    assert doc.meta["title"] == "The Civil War in France"
    assert "cigarettes at Wilhelmsh\u00f6he,[L]" in doc.text


def test_the_servers_charset_is_honoured(
    server: str, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(library, capsys, f"{server}/undeclared.html", "--id", "u")
    assert code == 0, err
    assert "Wilhelmsh\u00f6he" in load_document(library.text_path("u")).text


def test_a_pdf_response_goes_to_the_pdf_reader(
    server: str, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(library, capsys, f"{server}/paper", "--id", "paper")
    assert code == 0, err
    assert "kind: pdf" in out
    assert load_document(library.text_path("paper")).meta["source"] == f"{server}/paper"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "the server answered 404 Not Found"),
        ("/picture.png", "not a web page, PDF or EPUB (the server says image/png)"),
        ("/big.html", "the page is 5,033 bytes; the import limit is 1,000 bytes"),
        ("/slow", "no answer within 0.5 s (timed out)"),
        ("/empty.html", "the HTML page has no body text"),
    ],
)
def test_bad_responses_give_one_line_and_write_nothing(
    server: str,
    library: Library,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    message: str,
) -> None:
    # Only the server that never answers meets the short timeout: on a busy machine a
    # quick answer can take longer than half a second.
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5 if path == "/slow" else 20.0)
    monkeypatch.setattr(fetch, "MAX_FETCH_BYTES", 1000)
    code, out, err = run(library, capsys, f"{server}{path}")
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err
    assert texts(library) == []


def test_no_server_at_all(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(library, capsys, "http://127.0.0.1:9/page.html")
    assert code == 1
    assert "cannot connect" in err and len(err.strip().splitlines()) == 1
    assert texts(library) == []
