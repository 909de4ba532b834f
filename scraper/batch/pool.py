"""A process pool fed straight from the event loop: extraction workers without helper threads.

``concurrent.futures.ProcessPoolExecutor`` moves every job through two helper threads in the
parent (a manager thread and a queue feeder), which costs about 0.4 ms of CPU per page and fights
the event loop for the GIL. Here each worker is a forked process with its own socket pair; the
parent writes a job as one length-prefixed pickle through an asyncio transport and reads results
in ``data_received``, all on the loop's thread. A worker handles its jobs in order, so results
come back in order and need no ids; several jobs may wait in a worker's socket, so a worker never
idles while the parent is busy.

A worker that dies (OOM killer, a crash in a C parser) fails only the jobs sent to it, with
:class:`WorkerDied`, and is replaced by a fresh one (at most ``max_restarts`` times per run).
Workers ignore Ctrl-C (the parent decides what to do) and exit when their socket closes.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import sys
from collections.abc import Callable
from typing import Any

_HEADER = struct.Struct("!Q")


class WorkerDied(Exception):
    """The worker process running a job exited before answering."""


class PoolClosed(Exception):
    """A job was submitted after the pool was shut down, or it has no workers left."""


# ---------------------------------------------------------------------------------- child side


def _recv_exact(sock: socket.socket, size: int) -> bytearray | None:
    buf = bytearray(size)
    view = memoryview(buf)
    pos = 0
    while pos < size:
        got = sock.recv_into(view[pos:])
        if got == 0:
            return None
        pos += got
    return buf


def _serve(
    sock: socket.socket, close_fds: list[int], initializer: Callable[[], None] | None
) -> None:
    """The worker's main loop: read a job, run it, send the answer, until the socket closes."""
    # A fork of a process with an event loop inherits its signal wiring: undo it, so that a
    # signal sent to this worker is not written into the parent's wake-up socket.
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in close_fds:  # the parent's ends of every socket pair, so EOF means what it says
        with contextlib.suppress(OSError):
            os.close(fd)
    if initializer is not None:
        initializer()
    sock.setblocking(True)
    while True:
        head = _recv_exact(sock, _HEADER.size)
        if head is None:
            return
        (size,) = _HEADER.unpack(head)
        data = _recv_exact(sock, size)
        if data is None:
            return
        fn, args = pickle.loads(data)
        del data
        try:
            answer: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:  # the job's own error goes back to the caller
            answer = (False, exc)
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an unpicklable result or exception
            payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        try:
            sock.sendall(_HEADER.pack(len(payload)) + payload)
        except OSError:
            return


# --------------------------------------------------------------------------------- parent side


class _Channel(asyncio.Protocol):
    """The parent's end of one worker's socket: frames out, frames in, futures in order."""

    def __init__(self, worker: _Worker) -> None:
        self.worker = worker
        self.buffer = bytearray()
        self.need: int | None = None

    def data_received(self, data: bytes) -> None:
        buf = self.buffer
        buf += data
        while True:
            if self.need is None:
                if len(buf) < _HEADER.size:
                    return
                (self.need,) = _HEADER.unpack_from(buf)
                del buf[: _HEADER.size]
            if len(buf) < self.need:
                return
            frame = bytes(buf[: self.need])
            del buf[: self.need]
            self.need = None
            self.worker.answered(frame)

    def connection_lost(self, exc: Exception | None) -> None:
        self.worker.lost()


class _Worker:
    def __init__(self, pool: WorkerPool, process: Any, sock: socket.socket) -> None:
        self.pool = pool
        self.process = process
        self.sock = sock
        self.transport: asyncio.Transport | None = None
        self.pending: collections.deque[asyncio.Future[Any]] = collections.deque()
        self.dead = False
        self._connecting: asyncio.Future[None] | None = None

    async def connect(self) -> None:
        """Wrap the socket in a transport on first use (once, however many jobs ask)."""
        if self.transport is not None:
            return
        if self._connecting is None:
            self._connecting = asyncio.ensure_future(self._connect())
        await asyncio.shield(self._connecting)

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.connect_accepted_socket(lambda: _Channel(self), self.sock)
        self.transport = transport  # type: ignore[assignment]

    def send(self, payload: bytes) -> asyncio.Future[Any]:
        assert self.transport is not None
        future = asyncio.get_running_loop().create_future()
        self.pending.append(future)
        self.transport.write(_HEADER.pack(len(payload)) + payload)
        return future

    def answered(self, frame: bytes) -> None:
        if not self.pending:
            return
        future = self.pending.popleft()
        if future.cancelled():
            return
        try:
            ok, value = pickle.loads(frame)
        except Exception as exc:
            future.set_exception(RuntimeError(f"unreadable answer from a worker: {exc!r}"))
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

    def lost(self) -> None:
        """The socket closed under us: the process died (or we closed it, then nothing to do)."""
        if not self.dead:
            self.close("an extraction process died")
            self.pool._worker_lost(self)

    def close(self, why: str = "the extraction process was stopped") -> None:
        self.dead = True
        while self.pending:  # nothing may wait forever on a worker that is gone
            future = self.pending.popleft()
            if not future.done():
                future.set_exception(WorkerDied(why))
        if self.transport is not None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                self.transport.close()
        with contextlib.suppress(OSError):
            self.sock.close()


class WorkerPool:
    """``size`` extraction processes, started at once (call it before any thread exists)."""

    def __init__(
        self,
        size: int,
        initializer: Callable[[], None] | None = None,
        *,
        max_restarts: int = 5,
        on_restart: Callable[[], None] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._ctx = multiprocessing.get_context(method)
        self._initializer = initializer
        self.max_restarts = max_restarts
        self.restarts = 0
        self._on_restart = on_restart
        self._closed = False
        self.workers: list[_Worker] = []
        for _ in range(size):
            self.workers.append(self._start_worker())

    def _start_worker(self) -> _Worker:
        parent_end, child_end = socket.socketpair()
        others: list[int] = []
        if self._ctx.get_start_method() == "fork":  # a spawned child inherits no descriptors
            others = [w.sock.fileno() for w in self.workers if w.sock.fileno() >= 0]
            others.append(parent_end.fileno())
        process = self._ctx.Process(
            target=_serve, args=(child_end, others, self._initializer), daemon=True
        )
        process.start()
        child_end.close()
        parent_end.setblocking(False)
        return _Worker(self, process, parent_end)

    def _worker_lost(self, worker: _Worker) -> None:
        with contextlib.suppress(ValueError):
            self.workers.remove(worker)
        with contextlib.suppress(Exception):
            worker.process.join(0)  # reap it
        if self._closed:
            return
        if self.restarts >= self.max_restarts:
            return
        self.restarts += 1
        if self._on_restart is not None:
            self._on_restart()
        self.workers.append(self._start_worker())

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` in the least busy worker; raise what it raised, or WorkerDied."""
        if self._closed or not self.workers:
            raise PoolClosed("no extraction processes left")
        payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        worker = min(self.workers, key=lambda w: len(w.pending))
        await worker.connect()
        if worker.dead:
            raise WorkerDied("an extraction process died")
        return await worker.send(payload)

    def shutdown(self, *, wait: bool = True) -> None:
        """Close every worker's socket. ``wait``: let each finish the job in hand and exit (its
        answer is dropped: jobs still pending fail with WorkerDied); otherwise stop them at once
        (SIGTERM) and cancel what is pending."""
        self._closed = True
        workers, self.workers = self.workers, []
        for worker in workers:
            if not wait:
                for future in worker.pending:
                    future.cancel()
                with contextlib.suppress(Exception):
                    worker.process.terminate()
            worker.close()
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.process.join(None if wait else 2)
