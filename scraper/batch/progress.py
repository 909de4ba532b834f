"""What the user sees on stderr: a progress bar (only on a terminal), -v lines, a summary table.

stdout carries nothing but data. ``-q`` silences everything but the data and errors.jsonl.
rich is imported only when a bar or a table is actually drawn.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any

OUTCOMES = ("succeeded", "unchanged", "skipped", "failed")


class Reporter:
    def __init__(self, *, quiet: bool, verbose: bool, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.counts: Counter[str] = Counter()
        self.failed_by_kind: Counter[str] = Counter()
        self.started = time.monotonic()
        self.total: int | None = None
        self._progress: Any = None
        self._task: Any = None
        self._console: Any = None
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.bar = tty and not quiet

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> None:
        if not self.bar:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._console = Console(file=self.stream)
        self._progress = Progress(
            TextColumn("[bold]scrape"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self._console,
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("batch", total=self.total, detail="", rate="")

    def stop(self) -> None:
        if self._progress is not None:
            self._refresh()
            self._progress.stop()
            self._progress = None

    def set_total(self, total: int | None) -> None:
        self.total = total
        if self._progress is not None:
            self._progress.update(self._task, total=total)

    def add_total(self, n: int = 1) -> None:
        if self.total is not None:
            self.set_total(self.total + n)

    # -- events -------------------------------------------------------------------------------
    def line(self, text: str) -> None:
        """A line on stderr that does not fight with the bar."""
        if self._console is not None:
            self._console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream, flush=True)

    def result(self, outcome: str, url: str, detail: str = "", kind: str | None = None) -> None:
        self.counts[outcome] += 1
        if outcome == "failed" and kind:
            self.failed_by_kind[kind] += 1
        if self.verbose:
            label = {"succeeded": "ok", "unchanged": "same", "skipped": "skip"}.get(
                outcome, f"FAIL {kind}"
            )
            self.line(f"{label:<16} {url}" + (f"  {detail}" if detail else ""))
        self._refresh(advance=1)

    def note(self, text: str) -> None:
        if self.verbose:
            self.line(text)

    def warn(self, text: str) -> None:
        if not self.quiet:
            self.line(text)

    def _refresh(self, advance: int = 0) -> None:
        if self._progress is None:
            return
        c = self.counts
        detail = (
            f"done {c['succeeded']}  failed {c['failed']}  skipped {c['skipped'] + c['unchanged']}"
        )
        self._progress.update(
            self._task, advance=advance, detail=detail, rate=f"{self.rate():.1f}/s"
        )

    # -- summary ------------------------------------------------------------------------------
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        fetched = self.counts["succeeded"] + self.counts["unchanged"] + self.counts["failed"]
        return fetched / max(self.elapsed(), 1e-9)

    def summary(self, *, interrupted: bool = False) -> None:
        if self.quiet:
            return
        from rich.console import Console
        from rich.table import Table

        c = self.counts
        table = Table(title="scrape batch" + (" (interrupted)" if interrupted else ""))
        table.add_column("outcome")
        table.add_column("count", justify="right")
        table.add_row("succeeded", str(c["succeeded"]))
        if c["unchanged"]:
            table.add_row("unchanged", str(c["unchanged"]))
        table.add_row("skipped", str(c["skipped"]))
        table.add_row("failed", str(c["failed"]))
        for kind, n in sorted(self.failed_by_kind.items()):
            if kind != "robots":
                table.add_row(f"  {kind}", str(n))
        table.add_row("robots-blocked", str(self.failed_by_kind["robots"]))
        table.add_row("elapsed", f"{self.elapsed():.1f} s")
        table.add_row("pages/s", f"{self.rate():.1f}")
        Console(file=self.stream, width=60).print(table)
