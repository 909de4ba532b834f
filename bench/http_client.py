"""CPU per request of the batch engine's HTTP client: scrape's h11 transport against httpx's own.

Usage (from the repo root)::

    uv run python bench/http_client.py [--requests 1000] [--concurrency 16] [--repeat 5]

The benchmark server of ``bench/batch.py`` (its own process, 50 ms latency, the sample pages)
answers ``--requests`` distinct URLs; the client side fetches them with ``fetch_page`` through
one shared client, ``--concurrency`` at a time, with a short pause per page standing in for the
hand-off to the extraction workers (so connections sit idle in the pool as in a batch run). The
figure is the client process's CPU time per request (median of ``--repeat`` passes), once with
``make_client()`` as the batch engine uses it (``scraper/transport.py``) and once with httpx's
default transport (httpcore's pool), alternating, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


async def cpu_per_request(base: str, n: int, concurrency: int, *, stock: bool) -> float:
    import httpx

    from scraper.fetch import fetch_page, make_client

    extra = {"transport": httpx.AsyncHTTPTransport()} if stock else {}
    client = make_client(max_connections=concurrency + 2, max_keepalive=concurrency + 2, **extra)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(f"{base}/story/{i}")
    handoff = asyncio.Semaphore(6)

    async def worker() -> None:
        while not queue.empty():
            page = await fetch_page(client, queue.get_nowait(), decode=False)
            assert page.status == 200 and len(page.content) > 10_000
            async with handoff:
                await asyncio.sleep(0.004)

    started = time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    used = time.process_time() - started
    await client.aclose()
    return used / n * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from batch import Server  # bench/batch.py's server

    server = Server(0.05)
    base = f"http://127.0.0.1:{server.port}"
    ours: list[float] = []
    stock: list[float] = []
    try:
        asyncio.run(cpu_per_request(base, 100, args.concurrency, stock=False))  # warm-up
        for _ in range(args.repeat):
            ours.append(
                asyncio.run(cpu_per_request(base, args.requests, args.concurrency, stock=False))
            )
            stock.append(
                asyncio.run(cpu_per_request(base, args.requests, args.concurrency, stock=True))
            )
    finally:
        server.close()
    a, b = statistics.median(ours), statistics.median(stock)
    print(f"{args.requests} requests, {args.concurrency} at a time, median of {args.repeat}:")
    print(f"  scrape's h11 transport:      {a:.3f} ms CPU per request")
    print(f"  httpx's default transport:   {b:.3f} ms CPU per request")
    print(f"  ratio: {b / a:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
