"""scraper.netbackend: httpx on plain asyncio streams, against real servers on 127.0.0.1
(plain HTTP with keep-alive, TLS with a test CA, closed and silent peers)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator

import pytest
import trustme
from pytest_httpserver import HTTPServer

from scraper.errors import FetchTimeout, NetworkError
from scraper.fetch import fetch_page, make_client
from scraper.netbackend import AsyncioBackend

PAGE = "<html><head><title>T</title></head><body><p>Über die Grenze</p></body></html>"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture()
def https_server(ca: trustme.CA) -> Iterator[HTTPServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    server.stop()


def client_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_the_shared_client_runs_on_the_asyncio_backend() -> None:
    async def main() -> object:
        async with make_client(timeout=5) as client:
            return client._transport._pool._network_backend  # type: ignore[attr-defined]

    assert isinstance(asyncio.run(main()), AsyncioBackend)


def test_https_page_through_the_asyncio_backend(https_server: HTTPServer, ca: trustme.CA) -> None:
    https_server.expect_request("/story").respond_with_data(
        PAGE.encode(), content_type="text/html; charset=utf-8"
    )
    url = https_server.url_for("/story")
    assert url.startswith("https://")

    async def main() -> tuple[str, str]:
        async with make_client(timeout=5, verify=client_context(ca)) as client:
            first = await fetch_page(client, url)
            second = await fetch_page(client, url)
            return first.text, second.text

    first, second = asyncio.run(main())
    assert "Über die Grenze" in first and first == second


def test_https_with_an_untrusted_certificate_is_a_network_error(
    https_server: HTTPServer,
) -> None:
    https_server.expect_request("/story").respond_with_data(PAGE, content_type="text/html")

    async def main() -> None:
        async with make_client(timeout=5) as client:  # the system CAs do not know the test CA
            await fetch_page(client, https_server.url_for("/story"))

    with pytest.raises(NetworkError, match=r"(?i)certificate"):
        asyncio.run(main())


class KeepAliveServer:
    """Answers each request on a kept-alive connection, then closes the connection from its side
    a moment later (as servers do when their keep-alive timeout ends)."""

    def __init__(self, close_after: float) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.close_after = close_after
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            body = PAGE.encode()
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n"
                b"Connection: keep-alive\r\n\r\n" + body
            )
            threading.Event().wait(self.close_after)

    def close(self) -> None:
        self.sock.close()


def test_a_keep_alive_connection_closed_by_the_server_is_not_reused() -> None:
    server = KeepAliveServer(close_after=0.05)
    url = f"http://127.0.0.1:{server.port}/a"

    async def main() -> list[str]:
        async with make_client(timeout=5) as client:
            texts = []
            for _ in range(3):
                texts.append((await fetch_page(client, url)).text)
                await asyncio.sleep(0.3)  # the server has closed the idle connection by now
            return texts

    try:
        texts = asyncio.run(main())
    finally:
        server.close()
    assert all("Über die Grenze" in t for t in texts)
    assert server.connections == 3  # each request found its old connection closed


def test_a_kept_connection_is_reused_while_the_server_keeps_it() -> None:
    server = KeepAliveServer(close_after=5)
    url = f"http://127.0.0.1:{server.port}/a"

    async def main() -> None:
        async with make_client(timeout=5) as client:
            await fetch_page(client, url)
            # the handler serves one request per connection: a reused connection would hang
            # here, so this only passes if the pool would have reused it (and times out)
            with pytest.raises(FetchTimeout):
                await fetch_page(client, url, timeout=0.5)

    try:
        asyncio.run(main())
    finally:
        server.close()
    assert server.connections == 1


def test_refused_and_silent_peers_map_to_network_error_and_timeout() -> None:
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    silent = socket.create_server(("127.0.0.1", 0))  # accepts (backlog) but never answers

    async def main() -> None:
        async with make_client(timeout=5) as client:
            with pytest.raises(NetworkError):
                await fetch_page(client, f"http://127.0.0.1:{port}/x")
            with pytest.raises(FetchTimeout):
                await fetch_page(
                    client, f"http://127.0.0.1:{silent.getsockname()[1]}/x", timeout=0.4
                )

    try:
        asyncio.run(main())
    finally:
        silent.close()
