"""The ``scrape`` command end to end, as a subprocess, against real servers on 127.0.0.1."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import ROOT, SAMPLES, CLIResult, RawRequest, RawServer, run_scrape

Run = Callable[..., CLIResult]

SITE = SAMPLES / "interbellumnews"
SEED = SITE / "putin-trump-call.html"
SEED_GOLDEN = SITE / "putin-trump-call.json"
STORY_PATH = "/world/putin-hails-very-useful-two-hour-call-with-trump-on-ukraine-peace-talks"


SIMPLE_ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after storm</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Tuesday after a week of repairs, officials said in a statement
that was read out at the quay. Read <a href="/local/storm-damage">the damage report</a>.</p>
<p>Fishermen returned to their boats at dawn, and the ferry to the islands resumed its usual
timetable, with extra sailings planned for the weekend to clear the backlog of travellers.</p>
<p>Repairs to the breakwater will continue until spring, the port authority said, but they
will not affect traffic in and out of the harbour during the day.</p>
</article></body></html>"""

LISTING = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>World</title></head>
<body><nav><a href="/">Home</a></nav><h1>World</h1><ul>
<li><a href="/world/a">Story A</a></li><li><a href="/world/b">Story B</a></li></ul></body></html>"""


def golden() -> dict[str, object]:
    return json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))


def serve_seed(httpserver: HTTPServer, path: str = STORY_PATH, **kw: object) -> str:
    httpserver.expect_request(path).respond_with_data(
        kw.pop("body", SEED.read_bytes()),  # type: ignore[arg-type]
        content_type=kw.pop("content_type", "text/html; charset=utf-8"),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )
    return httpserver.url_for(path)


def assert_one_error_line(result: CLIResult, code: int, *fragments: str) -> str:
    """Exit code, empty stdout, exactly one 'scrape: ...' line on stderr, no traceback."""
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert len(result.stderr_lines) == 1, result.stderr
    line = result.stderr_lines[0]
    assert line.startswith("scrape: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in line
    return line


def assert_seed_article(data: dict[str, object]) -> None:
    expected = golden()
    for key in ("title", "subtitle", "authors", "body_text", "related", "published_at"):
        assert data[key] == expected[key], key
    assert data["lead_image"]["credit"] == "Kremlin.ru"  # type: ignore[index]
    assert "Kremlin.ru" not in data["authors"]  # type: ignore[operator]
    assert len(data["related"]) == 3  # type: ignore[arg-type]


# --- help, start-up ----------------------------------------------------------------------------


def test_help_documents_every_exit_code(scrape_cli: Run) -> None:
    result = scrape_cli("--help")
    assert result.returncode == 0
    assert "Usage: scrape" in result.stdout
    assert "Exit codes:" in result.stdout
    codes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 130]
    for code in codes:
        assert f"\n    {code} " in result.stdout, code
    for option in ("--format", "--output-dir", "--concurrency", "--sitemap", "--since", "--list"):
        assert option in result.stdout
    assert result.stderr == ""


def test_help_imports_nothing_heavy() -> None:
    """Start-up stays light: the CLI module pulls in no parser or HTTP stack. (How fast --help
    is, is measured by bench/startup.py, not asserted here.)"""
    code = (
        "import sys; import scraper.cli; "
        "print(sorted(m for m in ('httpx', 'bs4', 'lxml', 'rich', 'charset_normalizer') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    assert out[0] == "[]"
    help_run = run_scrape("--help")
    assert help_run.returncode == 0 and "Usage" in help_run.stdout


def test_version(scrape_cli: Run) -> None:
    result = scrape_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("scrape ")


# --- single mode: success ----------------------------------------------------------------------


def test_json_to_stdout_from_server(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(httpserver)
    result = scrape_cli(url)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["url"] == url
    assert data["canonical_url"] == golden()["canonical_url"]
    assert_seed_article(data)
    assert result.stdout.startswith('{\n  "schema_version"')  # indent 2
    assert "‘Very Useful’" in result.stdout  # ensure_ascii=False
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("scrape/")


def test_markdown_format(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(httpserver)
    result = scrape_cli("--format", "md", url)
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("---\n")
    assert f"\n# {golden()['title']}\n" in md
    assert "\n## Related\n" in md
    assert "credit" in md and "Kremlin.ru" in md
    expected = [
        f'url: "{url}"' if line.startswith("url: ") else line
        for line in (SITE / "putin-trump-call.md").read_text(encoding="utf-8").split("\n")
    ]
    assert md.split("\n") == expected


def test_output_file(httpserver: HTTPServer, scrape_cli: Run, tmp_path: Path) -> None:
    url = serve_seed(httpserver)
    target = tmp_path / "story.json"
    result = scrape_cli(url, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert_seed_article(json.loads(target.read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]  # no temporary left behind


def test_output_file_unwritable(scrape_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "story.json"
    result = scrape_cli(str(SEED), "-o", str(target))
    assert_one_error_line(result, 11, str(target), "cannot write")


def test_local_path(scrape_cli: Run) -> None:
    result = scrape_cli("samples/interbellumnews/putin-trump-call.html")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert_seed_article(data)
    assert data["url"] == SEED.resolve().as_uri()


def test_file_url(scrape_cli: Run, tmp_path: Path) -> None:
    result = scrape_cli(SEED.resolve().as_uri(), "-f", "md")
    assert result.returncode == 0, result.stderr
    assert f"# {golden()['title']}" in result.stdout


def test_base_url_resolves_links_without_canonical(scrape_cli: Run, tmp_path: Path) -> None:
    page = tmp_path / "saved page.html"
    page.write_text(SIMPLE_ARTICLE, encoding="utf-8")
    result = scrape_cli(str(page), "--base-url", "https://example.org/news/today")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Harbour reopens after storm"
    assert "[the damage report](https://example.org/local/storm-damage)" in data["body_markdown"]
    without = json.loads(scrape_cli(str(page)).stdout)
    assert "https://example.org" not in without["body_markdown"]


def test_redirect_then_article(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(httpserver)
    httpserver.expect_request("/s/123").respond_with_data(
        "", status=301, headers={"Location": STORY_PATH}
    )
    result = scrape_cli(httpserver.url_for("/s/123"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == httpserver.url_for("/s/123")
    assert_seed_article(data)
    assert len(httpserver.log) == 2 and url.endswith(STORY_PATH)


def test_wrong_charset_header(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(httpserver, content_type="text/html; charset=iso-8859-1")
    result = scrape_cli(url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (
        data["title"] == "Putin Hails ‘Very Useful’ Two-Hour Call With Trump on Ukraine Peace Talks"
    )
    assert_seed_article(data)


def test_windows_1251_page_declared_by_meta(httpserver: HTTPServer, scrape_cli: Run) -> None:
    html = (
        SIMPLE_ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
        .replace("Harbour reopens after storm", "Гавань снова открыта после шторма")
        .replace("Fishermen returned", "Рыбаки вернулись — Fishermen returned")
    )
    httpserver.expect_request("/ru").respond_with_data(
        html.encode("cp1251"), content_type="text/html"
    )
    result = scrape_cli(httpserver.url_for("/ru"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Гавань снова открыта после шторма"
    assert "Рыбаки вернулись — Fishermen returned" in data["body_text"]


def test_gzip_encoded_page(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(
        httpserver, body=gzip.compress(SEED.read_bytes()), headers={"Content-Encoding": "gzip"}
    )
    result = scrape_cli(url)
    assert result.returncode == 0, result.stderr
    assert_seed_article(json.loads(result.stdout))


# --- single mode: not an article -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["section-world.html", "not-found.html"])
def test_not_an_article_sample(httpserver: HTTPServer, scrape_cli: Run, name: str) -> None:
    sample = SITE / name
    httpserver.expect_request(f"/{name}").respond_with_data(
        sample.read_bytes(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for(f"/{name}")
    assert_one_error_line(scrape_cli(url), 6, url, "not")
    rel = f"samples/interbellumnews/{name}"
    assert_one_error_line(scrape_cli(rel), 6, f"scrape: {rel}: ")


def test_generic_listing_is_not_an_article(scrape_cli: Run, tmp_path: Path) -> None:
    local = tmp_path / "listing.html"
    local.write_text(LISTING, encoding="utf-8")
    assert_one_error_line(scrape_cli(str(local)), 6, str(local))


# --- single mode: fetch errors -------------------------------------------------------------------


def test_http_404(httpserver: HTTPServer, scrape_cli: Run) -> None:
    httpserver.expect_request("/gone").respond_with_data(
        "<html><body><h1>Not found</h1></body></html>", status=404, content_type="text/html"
    )
    url = httpserver.url_for("/gone")
    line = assert_one_error_line(scrape_cli(url), 4, url, "404")
    assert line == f"scrape: {url}: HTTP 404 NOT FOUND"


def test_http_500(httpserver: HTTPServer, scrape_cli: Run) -> None:
    httpserver.expect_request("/boom").respond_with_data("oops", status=500)
    assert_one_error_line(scrape_cli(httpserver.url_for("/boom")), 4, "500")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("application/json", b'{"headline": "not a page"}'),
    ],
)
def test_not_html(httpserver: HTTPServer, scrape_cli: Run, content_type: str, body: bytes) -> None:
    httpserver.expect_request("/doc").respond_with_response(
        Response(body, headers={"Content-Type": content_type})
    )
    assert_one_error_line(scrape_cli(httpserver.url_for("/doc")), 5, content_type)


def test_oversized_with_content_length(raw_server: RawServer, scrape_cli: Run) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 900000\r\n\r\n"
        )
        conn.sendall(b"<html><body>" + b"x" * 899988)

    url = raw_server.route("/big", handler)
    assert_one_error_line(scrape_cli(url, "--max-bytes", "100K"), 7, "102400")


def test_oversized_without_content_length(raw_server: RawServer, scrape_cli: Run) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        conn.sendall(b"<html><body>")
        for _ in range(1000):
            conn.sendall(b"<p>" + b"z" * 8189)

    url = raw_server.route("/stream", handler)
    assert_one_error_line(scrape_cli(url, "--max-bytes", "100000"), 7, "100000")


def test_slow_server_times_out(raw_server: RawServer, scrape_cli: Run) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        time.sleep(4)

    url = raw_server.route("/slow", handler)
    result = scrape_cli(url, "--timeout", "0.5")
    assert_one_error_line(result, 8, url, "timed out")
    assert result.elapsed < 3.5


def test_connection_refused(refused_url: str, scrape_cli: Run) -> None:
    assert_one_error_line(scrape_cli(refused_url), 3, refused_url)


def test_redirect_loop(httpserver: HTTPServer, scrape_cli: Run) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    assert_one_error_line(scrape_cli(httpserver.url_for("/a")), 3, "redirect loop")


def test_redirect_to_ftp(httpserver: HTTPServer, scrape_cli: Run) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "ftp://files.example/x.html"}
    )
    assert_one_error_line(scrape_cli(httpserver.url_for("/a")), 3, "ftp://files.example/x.html")


def test_debug_adds_traceback(httpserver: HTTPServer, scrape_cli: Run) -> None:
    httpserver.expect_request("/gone").respond_with_data("x", status=404)
    result = scrape_cli("--debug", httpserver.url_for("/gone"))
    assert result.returncode == 4
    assert "Traceback (most recent call last)" in result.stderr
    assert "HTTPStatusError" in result.stderr
    assert result.stderr_lines[-1].startswith("scrape: http://")


def test_interrupt_exits_130(raw_server: RawServer) -> None:
    def handler(conn: socket.socket, _req: RawRequest) -> None:
        time.sleep(5)

    url = raw_server.route("/hang", handler)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", url, "--timeout", "20"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 10
    while not raw_server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert raw_server.requests, "the CLI never connected"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert out == ""
    assert err.strip() == "scrape: interrupted"


def test_closed_stdout_pipe_is_quiet(tmp_path: Path) -> None:
    paragraphs = "\n".join(
        f"<p>Paragraph number {i} of a very long story, with enough words to matter.</p>"
        for i in range(3000)
    )
    page = tmp_path / "long.html"
    page.write_text(
        SIMPLE_ARTICLE.replace("</article>", paragraphs + "</article>"), encoding="utf-8"
    )
    # A small pipe, so that the 1 MB of JSON cannot fit before the reader closes its end.
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", str(page)],
        cwd=ROOT,
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    first = os.read(read_end, 100)
    os.close(read_end)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert first.startswith(b"{")
    assert err == ""
    assert proc.returncode == 0


def test_large_output_is_written_completely(tmp_path: Path) -> None:
    paragraphs = "\n".join(f"<p>Paragraph {i} of a long story with words.</p>" for i in range(3000))
    page = tmp_path / "long.html"
    page.write_text(
        SIMPLE_ARTICLE.replace("</article>", paragraphs + "</article>"), encoding="utf-8"
    )
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", str(page)], cwd=ROOT, stdout=write_end
    )
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 1000):
        chunks.append(chunk)
    os.close(read_end)
    assert proc.wait(timeout=30) == 0
    data = json.loads(b"".join(chunks))
    assert data["body_text"].endswith("Paragraph 2999 of a long story with words.")


# --- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["ftp://example.com/story"], "unsupported URL scheme 'ftp'"),
        (["http://"], "no host"),
        (["https:///path-only"], "no host"),
        (["no/such/file.html"], "no such file"),
        (["interbellumnews.com/world/x"], "http:// or https://"),
        (["samples"], "directory"),
        (["--format", "xml", "x.html"], "--format"),
        (["--timeout", "0", "x.html"], "--timeout"),
        (["--timeout", "abc", "x.html"], "--timeout"),
        (["--max-bytes", "lots", "x.html"], "--max-bytes"),
        (["--concurrency", "0", "a", "b"], "--concurrency"),
        (["--base-url", "not a url", "x.html"], "--base-url"),
        (["--section", "World", "x.html"], "--section"),
        (["--list", "x.html"], "--list"),
        (["--no-such-option"], "--no-such-option"),
        ([], "no input"),
    ],
)
def test_usage_errors(scrape_cli: Run, args: list[str], fragment: str) -> None:
    assert_one_error_line(scrape_cli(*args), 2, fragment)


# --- dispatch to batch and discovery -------------------------------------------------------------


def test_several_urls_go_to_batch_jsonl(httpserver: HTTPServer, scrape_cli: Run) -> None:
    first = serve_seed(httpserver)
    second = serve_seed(httpserver, path="/world/copy-of-the-seed")
    result = scrape_cli("--format", "jsonl", "--ignore-robots", "--delay", "0", "-q", first, second)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["url"] for r in records) == sorted([first, second])


def test_sitemap_list_goes_to_discovery(httpserver: HTTPServer, scrape_cli: Run) -> None:
    base = httpserver.url_for("/")
    stories = [f"{base}world/story-{i}-about-something" for i in range(3)]
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(
            f"<url><loc>{u}</loc><lastmod>2025-05-1{i}T10:00:00+00:00</lastmod></url>"
            for i, u in enumerate(stories)
        )
        + "</urlset>"
    )
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        sitemap, content_type="application/xml"
    )
    result = scrape_cli("--sitemap", httpserver.url_for("/sitemap.xml"), "--list", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted(stories)


def test_verbose_logs_the_fetch(httpserver: HTTPServer, scrape_cli: Run) -> None:
    url = serve_seed(httpserver, content_type="text/html; charset=iso-8859-1")
    result = scrape_cli("-v", url)
    assert result.returncode == 0, result.stderr
    assert len(result.stderr_lines) == 1
    line = result.stderr_lines[0]
    assert line.startswith(f"scrape: {url}: 200")
    assert "text/html" in line and line.endswith("utf-8")
    assert json.loads(result.stdout)["title"] == golden()["title"]
