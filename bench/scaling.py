"""Extraction time against page size, and CLI start-up time: figures, not a test.

    uv run python bench/scaling.py

Prints the median extraction time for pages of 2,000 to 32,000 paragraphs and the ratio of each
to the smallest (linear growth gives ratios close to the size ratios; quadratic would square
them), then the median wall time of `scrape --help` and of importing `scraper.cli`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scraper.extract import extract  # noqa: E402


def page(n: int) -> str:
    paras = "".join(
        f"<p>Paragraph {i}: words of a real paragraph, with <a href='/x{i}'>a link</a>.</p>"
        for i in range(n)
    )
    return (
        "<html><head><title>Big page</title></head><body><article><h1>Big page</h1>"
        f"{paras}</article></body></html>"
    )


def median_time(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    sizes = [2_000, 4_000, 8_000, 16_000, 32_000]
    base = None
    print(f"{'paragraphs':>10} {'MB':>6} {'median s':>9} {'x size':>7} {'x time':>7}")
    for n in sizes:
        html = page(n)
        seconds = median_time(lambda html=html: extract(html, "https://example.org/big"))
        base = base or (n, seconds)
        print(
            f"{n:>10} {len(html) / 1e6:>6.2f} {seconds:>9.3f} "
            f"{n / base[0]:>7.1f} {seconds / base[1]:>7.1f}"
        )
    for label, argv in (
        ("scrape --help", [sys.executable, "-m", "scraper", "--help"]),
        ("import scraper.cli", [sys.executable, "-c", "import scraper.cli"]),
        ("python -c pass", [sys.executable, "-c", "pass"]),
    ):
        seconds = median_time(
            lambda argv=argv: subprocess.run(argv, cwd=ROOT, capture_output=True, check=True), 7
        )
        print(f"{label:<20} median {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
