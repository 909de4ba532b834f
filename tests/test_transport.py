"""scraper.transport: the shared httpx client's h11 transport, against real servers on 127.0.0.1
(plain HTTP with keep-alive, TLS with a test CA, closed and silent peers, connection limits,
pool timeouts, chunked bodies, request bodies)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper.errors import FetchTimeout, NetworkError, TooLarge
from scraper.fetch import fetch_page, make_client
from scraper.transport import H11Transport
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


def test_the_shared_client_uses_the_h11_transport() -> None:
    async def main() -> object:
        async with make_client(timeout=5) as client:
            return client._transport  # type: ignore[attr-defined]

    assert isinstance(asyncio.run(main()), H11Transport)


def test_https_page_through_the_transport(https_server: HTTPServer, ca: trustme.CA) -> None:
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


# --- the pool ------------------------------------------------------------------------------------


def test_at_most_max_connections_are_open_and_every_request_is_answered(
    raw_server: RawServer,
) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()

    def slow(conn: socket.socket, _req: RawRequest) -> None:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.15)
        with lock:
            active -= 1
        send_response(conn, 200, PAGE.encode())

    url = raw_server.route("/slow", slow)

    async def main() -> list[int]:
        async with httpx.AsyncClient(
            transport=H11Transport(limits=httpx.Limits(max_connections=2)), timeout=5
        ) as client:
            responses = await asyncio.gather(*(client.get(url) for _ in range(6)))
            return [r.status_code for r in responses]

    assert asyncio.run(main()) == [200] * 6
    assert peak == 2
    assert len(raw_server.requests) == 6


def test_waiting_for_a_connection_longer_than_the_pool_timeout_is_a_pool_timeout(
    raw_server: RawServer,
) -> None:
    def hang(conn: socket.socket, _req: RawRequest) -> None:
        time.sleep(1.0)
        send_response(conn, 200, PAGE.encode())

    url = raw_server.route("/hang", hang)

    async def main() -> None:
        transport = H11Transport(limits=httpx.Limits(max_connections=1))
        async with httpx.AsyncClient(
            transport=transport, timeout=httpx.Timeout(5, pool=0.2)
        ) as client:
            first = asyncio.create_task(client.get(url))
            await asyncio.sleep(0.05)
            with pytest.raises(httpx.PoolTimeout):
                await client.get(url)
            assert (await first).status_code == 200

    asyncio.run(main())


def test_an_idle_connection_to_another_host_is_closed_to_make_room(
    raw_server: RawServer,
) -> None:
    url = raw_server.route("/a", keep_alive_then_close(5))
    other = url.replace("127.0.0.1", "localhost")  # another origin, same server

    async def main() -> tuple[int, int, list[object]]:
        transport = H11Transport(limits=httpx.Limits(max_connections=1))
        async with httpx.AsyncClient(transport=transport, timeout=2) as client:
            first = await client.get(url)  # its connection stays open, idle
            second = await client.get(other)  # no room: the idle one is closed for this one
            await second.aclose()
            # only origins with an idle connection have an entry (thousands of hosts in a run)
            return first.status_code, second.status_code, [o[1] for o in transport._idle]

    assert asyncio.run(main()) == (200, 200, ["localhost"])
    assert len(raw_server.requests) == 2


def test_a_reused_connection_closed_as_the_request_arrives_is_retried_on_a_new_one(
    raw_server: RawServer,
) -> None:
    """The server answers one request with keep-alive, then closes the connection when the next
    request comes on it (a keep-alive timeout racing the request): the transport sends that
    request again on a new connection, since no byte of an answer came."""
    dropped = 0

    def once_then_drop(conn: socket.socket, _req: RawRequest) -> None:
        nonlocal dropped
        send_response(conn, 200, PAGE.encode(), {"Connection": "keep-alive"})
        if conn.recv(65536):  # the second request, on the same connection: no answer
            dropped += 1

    url = raw_server.route("/a", once_then_drop)

    async def main() -> list[int]:
        async with httpx.AsyncClient(transport=H11Transport(), timeout=5) as client:
            return [(await client.get(url)).status_code for _ in range(2)]

    assert asyncio.run(main()) == [200, 200]
    assert dropped == 1
    assert len(raw_server.requests) == 2  # two connections, one answered request each


def test_a_body_left_unread_closes_its_connection(raw_server: RawServer) -> None:
    big = b"<html><body>" + b"x" * 200_000 + b"</body></html>"

    def keep_alive(conn: socket.socket, _req: RawRequest) -> None:
        send_response(conn, 200, big, {"Connection": "keep-alive"})
        with contextlib.suppress(OSError):
            conn.recv(65536)  # a request sent into this connection would be read, unanswered

    url = raw_server.route("/big", keep_alive)

    async def main() -> tuple[bool, int]:
        async with make_client(timeout=3) as client:
            with pytest.raises(TooLarge):
                await fetch_page(client, url, max_bytes=10_000)
            page = await fetch_page(client, url, max_bytes=1_000_000)
            return page.status == 200, len(page.content)

    assert asyncio.run(main()) == (True, len(big))
    assert len(raw_server.requests) == 2  # the second fetch needed a new connection


def test_a_chunked_body_and_a_request_body(raw_server: RawServer, httpserver: HTTPServer) -> None:
    def chunked(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        for part in (b"<html><body>", b"one ", b"two", b"</body></html>"):
            conn.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            time.sleep(0.01)
        conn.sendall(b"0\r\n\r\n")

    def echo(request: Request) -> Response:
        return Response(request.get_data(), content_type="text/plain")

    url = raw_server.route("/chunked", chunked)
    httpserver.expect_request("/echo", method="POST").respond_with_handler(echo)

    async def main() -> tuple[bytes, bytes]:
        async with httpx.AsyncClient(transport=H11Transport(), timeout=5) as client:
            streamed = await client.get(url)
            posted = await client.post(httpserver.url_for("/echo"), content=b"a request body")
            return streamed.content, posted.content

    body, echoed = asyncio.run(main())
    assert body == b"<html><body>one two</body></html>"
    assert echoed == b"a request body"


def test_the_tls_context_is_only_made_for_the_first_https_request(
    https_server: HTTPServer, ca: trustme.CA, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/plain").respond_with_data(PAGE, content_type="text/html")
    https_server.expect_request("/tls").respond_with_data(PAGE, content_type="text/html")
    context = client_context(ca)

    async def main() -> tuple[object, object]:
        transport = H11Transport(verify=context)
        async with httpx.AsyncClient(transport=transport, timeout=5) as client:
            await client.get(httpserver.url_for("/plain"))
            before = transport._ssl_context
            await client.get(https_server.url_for("/tls"))
            return before, transport._ssl_context

    before, after = asyncio.run(main())
    assert before is None and after is context


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_connects_cancelled_at_any_moment_leave_no_socket_open(host: str) -> None:
    """A connection attempt cancelled at any point (a fetch's deadline, a discovery limit) leaves
    no open socket behind, even with the garbage collector off. (asyncio's own Happy Eyeballs
    on Python 3.11 could lose a socket that connected just as it was cancelled; a
    single-threaded server then waited on it, and every later request to it hung.)"""
    import gc

    listener = socket.create_server(("127.0.0.1", 0), backlog=1024)
    port = listener.getsockname()[1]

    async def main() -> int:
        transport = H11Transport()
        finished = 0
        for i in range(240):
            task = asyncio.create_task(transport._connect((b"http", host, port), 5))
            for _ in range(i % 12):  # cancel after 0..11 turns of the event loop
                await asyncio.sleep(0)
            task.cancel()
            result = (await asyncio.gather(task, return_exceptions=True))[0]
            if not isinstance(result, BaseException):
                result.close()  # connected before the cancel: closed here, as a caller would
                finished += 1
        await asyncio.sleep(0.05)  # let the closes go out
        return finished

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        asyncio.run(main())
        listener.settimeout(0.5)
        still_open = 0
        accepted = 0
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                break
            accepted += 1
            with conn:
                conn.settimeout(0.5)
                try:
                    if conn.recv(1) != b"":
                        still_open += 1
                except TimeoutError:
                    still_open += 1  # the client end is neither closed nor sending: leaked
    finally:
        if was_enabled:
            gc.enable()
        listener.close()
    assert accepted > 0  # some attempts got as far as a connection
    assert still_open == 0


def test_a_proxy_from_the_environment_is_used(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx drops HTTP_PROXY once a transport is given, so behind a proxy the client keeps
    httpx's own transport: the page is asked of the proxy, in absolute form."""
    httpserver.expect_request("/story").respond_with_data(
        PAGE.encode(), content_type="text/html; charset=utf-8"
    )
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/").rstrip("/"))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)

    async def main() -> tuple[str, object]:
        async with make_client(timeout=5) as client:
            page = await fetch_page(client, "http://news.example.invalid/story")
            return page.text, client._transport  # type: ignore[attr-defined]

    text, transport = asyncio.run(main())
    assert "Über die Grenze" in text
    assert not isinstance(transport, H11Transport)
    request, _ = httpserver.log[-1]
    assert request.headers["Host"] == "news.example.invalid"


def test_informational_answers_are_skipped_and_an_endless_head_is_refused(
    raw_server: RawServer,
) -> None:
    def early_hints(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n")
        send_response(conn, 200, PAGE.encode())

    def huge_head(conn: socket.socket, _req: RawRequest) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n" + b"X-Filler: " + b"x" * 200_000 + b"\r\n\r\n")

    def silent_close(conn: socket.socket, _req: RawRequest) -> None:
        pass  # the server closes without a byte of an answer

    hints = raw_server.route("/hints", early_hints)
    huge = raw_server.route("/huge-head", huge_head)
    closed = raw_server.route("/closed", silent_close)

    async def main() -> None:
        async with make_client(timeout=5) as client:
            page = await fetch_page(client, hints)
            assert "Über die Grenze" in page.text
            with pytest.raises(NetworkError, match="RemoteProtocolError"):
                await fetch_page(client, huge)
            with pytest.raises(NetworkError, match="without sending a response"):
                await fetch_page(client, closed)

    asyncio.run(main())


@pytest.mark.parametrize(
    "limits",
    [
        httpx.Limits(keepalive_expiry=0.1),  # kept, but past its expiry when asked again
        httpx.Limits(max_keepalive_connections=0),  # never kept
    ],
    ids=["expired", "no-keepalive"],
)
def test_a_connection_past_its_keepalive_or_over_the_idle_limit_is_not_reused(
    raw_server: RawServer, limits: httpx.Limits
) -> None:
    # The server keeps each connection open but answers only its first request: a reused
    # connection would leave the second request unanswered (a timeout).
    url = raw_server.route("/a", keep_alive_then_close(5))

    async def main() -> list[int]:
        async with httpx.AsyncClient(transport=H11Transport(limits=limits), timeout=2) as client:
            first = (await client.get(url)).status_code
            await asyncio.sleep(0.3)
            return [first, (await client.get(url)).status_code]

    assert asyncio.run(main()) == [200, 200]
    assert len(raw_server.requests) == 2  # two connections
