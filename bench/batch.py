"""Batch throughput: ``scrape -i`` against a local server with 50 ms latency, next to trafilatura.

Usage (from the repo root)::

    uv run --group bench python bench/batch.py [--quick] [--sizes 1000,10000] [--repeat N]
        [--latency 0.05] [--concurrency 64] [--workers N] [--no-trafilatura] [--json FILE]

For each size N a local server (its own process, asyncio, keep-alive) serves N distinct article
URLs (``/story/<i>``) with the same few sample bodies (``samples/interbellumnews/*.html``), each
response delayed by ``--latency``. Then, on the same URL list:

* ``scrape -i LIST --output-dir DIR`` with politeness off (``--ignore-robots --delay 0``, high
  ``--per-host``): pages/s, wall time, CPU time (process + workers), peak RSS (sum over the process
  tree, sampled with psutil);
* ``trafilatura -i LIST -o DIR --json`` with a config whose ``SLEEP_TIME = 0`` (and SSRF protection
  off, since the server is on loopback): the same figures, and the ratio;
* extraction only: the same pages already in memory, through the same extraction job in a process
  pool of ``--workers`` processes on the same cores: pages/s, and batch / extraction-only.

Finally the peak-RSS ratio of scrape at the largest size over the smallest. With ``--repeat`` the
medians are printed. This is a measuring script, not a test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "interbellumnews"
sys.path.insert(0, str(REPO))

TRAFILATURA_CFG = """[DEFAULT]
DOWNLOAD_TIMEOUT = 30
MAX_FILE_SIZE = 20000000
MIN_FILE_SIZE = 10
SLEEP_TIME = 0
USER_AGENTS =
COOKIE =
MAX_REDIRECTS = 2
SSRF_PROTECTION = off
INSECURE_SSL_FALLBACK = on
MIN_EXTRACTED_SIZE = 250
MIN_OUTPUT_SIZE = 1
MIN_OUTPUT_COMM_SIZE = 1
MAX_TREE_SIZE =
EXTRACTION_TIMEOUT = 0
MIN_DUPLCHECK_SIZE = 100
MAX_REPETITIONS = 2
EXTENSIVE_DATE_SEARCH = on
EXTERNAL_URLS = off
"""


# --- the server ------------------------------------------------------------------------------


def sample_bodies() -> list[bytes]:
    bodies = []
    for p in sorted(SAMPLES.glob("*.html")):
        text = p.read_text("utf-8")
        lowered = p.name.lower()
        if any(word in lowered for word in ("section", "404", "not-found", "listing")):
            continue
        if '"story-page"' not in text and "<article" not in text and "pageType" in text:
            continue
        bodies.append(text.encode("utf-8"))
    if not bodies:
        raise SystemExit(f"no sample pages in {SAMPLES}")
    return bodies


def body_for(bodies: list[bytes], i: int) -> bytes:
    return bodies[i % len(bodies)] + f"\n<!-- story {i} -->\n".encode()


class _Site(asyncio.Protocol):
    """One client connection of the benchmark server: HTTP/1.1 keep-alive, each answer sent
    ``latency`` seconds after its request. A bare protocol (no streams, no task per request),
    because the server shares the cores with the tools it serves and should take little."""

    def __init__(self, bodies: list[bytes], latency: float, heads: dict[Any, bytes]) -> None:
        self.bodies = bodies
        self.latency = latency
        self.heads = heads
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            path = head.split(b" ", 2)[1].decode()
            loop.call_later(self.latency, self.answer, path)

    def answer(self, path: str) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        if path.startswith("/story/"):
            i = int(path.rsplit("/", 1)[1])
            body = body_for(self.bodies, i)
            status, ctype = b"200 OK", b"text/html; charset=utf-8"
        else:
            body, status, ctype = b"not found", b"404 Not Found", b"text/plain"
        key = (status, ctype, len(body))
        if key not in self.heads:
            self.heads[key] = (
                b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype
                + b"\r\nContent-Length: " + str(len(body)).encode()
                + b"\r\nConnection: keep-alive\r\n\r\n"
            )  # fmt: skip
        self.transport.write(self.heads[key] + body)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def _serve(port_out: multiprocessing.connection.Connection, latency: float) -> None:
    bodies = sample_bodies()
    heads: dict[Any, bytes] = {}
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Site(bodies, latency, heads), "127.0.0.1", 0, backlog=1024
    )
    port_out.send(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


def serve(port_out: multiprocessing.connection.Connection, latency: float) -> None:
    asyncio.run(_serve(port_out, latency))


class Server:
    def __init__(self, latency: float) -> None:
        parent, child = multiprocessing.Pipe()
        self.proc = multiprocessing.get_context("spawn").Process(
            target=serve, args=(child, latency), daemon=True
        )
        self.proc.start()
        self.port = parent.recv()

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (it shares the cores with the client)."""
        import psutil

        times = psutil.Process(self.proc.pid).cpu_times()
        return times.user + times.system

    def close(self) -> None:
        self.proc.terminate()
        self.proc.join(5)


# --- measuring a command ------------------------------------------------------------------------

# Peak RSS is sampled (the sum over the process tree), on the same cores as the run it measures:
# sampled every 20 ms with a /proc walk each time, the monitor took 4.8% of a core. Now it samples
# every 0.1 s and walks /proc for the tree once a second (0.3%); its own CPU is printed.
RSS_SAMPLE_INTERVAL = 0.1  # --rss-interval


@dataclass
class Run:
    tool: str
    size: int
    ok: int
    wall: float
    cpu: float
    peak_rss_mb: float
    monitor_cpu: float = 0.0  # this script's own CPU while it sampled the run's memory

    @property
    def rate(self) -> float:
        return self.ok / self.wall if self.wall else 0.0


def run_measured(
    cmd: list[str], cwd: Path, stdout: Path | None = None
) -> tuple[float, float, float, int, float]:
    """(wall s, CPU s of the whole tree, peak RSS MB of the tree, return code, CPU s this
    script spent meanwhile, i.e. the monitor's cost)."""
    import psutil

    before = os.times()
    start = time.perf_counter()
    own_before = time.process_time()
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = 0
    stop = threading.Event()
    err_chunks: list[bytes] = []

    def drain() -> None:
        assert proc.stderr is not None
        err_chunks.append(proc.stderr.read())

    def sample() -> None:
        # In its own thread, so that the wall time below is taken the moment the process
        # exits, not at the end of a sampling interval.
        nonlocal peak
        procs: list[Any] = [ps]
        tick = 0
        while not stop.is_set():
            try:
                if tick % 10 == 0:  # walking /proc for the tree is the costly part: 1 s apart
                    procs = [ps, *ps.children(recursive=True)]
                tick += 1
                rss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        rss += p.memory_info().rss
                peak = max(peak, rss)
            except psutil.Error:
                pass
            stop.wait(RSS_SAMPLE_INTERVAL)

    t = threading.Thread(target=drain, daemon=True)
    t.start()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join(5)
    if stdout:
        out.close()  # type: ignore[union-attr]
    t.join(5)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    monitor_cpu = time.process_time() - own_before
    if proc.returncode not in (0, 1):
        sys.stderr.write(b"".join(err_chunks).decode("utf-8", "replace")[-2000:])
    return wall, cpu, peak / 2**20, proc.returncode, monitor_cpu


def count_outputs(directory: Path, pattern: str) -> int:
    return sum(1 for _ in directory.rglob(pattern))


def run_scrape(urls_file: Path, size: int, work: Path, args: argparse.Namespace) -> Run:
    out = work / "scrape-out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable, "-m", "scraper", "-i", str(urls_file), "--output-dir", str(out), "-q",
        "--ignore-robots", "--delay", "0", "--per-host", str(args.concurrency),
        "--concurrency", str(args.concurrency), "--retries", "0",
    ]  # fmt: skip
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    wall, cpu, rss, _, monitor = run_measured(cmd, REPO)
    ok = count_outputs(out, "*.json")
    shutil.rmtree(out, ignore_errors=True)
    return Run("scrape", size, ok, wall, cpu, rss, monitor)


def run_trafilatura(urls_file: Path, size: int, work: Path, args: argparse.Namespace) -> Run:
    # JSON documents to stdout, one line each: with -o it names files by a hash of the extracted
    # content, so pages with the same text would overwrite each other and could not be counted.
    out = work / "trafilatura-out.jsonl"
    cfg = work / "trafilatura.cfg"
    cfg.write_text(TRAFILATURA_CFG)
    exe = Path(sys.executable).with_name("trafilatura")
    cmd = [str(exe), "-i", str(urls_file), "--json", "--config-file", str(cfg)]
    if args.trafilatura_parallel:
        cmd += ["--parallel", str(args.trafilatura_parallel)]
    wall, cpu, rss, _, monitor = run_measured(cmd, work, stdout=out)
    with open(out, "rb") as fh:
        ok = sum(1 for line in fh if line.startswith(b"{"))
    out.unlink()
    return Run("trafilatura", size, ok, wall, cpu, rss, monitor)


# --- extraction only ----------------------------------------------------------------------------


def _job(batch: list[tuple[str, str]]) -> int:
    from scraper.batch.worker import OK, extract_job

    return sum(1 for text, url in batch if extract_job(text, url, None, "json")[0] == OK)


def extraction_only(size: int, workers: int, base: str, *, cold: bool = False) -> tuple[float, int]:
    """Pages/s of extract + render on pre-decoded pages, in a pool of ``workers`` processes.

    Pages are made on the fly and fed in small batches with a bounded number in flight (like the
    batch engine), so the measurement does not pay for holding ``size`` pages in memory.
    Warm (default): the pool is started and each worker has extracted two pages before the
    clock starts, the strictest baseline. ``cold``: the clock starts before the pool, so process
    start, imports and first-page warm-up count, as they do in a batch run.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    from scraper.batch.worker import init_worker

    bodies = [b.decode("utf-8") for b in sample_bodies()]

    def batches(n: int, per: int = 4) -> Iterator[list[tuple[str, str]]]:
        for start in range(0, n, per):
            yield [
                (bodies[i % len(bodies)] + f"\n<!-- story {i} -->\n", f"{base}/story/{i}")
                for i in range(start, min(n, start + per))
            ]

    ctx = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker) as pool:
        if not cold:
            list(pool.map(_job, batches(workers * 2, 1)))  # warm-up: imports done, processes up
            start = time.perf_counter()
        ok = 0
        pending: set[Any] = set()
        for batch in batches(size):
            if len(pending) >= workers * 3:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                ok += sum(f.result() for f in done)
            pending.add(pool.submit(_job, batch))
        ok += sum(f.result() for f in wait(pending).done)
        wall = time.perf_counter() - start
    return ok / wall, ok


# --- main ---------------------------------------------------------------------------------------


def median_run(runs: list[Run]) -> Run:
    return Run(
        runs[0].tool,
        runs[0].size,
        int(statistics.median(r.ok for r in runs)),
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.peak_rss_mb for r in runs),
        statistics.median(r.monitor_cpu for r in runs),
    )


def repeat(n: int, fn: Callable[[], Run]) -> Run:
    return median_run([fn() for _ in range(n)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 200 and 2000, one pass")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated URL counts")
    parser.add_argument("--repeat", type=int, default=1, help="passes per measurement (median)")
    parser.add_argument("--latency", type=float, default=0.05, help="added server latency, s")
    parser.add_argument("--concurrency", type=int, default=16, help="scrape --concurrency")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: cores)")
    parser.add_argument("--trafilatura-parallel", type=int, default=0, help="its --parallel")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--rss-interval", type=float, default=0.1, help="seconds between peak-RSS samples"
    )
    args = parser.parse_args()
    global RSS_SAMPLE_INTERVAL
    RSS_SAMPLE_INTERVAL = args.rss_interval
    sizes = [200, 2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    workers = args.workers or os.cpu_count() or 1

    print(f"cores: {os.cpu_count()}  extraction workers: {workers}  latency: {args.latency}s")
    print(f"samples: {len(sample_bodies())} bodies from {SAMPLES.relative_to(REPO)}")
    server = Server(args.latency)
    base = f"http://127.0.0.1:{server.port}"
    results: dict[str, object] = {"sizes": sizes, "workers": workers, "latency": args.latency}
    scrape_runs: dict[int, Run] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
            work = Path(tmp)
            for size in sizes:
                urls_file = work / f"urls-{size}.txt"
                urls_file.write_text("".join(f"{base}/story/{i}\n" for i in range(size)))
                print(f"\n== {size} URLs ==")
                # scrape and extraction-only alternate (medians over --repeat), so that both
                # see the same machine load; trafilatura runs after them.
                runs: list[Run] = []
                rates: list[float] = []
                cold_rates: list[float] = []
                server_cpu: list[float] = []
                for _ in range(args.repeat):
                    before = server.cpu_seconds()
                    runs.append(run_scrape(urls_file, size, work, args))
                    server_cpu.append(server.cpu_seconds() - before)
                    rates.append(extraction_only(size, workers, base)[0])
                    cold_rates.append(extraction_only(size, workers, base, cold=True)[0])
                ours = median_run(runs)
                ex_rate = statistics.median(rates)
                cold_rate = statistics.median(cold_rates)
                scrape_runs[size] = ours
                print(_line(ours))
                print(f"  extraction only ({workers} processes): {ex_rate:8.1f} pages/s  (warm)")
                print(f"  extraction only, cold start:    {cold_rate:8.1f} pages/s")
                share = ours.rate / ex_rate if ex_rate else 0.0
                cold_share = ours.rate / cold_rate if cold_rate else 0.0
                print(
                    f"  batch / extraction-only: {share:.0%} of warm, {cold_share:.0%} of cold"
                    "   (target >= 80%)"
                )
                print(
                    f"  the RSS monitor (this script) used {ours.monitor_cpu / ours.wall:.1%} "
                    f"of one core during the scrape run"
                )
                per_page = statistics.median(server_cpu) / max(ours.ok, 1) * 1000
                print(
                    f"  the local test server used {per_page:.2f} ms CPU per page on the same "
                    f"cores ({statistics.median(server_cpu) / ours.wall:.0%} of one core)"
                )
                entry: dict[str, object] = {"scrape": asdict(ours) | {"rate": ours.rate}}
                entry["extraction_only_rate"] = ex_rate
                entry["batch_over_extraction"] = share
                entry["extraction_only_cold_rate"] = cold_rate
                entry["batch_over_cold_extraction"] = cold_share
                entry["server_cpu_ms_per_page"] = per_page
                if not args.no_trafilatura:
                    theirs = repeat(
                        args.repeat,
                        lambda: run_trafilatura(urls_file, size, work, args),  # noqa: B023
                    )
                    print(_line(theirs))
                    ratio = ours.rate / theirs.rate if theirs.rate else float("inf")
                    print(f"  scrape / trafilatura pages/s: {ratio:.2f}x   (target >= 2x)")
                    entry["trafilatura"] = asdict(theirs) | {"rate": theirs.rate}
                    entry["ratio_vs_trafilatura"] = ratio
                results[str(size)] = entry
        if len(scrape_runs) >= 2:
            small, large = min(scrape_runs), max(scrape_runs)
            ratio = scrape_runs[large].peak_rss_mb / scrape_runs[small].peak_rss_mb
            print(f"\npeak RSS {large} / {small} URLs: {ratio:.2f}x   (target <= 1.2x)")
            results["rss_ratio"] = ratio
    finally:
        server.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def _line(r: Run) -> str:
    return (
        f"  {r.tool:<12} {r.ok:>6} ok  {r.rate:8.1f} pages/s  wall {r.wall:7.2f} s  "
        f"CPU {r.cpu:7.2f} s  peak RSS {r.peak_rss_mb:7.1f} MB"
    )


if __name__ == "__main__":
    raise SystemExit(main())
