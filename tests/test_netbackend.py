"""scraper.netbackend: httpx on plain asyncio streams, against real servers on 127.0.0.1
(plain HTTP with keep-alive, TLS with a test CA, closed and silent peers)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Callable, Iterator

import pytest
import trustme
from pytest_httpserver import HTTPServer

from scraper.errors import FetchTimeout, NetworkError
from scraper.fetch import fetch_page, make_client
from scraper.netbackend import AsyncioBackend, fast_transport
from tests.conftest import RawRequest, RawServer, send_response

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


def test_a_unix_socket_or_proxy_transport_keeps_httpcores_own_backend() -> None:
    for kwargs in ({"uds": "/tmp/no-such.sock"}, {"proxy": "http://127.0.0.1:9"}):
        pool = fast_transport(**kwargs)._pool  # type: ignore[attr-defined]
        assert not isinstance(pool._network_backend, AsyncioBackend), kwargs


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


def keep_alive_then_close(close_after: float) -> Callable[[socket.socket, RawRequest], None]:
    """A RawServer route: answer with ``Connection: keep-alive``, then close the connection from
    the server's side ``close_after`` seconds later (as a server's keep-alive timeout does)."""

    def handler(conn: socket.socket, request: RawRequest) -> None:
        send_response(conn, 200, PAGE.encode(), {"Connection": "keep-alive"})
        time.sleep(close_after)

    return handler


def test_a_keep_alive_connection_closed_by_the_server_is_not_reused(
    raw_server: RawServer,
) -> None:
    url = raw_server.route("/a", keep_alive_then_close(0.05))

    async def main() -> list[str]:
        async with make_client(timeout=5) as client:
            texts = []
            for _ in range(3):
                texts.append((await fetch_page(client, url)).text)
                await asyncio.sleep(0.3)  # the server has closed the idle connection by now
            return texts

    texts = asyncio.run(main())
    assert all("Über die Grenze" in t for t in texts)
    assert (
        len(raw_server.requests) == 3
    )  # one request per connection: none was sent into a dead one


def test_a_kept_connection_is_reused_while_the_server_keeps_it(raw_server: RawServer) -> None:
    url = raw_server.route("/a", keep_alive_then_close(5))

    async def main() -> None:
        async with make_client(timeout=5) as client:
            await fetch_page(client, url)
            # the server reads one request per connection: only a reused connection can leave
            # the second request unanswered, so the timeout proves the reuse
            with pytest.raises(FetchTimeout):
                await fetch_page(client, url, timeout=0.5)

    asyncio.run(main())
    assert len(raw_server.requests) == 1


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
