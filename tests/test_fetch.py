"""scraper.fetch and scraper.charset against real HTTP servers on 127.0.0.1 (no mocked client)."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper.charset import choose_charset, decode_html, meta_charset
from scraper.errors import (
    FetchTimeout,
    HTTPStatusError,
    InvalidInput,
    NetworkError,
    NotHTML,
    RedirectError,
    TooLarge,
)
from scraper.fetch import (
    USER_AGENT,
    Page,
    Timeouts,
    fetch_page,
    fetch_page_sync,
    make_client,
    read_local_page,
)
from tests.conftest import RawRequest, RawServer, send_response

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Café talks</title></head>
<body><article><h1>Café talks</h1><p>“Quoted” text — with a dash and naïve accents.</p>
</article></body></html>"""

CYRILLIC = "Президент России заявил, что переговоры продолжатся на следующей неделе. " * 8


def fetch(url: str, **kw: object) -> Page:
    kw.setdefault("timeout", 5.0)
    return fetch_page_sync(url, **kw)  # type: ignore[arg-type]


# --- ordinary fetches ----------------------------------------------------------------------


def test_fetch_page_fields(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(
        PAGE.encode(),
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 20 May 2025 06:41:00 GMT"},
    )
    url = httpserver.url_for("/story")
    page = fetch(url)
    assert page.status == 200
    assert page.url == url and page.final_url == url
    assert page.content_type == "text/html"
    assert page.encoding == "utf-8"
    assert page.text == PAGE
    assert page.content == PAGE.encode()
    assert page.etag == '"v1"'
    assert page.last_modified == "Tue, 20 May 2025 06:41:00 GMT"
    assert page.headers["etag"] == '"v1"'
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("scrape/") and "(+https://" in USER_AGENT
    assert "gzip" in request.headers["Accept-Encoding"]


def test_custom_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ua", headers={"User-Agent": "probe/1.0"}).respond_with_data(
        PAGE, content_type="text/html"
    )
    assert fetch(httpserver.url_for("/ua"), user_agent="probe/1.0").status == 200


def test_shared_client_many_urls(httpserver: HTTPServer) -> None:
    for i in range(20):
        httpserver.expect_request(f"/s/{i}").respond_with_data(
            PAGE.replace("Café talks", f"Story {i}"), content_type="text/html"
        )

    async def run() -> list[Page]:
        async with make_client(timeout=5) as client:
            urls = [httpserver.url_for(f"/s/{i}") for i in range(20)]
            return await asyncio.gather(
                *(fetch_page(client, u, max_bytes=100_000, timeout=5) for u in urls)
            )

    pages = asyncio.run(run())
    assert [f"<title>Story {i}</title>" in p.text for i, p in enumerate(pages)] == [True] * 20


# --- redirects -------------------------------------------------------------------------------


def test_redirect_chain_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/c")}
    )
    httpserver.expect_request("/c").respond_with_data("", status=308, headers={"Location": "d"})
    httpserver.expect_request("/d").respond_with_data(PAGE, content_type="text/html")
    page = fetch(httpserver.url_for("/a"))
    assert page.status == 200
    assert page.url == httpserver.url_for("/a")
    assert page.final_url == httpserver.url_for("/d")
    assert "Café talks" in page.text


@pytest.mark.parametrize(
    "target", ["ftp://127.0.0.1/file.html", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_redirect_to_non_http_scheme_refused(httpserver: HTTPServer, target: str) -> None:
    httpserver.expect_request("/r").respond_with_data("", status=302, headers={"Location": target})
    with pytest.raises(RedirectError, match="non-HTTP"):
        fetch(httpserver.url_for("/r"))


def test_redirect_loop_detected(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("", status=302, headers={"Location": "/y"})
    httpserver.expect_request("/y").respond_with_data("", status=302, headers={"Location": "/x"})
    started = time.monotonic()
    with pytest.raises(RedirectError, match="redirect loop") as info:
        fetch(httpserver.url_for("/x"))
    assert isinstance(info.value, NetworkError) and info.value.kind == "network"
    assert info.value.exit_code == 3
    assert time.monotonic() - started < 3
    assert len(httpserver.log) == 2


def test_too_many_redirects(httpserver: HTTPServer) -> None:
    for i in range(15):
        httpserver.expect_request(f"/hop{i}").respond_with_data(
            "", status=301, headers={"Location": f"/hop{i + 1}"}
        )
    with pytest.raises(RedirectError, match="too many redirects"):
        fetch(httpserver.url_for("/hop0"))
    assert len(httpserver.log) == 11  # the first request plus ten redirects


# --- encodings -------------------------------------------------------------------------------


def test_wrong_header_charset_does_not_make_mojibake(httpserver: HTTPServer) -> None:
    # The server claims latin-1, the page is UTF-8 and says so in <meta>.
    httpserver.expect_request("/wrong").respond_with_data(
        PAGE.encode("utf-8"), content_type="text/html; charset=iso-8859-1"
    )
    page = fetch(httpserver.url_for("/wrong"))
    assert page.encoding == "utf-8"
    assert "“Quoted” text — with a dash and naïve accents." in page.text
    assert "Ã" not in page.text and "â€" not in page.text


def test_windows_1251_declared_only_by_meta(httpserver: HTTPServer) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Новости</title></head><body><p>{CYRILLIC}</p></body></html>"
    )
    httpserver.expect_request("/ru").respond_with_data(
        html.encode("cp1251"), content_type="text/html"
    )
    page = fetch(httpserver.url_for("/ru"))
    assert page.encoding == "cp1251"
    assert "<title>Новости</title>" in page.text
    assert CYRILLIC in page.text


def test_undeclared_legacy_charset_is_detected(httpserver: HTTPServer) -> None:
    html = f"<html><head><title>Новости</title></head><body><p>{CYRILLIC}</p></body></html>"
    httpserver.expect_request("/guess").respond_with_data(
        html.encode("cp1251"), content_type="text/html"
    )
    page = fetch(httpserver.url_for("/guess"))
    assert CYRILLIC in page.text


def test_correct_header_charset_is_used(httpserver: HTTPServer) -> None:
    html = f"<html><head><title>Новости</title></head><body><p>{CYRILLIC}</p></body></html>"
    httpserver.expect_request("/hdr").respond_with_data(
        html.encode("koi8-r"), content_type="text/html; charset=KOI8-R"
    )
    page = fetch(httpserver.url_for("/hdr"))
    assert page.encoding == "koi8-r"
    assert CYRILLIC in page.text


@pytest.mark.parametrize(
    ("content", "header", "expected"),
    [
        # BOM beats a contradicting header
        ("\ufeff<p>é</p>".encode(), "windows-1252", "utf-8"),
        ("<p>é</p>".encode("utf-16"), "iso-8859-1", "utf-16-le"),
        # header beats meta when both are plausible single-byte charsets
        ('<meta charset="windows-1252"><p>Привет</p>'.encode("cp1251"), "windows-1251", "cp1251"),
        # header that cannot decode the bytes falls back to meta
        ('<meta charset="windows-1252"><p>café “q”</p>'.encode("cp1252"), "utf-8", "cp1252"),
        # latin-1 header on valid UTF-8 with non-ASCII: UTF-8
        ("<p>naïve “quotes”</p>".encode(), "iso-8859-1", "utf-8"),
        # unknown header charset is ignored
        ('<meta charset="utf-8"><p>é</p>'.encode(), "x-no-such-charset", "utf-8"),
        # meta utf-16 on ASCII-compatible bytes means utf-8 (WHATWG)
        ('<meta charset="utf-16"><p>é</p>'.encode(), None, "utf-8"),
        # nothing declared, plain ASCII
        (b"<p>hello</p>", None, "utf-8"),
    ],
)
def test_charset_precedence(content: bytes, header: str | None, expected: str) -> None:
    assert choose_charset(content, header) == expected


def test_meta_charset_forms() -> None:
    assert meta_charset(b'<meta charset="UTF-8">') == "utf-8"
    assert meta_charset(b"<meta charset=iso-8859-1>") == "cp1252"
    assert (
        meta_charset(b'<meta content="text/html; charset=windows-1251" http-equiv="Content-Type">')
        == "cp1251"
    )
    assert meta_charset(b'<?xml version="1.0" encoding="ISO-8859-2"?><html>') == "iso8859-2"
    assert meta_charset(b"<p>charset=utf-8 in text is not a declaration</p>") is None


def test_decode_html_strips_bom_and_never_raises() -> None:
    text, codec = decode_html(b"\xef\xbb\xbf<p>x</p>")
    assert (text, codec) == ("<p>x</p>", "utf-8")
    text, _ = decode_html(b'<meta charset="utf-8"><p>\xff\xfe broken</p>', "utf-8")
    assert "broken" in text


# --- compression -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress)],
)
def test_compressed_body(httpserver: HTTPServer, encoding: str, compress: object) -> None:
    body = (PAGE * 50).encode()
    packed = compress(body)  # type: ignore[operator]
    assert len(packed) < len(body) // 5
    httpserver.expect_request("/z").respond_with_data(
        packed, content_type="text/html; charset=utf-8", headers={"Content-Encoding": encoding}
    )
    page = fetch(httpserver.url_for("/z"))
    assert page.content == body
    assert page.text.count("Café talks") == 100


def test_size_cap_applies_to_decompressed_bytes(httpserver: HTTPServer) -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000)
    assert len(bomb) < 10_000
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(TooLarge):
        fetch(httpserver.url_for("/bomb"), max_bytes=1_000_000)


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_error_status(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/e").respond_with_data(
        "<html><body>nope</body></html>",
        status=status,
        content_type="text/html",
        headers={"Retry-After": "7"},
    )
    with pytest.raises(HTTPStatusError) as info:
        fetch(httpserver.url_for("/e"))
    assert info.value.status == status
    assert info.value.exit_code == 4
    assert str(status) in info.value.message
    assert info.value.headers["retry-after"] == "7"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.7\n..."),
        ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("application/json", b'{"story": {"headline": "x"}}'),
        ("text/html", b"%PDF-1.4 a PDF sent as text/html"),
        ("", b"%PDF-1.4 no content type"),
        ("application/octet-stream", b'{"not": "html"}'),
        ("text/plain", b"just some words, no markup"),
    ],
)
def test_not_html(httpserver: HTTPServer, content_type: str, body: bytes) -> None:
    httpserver.expect_request("/f").respond_with_response(
        Response(body, headers={"Content-Type": content_type} if content_type else {})
    )
    with pytest.raises(NotHTML) as info:
        fetch(httpserver.url_for("/f"))
    assert info.value.exit_code == 5


def test_html_without_content_type_is_accepted(httpserver: HTTPServer) -> None:
    response = Response(PAGE.encode())
    del response.headers["Content-Type"]
    httpserver.expect_request("/nct").respond_with_response(response)
    page = fetch(httpserver.url_for("/nct"))
    assert "Café talks" in page.text


def test_oversized_with_content_length(raw_server: RawServer) -> None:
    sent: list[int] = []

    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000000\r\n\r\n"
        )
        chunk = b"<p>" + b"x" * 65533
        for _ in range(50):  # would be 3 MB; the client must give up at once
            try:
                conn.sendall(chunk)
            except OSError:
                break
            sent.append(len(chunk))

    url = raw_server.route("/big", handler)
    with pytest.raises(TooLarge, match="50000000 bytes") as info:
        fetch(url, max_bytes=1_000_000)
    assert info.value.exit_code == 7


def test_oversized_without_content_length(raw_server: RawServer) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        conn.sendall(b"<html><body>")
        for _ in range(10_000):  # endless, ~650 MB: must be cut off at the cap
            conn.sendall(b"<p>" + b"y" * 65533)

    url = raw_server.route("/endless", handler)
    started = time.monotonic()
    with pytest.raises(TooLarge, match="over the limit of 200000 bytes"):
        fetch(url, max_bytes=200_000)
    assert time.monotonic() - started < 5


def test_slow_headers_time_out(raw_server: RawServer) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        time.sleep(3)
        send_response(conn, 200, PAGE.encode())

    url = raw_server.route("/slow", handler)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch(url, timeout=0.5)
    assert info.value.exit_code == 8
    assert time.monotonic() - started < 2


def test_trickling_body_hits_total_deadline(raw_server: RawServer) -> None:
    # Each byte arrives well within the read timeout, but the whole body never ends in time.
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(1000):
            conn.sendall(b"x")
            time.sleep(0.05)

    url = raw_server.route("/trickle", handler)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(url, timeout=Timeouts(connect=1, read=1, total=1.0))
    assert time.monotonic() - started < 2.5


def test_connection_refused(refused_url: str) -> None:
    with pytest.raises(NetworkError) as info:
        fetch(refused_url)
    assert info.value.exit_code == 3


def test_reset_mid_body(raw_server: RawServer) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n")
        conn.sendall(b"<html><body><p>half a page")
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()

    url = raw_server.route("/reset", handler)
    with pytest.raises(NetworkError, match="mid-body"):
        fetch(url)


def test_conditional_request_304(httpserver: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(PAGE, content_type="text/html", headers={"ETag": '"v1"'})

    httpserver.expect_request("/cond").respond_with_handler(handler)
    url = httpserver.url_for("/cond")
    first = fetch(url)
    assert first.status == 200 and first.etag == '"v1"'
    again = fetch(url, conditional={"If-None-Match": first.etag or ""})
    assert again.status == 304 and again.not_modified
    assert again.content == b"" and again.etag == '"v1"'


def test_304_without_conditional_headers_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/304").respond_with_data("", status=304)
    with pytest.raises(HTTPStatusError):
        fetch(httpserver.url_for("/304"))


def test_timeouts_coerce() -> None:
    assert Timeouts.coerce(5) == Timeouts(connect=5, read=5, total=5)
    assert Timeouts.coerce(60).connect == 10
    with pytest.raises(ValueError):
        Timeouts.coerce(0)


# --- local files -----------------------------------------------------------------------------


def test_read_local_page(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_bytes(PAGE.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    page = read_local_page(path)
    assert page.encoding == "cp1252"
    assert "“Quoted” text — with a dash" in page.text
    assert page.url == path.resolve().as_uri() == page.final_url
    assert page.status == 200


def test_read_local_page_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        read_local_page(tmp_path / "missing.html")
    big = tmp_path / "big.html"
    big.write_bytes(b"<html>" + b" " * 2000)
    with pytest.raises(TooLarge):
        read_local_page(big, max_bytes=1000)
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.5 ...")
    with pytest.raises(NotHTML):
        read_local_page(pdf)


def test_html_markers_found_late_in_a_mislabelled_body(httpserver: HTTPServer) -> None:
    body = b"<!-- " + b"padding " * 1500 + b"-->\n" + PAGE.encode()
    httpserver.expect_request("/late").respond_with_data(body, content_type="text/plain")
    assert "Café talks" in fetch(httpserver.url_for("/late")).text


# --- the library API ---------------------------------------------------------------------------


def test_library_scrape_over_http(httpserver: HTTPServer) -> None:
    from scraper import scrape

    sample = Path(__file__).parent.parent / "samples/interbellumnews/putin-trump-call.html"
    httpserver.expect_request("/story").respond_with_data(
        sample.read_bytes(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/story")
    article = scrape(url, timeout=5, user_agent="lib-test/1.0")
    assert article.url == url
    assert article.title and article.title.startswith("Putin Hails ‘Very Useful’")
    assert article.lead_image is not None and article.lead_image.credit == "Kremlin.ru"
    assert httpserver.log[0][0].headers["User-Agent"] == "lib-test/1.0"


def test_library_scrape_errors(httpserver: HTTPServer, tmp_path: Path) -> None:
    from scraper import scrape
    from scraper.errors import NotArticle

    httpserver.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(NotHTML):
        scrape(httpserver.url_for("/pdf"))
    listing = tmp_path / "listing.html"
    listing.write_text("<html><head><title>World</title></head><body><ul><li>x</li></ul></body>")
    with pytest.raises(NotArticle):
        scrape(str(listing))
    with pytest.raises(InvalidInput):
        scrape("gopher://example.org/")
    with pytest.raises(InvalidInput, match="base URL"):
        scrape(str(listing), base_url="not-a-url")


@pytest.mark.parametrize(
    ("arg", "kind"),
    [
        ("https://interbellumnews.com/world/x", "url"),
        ("HTTP://Example.org/a?b=1", "url"),
        (" https://example.org/padded ", "url"),
    ],
)
def test_resolve_input_urls(arg: str, kind: str) -> None:
    from scraper.api import resolve_input

    source = resolve_input(arg)
    assert source.kind == kind and source.location == arg.strip()


def test_resolve_input_files(tmp_path: Path) -> None:
    from scraper.api import resolve_input

    page = tmp_path / "a page é.html"
    page.write_text(PAGE, encoding="utf-8")
    assert resolve_input(str(page)).location == str(page)
    assert resolve_input(page.as_uri()).location == str(page)
    assert resolve_input(page.as_uri()).kind == "file"


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("ftp://example.org/x", "unsupported URL scheme 'ftp'"),
        ("http://", "no host"),
        ("http://exa mple.org/", "whitespace"),
        ("http://example.org:99999/", "not a valid URL"),
        ("file://otherhost/etc/x.html", "local file"),
        ("", "empty"),
        ("/no/such/page.html", "no such file"),
        ("example.org/story", "http:// or https://"),
    ],
)
def test_resolve_input_rejects(arg: str, message: str) -> None:
    from scraper.api import resolve_input

    with pytest.raises(InvalidInput, match=message) as info:
        resolve_input(arg)
    assert info.value.exit_code == 2


def test_any_content_type_mode_returns_raw_bytes_under_the_same_cap(httpserver: HTTPServer) -> None:
    """html_only=False (sitemaps, feeds): XML comes back as bytes with the extra Accept header
    sent, and the streamed size cap still applies."""
    xml = b'<?xml version="1.0"?><urlset><url><loc>https://e.org/a</loc></url></urlset>'
    httpserver.expect_request("/s.xml", headers={"Accept": "application/xml"}).respond_with_data(
        xml, content_type="application/xml"
    )
    httpserver.expect_request("/big.xml").respond_with_data(
        b"<x>" * 50_000, content_type="text/xml"
    )

    async def get(path: str, max_bytes: int) -> Page:
        async with make_client(timeout=5) as client:
            return await fetch_page(
                client,
                httpserver.url_for(path),
                max_bytes=max_bytes,
                timeout=5,
                html_only=False,
                headers={"Accept": "application/xml"},
            )

    page = asyncio.run(get("/s.xml", 10_000))
    assert page.content == xml and page.text == "" and page.content_type == "application/xml"
    with pytest.raises(TooLarge):
        asyncio.run(get("/big.xml", 10_000))
    httpserver.expect_request("/plain.xml").respond_with_data(xml, content_type="application/xml")
    with pytest.raises(NotHTML):  # the default mode still refuses it
        fetch(httpserver.url_for("/plain.xml"))


def test_truncate_keeps_the_first_max_bytes_of_a_longer_body(httpserver: HTTPServer) -> None:
    """truncate=True (robots.txt): a body over the cap, declared or not, is cut at the cap."""
    body = b"".join(b"line %06d\n" % i for i in range(20_000))  # 240 KB
    httpserver.expect_request("/robots.txt").respond_with_data(body, content_type="text/plain")

    async def get() -> Page:
        async with make_client(timeout=5) as client:
            return await fetch_page(
                client,
                httpserver.url_for("/robots.txt"),
                max_bytes=100_000,
                timeout=5,
                html_only=False,
                truncate=True,
            )

    page = asyncio.run(get())
    assert page.content == body[:100_000]


# --- cookies -------------------------------------------------------------------------------


def test_a_cookie_set_on_a_redirect_goes_with_the_next_request(httpserver: HTTPServer) -> None:
    """A consent gate: without the cookie the page redirects to itself (a loop). The shared
    client keeps the cookie, even though it only parses responses that set one."""

    def gate(request: Request) -> Response:
        if request.cookies.get("consent") == "yes":
            return Response(PAGE, content_type="text/html; charset=utf-8")
        response = Response("", status=302, headers={"Location": "/gate"})
        response.set_cookie("consent", "yes", path="/")
        return response

    httpserver.expect_request("/gate").respond_with_handler(gate)
    httpserver.expect_request("/plain").respond_with_data(PAGE, content_type="text/html")

    async def run() -> tuple[Page, Page, dict[str, str]]:
        async with make_client(timeout=5) as client:
            plain = await fetch_page(client, httpserver.url_for("/plain"), timeout=5)
            gated = await fetch_page(client, httpserver.url_for("/gate"), timeout=5)
            return plain, gated, dict(client.cookies)

    plain, gated, cookies = asyncio.run(run())
    assert plain.status == 200 and gated.status == 200
    assert gated.text == PAGE
    assert cookies == {"consent": "yes"}
    gate_requests = [r for r, _ in httpserver.log if r.path == "/gate"]
    assert len(gate_requests) == 2
    assert "consent=yes" in gate_requests[1].headers.get("Cookie", "")


def test_a_gate_that_sets_a_cookie_and_never_lets_go_ends_at_the_redirect_limit(
    httpserver: HTTPServer,
) -> None:
    def gate(request: Request) -> Response:
        response = Response("", status=302, headers={"Location": "/stuck"})
        response.set_cookie("visit", str(len(request.cookies.get("visit", "")) + 1), path="/")
        return response

    httpserver.expect_request("/stuck").respond_with_handler(gate)
    with pytest.raises(NetworkError, match="too many redirects"):
        fetch(httpserver.url_for("/stuck"))
    assert len([r for r, _ in httpserver.log if r.path == "/stuck"]) == 11


# --- decoding: the UTF-8 fast path picks what the full precedence picks ------------------------


_PIECES = [
    b"<meta charset='windows-1252'>", b"<meta charset=utf-8>", b"caf\xc3\xa9 ", b"caf\xe9 ",
    b"\xef\xbb\xbf", b"\xff\xfe", b"plain ascii ", b"\xe2\x80\x9cq\xe2\x80\x9d", b"\x00",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=8),
    st.sampled_from(["utf-8", "UTF8", "utf-8 ", "latin-1", None]),
)
def test_decode_html_matches_the_full_charset_precedence(
    pieces: list[bytes], header: str | None
) -> None:
    content = b"".join(pieces)
    codec = choose_charset(content, header)
    text, used = decode_html(content, header)
    assert used == codec
    if codec == "utf-8":
        body = content.removeprefix(b"\xef\xbb\xbf")
        try:
            expected = body.decode("utf-8")
        except UnicodeDecodeError:
            expected = None  # stray bytes are read as windows-1252: checked elsewhere
        if expected is not None:
            assert text == expected


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Le café était très bon. Où est la gare ? À bientôt, élève naïf, déjà vu, garçon.",
            "latin-1",
        ),
        (
            "Müller sagt, dass die Straße über die Brücke führt. Größe und Übermut sind schön.",
            "latin-1",
        ),
        ("El niño comió jamón en España. ¿Dónde está? ¡Qué día más bonito, señor!", "cp1252"),
        ("Zażółć gęślą jaźń. Łódź jest piękna, źródło wiedzy.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásná.", "cp1250"),
        ("Президент России заявил, что переговоры продолжатся на следующей неделе.", "cp1251"),
    ],
)
def test_an_undeclared_legacy_page_reads_right(text: str, codec: str) -> None:
    """No BOM, no header, no meta: Western pages come out as windows-1252 reads them (the web's
    default; a French page was read as Baltic cp1257 before), others as detected."""
    page = f"<html><head><title>x</title></head><body><p>{text}</p></body></html>"
    decoded, _ = decode_html(page.encode(codec))
    assert decoded == page
