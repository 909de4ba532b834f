"""An httpcore network backend on plain asyncio streams, for the shared httpx.AsyncClient.

httpx reaches the network through httpcore, whose default backend under asyncio is anyio. That
layer costs about 0.2 ms of CPU per request in a batch run: a cancel scope around every read and
write, and, each time a request is given a connection, a ``poll()`` system call plus an anyio
attribute lookup for every idle connection in the pool (the "has the server closed it?" check).
Here the same interface (``httpcore.AsyncNetworkBackend``) sits directly on asyncio's streams:
timeouts are ``asyncio.timeout``, and an idle connection's state is read from its stream
(end of file, closing transport, unexpected bytes already received).

Behaviour is the same as anyio's backend: the same httpcore exceptions for the same faults,
TCP_NODELAY, Happy Eyeballs for host names with IPv4 and IPv6 addresses, TLS through
``start_tls`` (server name and ALPN as httpcore asks). :func:`fast_transport` builds an
``httpx.AsyncHTTPTransport`` on it; if httpx's internals ever change shape, it quietly returns
the stock transport instead, so only the speed-up is lost.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import httpcore

if TYPE_CHECKING:
    import httpx

READ_BUFFER_LIMIT = 2**18  # StreamReader pauses the socket above twice this
HAPPY_EYEBALLS_DELAY = 0.25  # seconds, as RFC 8305 recommends (anyio does the same)


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout(str(exc) or "read timed out") from exc
        except OSError as exc:  # includes ssl.SSLError and ConnectionResetError
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(str(exc) or "write timed out") from exc
        except (OSError, RuntimeError) as exc:  # RuntimeError: write on a closed transport
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from exc

    async def aclose(self) -> None:
        self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as exc:
            self._writer.close()
            raise httpcore.ConnectTimeout(str(exc) or "TLS handshake timed out") from exc
        except (OSError, EOFError, RuntimeError) as exc:  # ssl.SSLError is an OSError
            self._writer.close()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # Asked of idle keep-alive connections: true when the server has closed it or sent
            # something unasked, so the pool drops it instead of sending a request into it.
            reader = self._reader
            return (
                reader.at_eof()
                or reader.exception() is not None
                or bool(getattr(reader, "_buffer", b""))
                or self._writer.transport.is_closing()
            )
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host,
                    port,
                    local_addr=(local_address, 0) if local_address else None,
                    limit=READ_BUFFER_LIMIT,
                    happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY,
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
        except OSError as exc:  # refused, unreachable, DNS failure (gaierror)
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def fast_transport(**kwargs: Any) -> httpx.AsyncHTTPTransport:
    """``httpx.AsyncHTTPTransport(**kwargs)`` whose connection pool uses :class:`AsyncioBackend`.

    httpx takes no network backend, so the one its fresh (still unused) httpcore pool was given
    is replaced. For a Unix socket (``uds``), behind a proxy, or if httpx's internals ever change
    shape, the stock transport is returned unchanged: only the speed-up is lost.
    """
    import httpx

    transport = httpx.AsyncHTTPTransport(**kwargs)
    pool = getattr(transport, "_pool", None)
    plain = type(pool) is httpcore.AsyncConnectionPool and not kwargs.get("uds")
    if plain and hasattr(pool, "_network_backend"):
        pool._network_backend = AsyncioBackend()
    return transport
