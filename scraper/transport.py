"""A lean HTTP/1.1 transport for the shared ``httpx.AsyncClient``: h11 on asyncio protocols.

httpx reaches the network through a transport; its default one is httpcore's connection pool.
In a batch run that pool cost about 0.8 ms of CPU per page in the parent process, which shares
the cores with the extraction workers: anyio locks that yield to the event loop on every
acquire (three per request), a cancel scope around every close, a scan of every pooled
connection, several times per request, to find a free one, and wrappers around each layer.
This module is the same job done directly, through httpx's public transport interface
(:class:`httpx.AsyncBaseTransport`): the HTTP/1.1 wire format is still the well-kept ``h11``
(the parser httpcore uses), sockets are asyncio protocols, and the pool is a dict of idle
connections per origin. That halves the per-request CPU (0.82 -> 0.40 ms on the benchmark's
pages; ``bench/batch.py``).

Behaviour is httpcore's where it is visible:

* limits: at most ``max_connections`` open connections (a request waits for one, up to the
  ``pool`` timeout, and an idle connection to another host is closed to make room), at most
  ``max_keepalive_connections`` idle ones, each kept ``keepalive_expiry`` seconds;
* timeouts: ``connect`` (TCP and TLS), ``read`` and ``write`` per operation, ``pool`` for the wait
  for a connection, raised as httpx's ``ConnectTimeout``, ``ReadTimeout``, ``WriteTimeout``,
  ``PoolTimeout``; faults as ``ConnectError``, ``ReadError``, ``WriteError``,
  ``RemoteProtocolError`` (a body cut short, a malformed response);
* an idle connection the server has closed (or sent something unasked on) is never reused;
  a GET (or HEAD) that finds its reused connection closed before any byte of the answer is
  sent once more on a new connection, as browsers do;
* TLS with the server name and ALPN ``http/1.1``; the SSL context is made on the first https
  request (18 ms saved at start-up for plain-HTTP runs).

Only direct HTTP/1.1 connections are handled here. Proxies from the environment are mounted
by httpx itself, with its stock transport (see :func:`scraper.fetch.make_client`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ipaddress
import socket
import ssl
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohappyeyeballs
import h11
import httpx

READ_BUFFER_LIMIT = 256 * 1024  # reading pauses while this much is received and unread
MAX_HEADER_BYTES = 100 * 1024  # a response head larger than this is refused (httpcore's limit)
HAPPY_EYEBALLS_DELAY = 0.25  # seconds, as RFC 8305 recommends (anyio does the same)
DEFAULT_PORTS = {b"http": 80, b"https": 443}
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})  # safe to send twice

Origin = tuple[bytes, str, int]  # scheme, host, port


class _Socket(asyncio.Protocol):
    """One TCP (or TLS) connection: received data queued for :meth:`read`, flow-controlled."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.chunks: collections.deque[bytes] = collections.deque()
        self.buffered = 0
        self.eof = False
        self.error: BaseException | None = None
        self._reader: asyncio.Future[None] | None = None
        self._writable: asyncio.Future[None] | None = None
        self._paused = False

    # -- asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        self.buffered += len(data)
        if self.buffered > READ_BUFFER_LIMIT and not self._paused and self.transport:
            self._paused = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake_reader()
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        if exc is not None and self.error is None:
            self.error = exc
        self._wake_reader()
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)

    def pause_writing(self) -> None:
        self._writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)
        self._writable = None

    def _wake_reader(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.set_result(None)

    # -- used by the connection
    async def read(self, timeout: float | None) -> bytes:
        """Received bytes (all that is queued), or b"" at end of stream."""
        if not self.chunks and not self.eof:
            self._reader = asyncio.get_running_loop().create_future()
            try:
                async with asyncio.timeout(timeout):
                    await self._reader
            except TimeoutError:
                raise httpx.ReadTimeout("timed out reading the response") from None
            finally:
                self._reader = None
        if self.chunks:
            data = self.chunks.popleft() if len(self.chunks) == 1 else b"".join(self.chunks)
            self.chunks.clear()
            self.buffered = 0
            if self._paused and self.transport is not None:
                self._paused = False
                self.transport.resume_reading()
            return data
        if self.error is not None:
            raise httpx.ReadError(str(self.error) or type(self.error).__name__)
        return b""

    async def write(self, data: bytes, timeout: float | None) -> None:
        transport = self.transport
        if transport is None or transport.is_closing() or self.eof:
            raise httpx.WriteError("the connection is closed")
        transport.write(data)
        if self._writable is not None:
            try:
                async with asyncio.timeout(timeout):
                    await self._writable
            except TimeoutError:
                raise httpx.WriteTimeout("timed out sending the request") from None
        if self.error is not None:
            raise httpx.WriteError(str(self.error) or type(self.error).__name__)

    def usable(self) -> bool:
        """Still open, and nothing arrived unasked (a server's goodbye or garbage)."""
        transport = self.transport
        return not (self.eof or self.chunks or transport is None or transport.is_closing())

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class _Connection:
    __slots__ = ("h11", "idle_since", "origin", "reused", "sock")

    def __init__(self, origin: Origin, sock: _Socket) -> None:
        self.origin = origin
        self.sock = sock
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEADER_BYTES)
        self.idle_since = 0.0
        self.reused = False

    async def next_event(self, read_timeout: float | None) -> Any:
        conn = self.h11
        while True:
            try:
                event = conn.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event
            data = await self.sock.read(read_timeout)
            if not data and conn.their_state is h11.SEND_RESPONSE:
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            conn.receive_data(data)


class _Body(httpx.AsyncByteStream):
    """The response body, read as it is iterated; the connection goes back to the pool once
    the whole body has been read, and is closed if the body is left unread."""

    def __init__(self, pool: H11Transport, conn: _Connection, read_timeout: float | None) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._read_timeout = read_timeout
        self._complete = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        try:
            while True:
                event = await conn.next_event(self._read_timeout)
                kind = type(event)
                if kind is h11.Data:
                    yield bytes(event.data)
                elif kind is h11.EndOfMessage:
                    self._complete = True
                    return
                else:
                    raise httpx.RemoteProtocolError(f"unexpected {kind.__name__} in the body")
        except BaseException:
            self._finish()  # no await here: this may run while the generator is being closed
            raise

    async def aclose(self) -> None:
        self._finish()

    def _finish(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool._release(conn, reusable=self._complete)


class H11Transport(httpx.AsyncBaseTransport):
    """HTTP/1.1 with a keep-alive pool; see the module docstring."""

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | str | bool = True,
        trust_env: bool = True,
        limits: httpx.Limits | None = None,
    ) -> None:
        limits = limits or httpx.Limits()
        self._verify = verify
        self._trust_env = trust_env
        self._ssl_context: ssl.SSLContext | None = None
        self._max_connections = limits.max_connections or 2**31
        self._max_idle = (
            limits.max_keepalive_connections
            if limits.max_keepalive_connections is not None
            else self._max_connections
        )
        self._keepalive_expiry = (
            limits.keepalive_expiry if limits.keepalive_expiry is not None else 5.0
        )
        self._idle: dict[Origin, list[_Connection]] = {}
        self._idle_count = 0
        self._open = 0  # connections open or being opened, idle ones included
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        self._closed = False

    # -- the httpx interface
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.raw_scheme
        if scheme not in DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}")
        if not url.host:
            raise httpx.UnsupportedProtocol("the URL has no host")
        # the host as sent on the wire: IDNA-encoded, an IPv6 literal without brackets
        origin: Origin = (scheme, url.raw_host.decode("ascii"), url.port or DEFAULT_PORTS[scheme])
        timeouts = request.extensions.get("timeout", {})
        body = b""
        if "content-length" in request.headers or "transfer-encoding" in request.headers:
            # a request with a body (httpx declares one): read once, as it may be sent twice
            body = b"".join([chunk async for chunk in request.stream])  # type: ignore[union-attr]
        for attempt in (1, 2):
            conn = await self._acquire(origin, timeouts)
            try:
                event = await self._exchange(conn, request, body, timeouts)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                self._release(conn, reusable=False)
                # A kept-alive connection the server closed just as it was reused: no byte of
                # an answer came, so the request is sent once more on a new connection.
                if (
                    attempt == 1
                    and conn.reused
                    and conn.h11.their_state is h11.SEND_RESPONSE
                    and request.method in IDEMPOTENT
                ):
                    continue
                raise
            except BaseException:
                self._release(conn, reusable=False)
                raise
            return httpx.Response(
                event.status_code,
                headers=event.headers,
                stream=_Body(self, conn, timeouts.get("read")),
                extensions={"http_version": b"HTTP/1.1", "reason_phrase": event.reason},
            )
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        self._closed = True
        for conns in self._idle.values():
            for conn in conns:
                conn.sock.close()
        self._idle.clear()
        self._idle_count = 0
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)

    # -- one request on one connection
    async def _exchange(
        self, conn: _Connection, request: httpx.Request, body: bytes, timeouts: dict[str, Any]
    ) -> Any:
        h = conn.h11
        headers = request.headers.raw
        if body and not any(
            k.lower() in (b"content-length", b"transfer-encoding") for k, _ in headers
        ):
            headers = [*headers, (b"Content-Length", str(len(body)).encode())]
        try:
            data = h.send(
                h11.Request(method=request.method, target=request.url.raw_path, headers=headers)
            )
            if body:
                data += h.send(h11.Data(data=body))
            data += h.send(h11.EndOfMessage())
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        await conn.sock.write(data, timeouts.get("write"))
        read_timeout = timeouts.get("read")
        while True:
            event = await conn.next_event(read_timeout)
            if type(event) is h11.Response:
                return event
            if type(event) is not h11.InformationalResponse:  # 100 Continue and the like
                raise httpx.RemoteProtocolError(f"unexpected {type(event).__name__}")

    # -- the pool
    async def _acquire(self, origin: Origin, timeouts: dict[str, Any]) -> _Connection:
        """A kept-alive connection to ``origin``, or a new one once there is room for it."""
        timeout = timeouts.get("pool")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if self._closed:
                raise RuntimeError("the transport is closed")
            conn = self._take_idle(origin)
            if conn is not None:
                return conn
            if self._open < self._max_connections:
                break
            if self._idle_count:  # make room: close the longest-idle connection to another host
                oldest = min(
                    (conns[0] for conns in self._idle.values()), key=lambda c: c.idle_since
                )
                self._forget_idle(oldest)
                self._drop(oldest)
                continue
            await self._wait(deadline)
        self._open += 1
        try:
            sock = await self._connect(origin, timeouts.get("connect"))
        except BaseException:
            self._open -= 1
            self._wake_one()
            raise
        return _Connection(origin, sock)

    def _take_idle(self, origin: Origin) -> _Connection | None:
        now = time.monotonic()
        while idle := self._idle.get(origin):
            conn = idle[-1]  # the most recently used: the least likely to have been closed
            self._forget_idle(conn)
            if conn.sock.usable() and now - conn.idle_since < self._keepalive_expiry:
                conn.reused = True
                return conn
            self._drop(conn)
        return None

    def _forget_idle(self, conn: _Connection) -> None:
        """Take ``conn`` off the idle lists (an origin without idle connections has no entry,
        so a run over thousands of hosts keeps the dict as small as the idle pool)."""
        idle = self._idle[conn.origin]
        idle.remove(conn)
        if not idle:
            del self._idle[conn.origin]
        self._idle_count -= 1

    async def _wait(self, deadline: float | None) -> None:
        """Until a connection is released or closed (or the pool timeout passes)."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            async with asyncio.timeout(left):
                await waiter
        except BaseException as exc:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            elif waiter.done() and not waiter.cancelled():
                self._wake_one()  # woken, but leaving anyway: the room goes to the next waiter
            if isinstance(exc, TimeoutError):
                raise httpx.PoolTimeout("timed out waiting for a free connection") from None
            raise

    def _wake_one(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def _drop(self, conn: _Connection) -> None:
        conn.sock.close()
        self._open -= 1
        self._wake_one()

    def _release(self, conn: _Connection, *, reusable: bool) -> None:
        h = conn.h11
        if (
            reusable
            and not self._closed
            and h.our_state is h11.DONE
            and h.their_state is h11.DONE
            and self._idle_count < self._max_idle
            and conn.sock.usable()
        ):
            h.start_next_cycle()
            conn.idle_since = time.monotonic()
            self._idle.setdefault(conn.origin, []).append(conn)
            self._idle_count += 1
            self._wake_one()  # a waiter for another host may close it to make room
            return
        self._drop(conn)

    async def _connect(self, origin: Origin, timeout: float | None) -> _Socket:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        tls = self._tls_context() if scheme == b"https" else None
        raw: socket.socket | None = None
        try:
            async with asyncio.timeout(timeout):
                # Happy Eyeballs (RFC 8305) through aiohappyeyeballs, not asyncio's own: on
                # Python 3.11 asyncio's can lose a socket that connects just as the attempt is
                # cancelled (a fetch's deadline, a discovery limit), left open until the garbage
                # collector finds it, and a server may wait on it all that time.
                infos = await _address_infos(loop, host, port)
                raw = await aiohappyeyeballs.start_connection(
                    infos, happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY, loop=loop
                )
                _, sock = await loop.create_connection(
                    _Socket, sock=raw, ssl=tls, server_hostname=host if tls is not None else None
                )
        except TimeoutError:
            _close_quietly(raw)
            raise httpx.ConnectTimeout(f"timed out connecting to {host}:{port}") from None
        except (OSError, ssl.SSLError) as exc:  # refused, unreachable, DNS, certificate
            _close_quietly(raw)
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        except BaseException:
            _close_quietly(raw)
            raise
        return sock

    def _tls_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            if isinstance(self._verify, ssl.SSLContext):
                self._ssl_context = self._verify
            else:
                self._ssl_context = httpx.create_ssl_context(
                    verify=self._verify, trust_env=self._trust_env
                )
        return self._ssl_context


async def _address_infos(
    loop: asyncio.AbstractEventLoop, host: str, port: int
) -> list[tuple[Any, ...]]:
    """getaddrinfo() for a host name (in asyncio's resolver thread); an IP address as it is."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not infos:
            raise OSError(f"cannot resolve {host}") from None
        return list(infos)
    return aiohappyeyeballs.addr_to_addr_infos((host, port)) or []


def _close_quietly(sock: socket.socket | None) -> None:
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.close()


__all__ = ["H11Transport"]
