"""Where results go: one file per article (atomic), a jsonl stream, and errors.jsonl.

Atomicity: a file is written under ``DIR/.partial/`` and moved into place with ``os.replace``
(same filesystem, so the rename is atomic); ``.partial/`` is emptied at the start of every run,
so a crash mid-write never leaves a partial article file. A jsonl output file is truncated at
start-up to the offset the state database last committed, so a half-written line (or a line whose
URL was never committed) disappears and that URL is fetched again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from scraper.batch.naming import file_name
from scraper.stdio import silence_stdout

PARTIAL_DIR = ".partial"
ERRORS_FILE = "errors.jsonl"


class StopOutput(Exception):
    """The reader of our output went away (closed pipe): end the run quietly."""


class FileWriter:
    """``--output-dir`` with ``--format json|md``: one file per article."""

    def __init__(self, directory: Path, ext: str) -> None:
        self.dir = directory
        self.ext = ext
        self.partial = directory / PARTIAL_DIR
        shutil.rmtree(self.partial, ignore_errors=True)
        self.partial.mkdir(parents=True, exist_ok=True)
        self._counter = 0

    def name_for(self, url: str) -> str:
        return file_name(url, self.ext)

    def write(self, url: str, data: bytes) -> str:
        """Write atomically; returns the file name (relative to the directory)."""
        name = self.name_for(url)
        self._counter += 1
        tmp = self.partial / f"{self._counter}-{name}"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, self.dir / name)
        return name

    def place(self, url: str, tmp: str) -> str:
        """Move a file a worker wrote under ``.partial/`` into place (atomic); its name."""
        name = self.name_for(url)
        try:
            os.replace(tmp, self.dir / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return name

    def exists(self, name: str | None) -> bool:
        return bool(name) and (self.dir / str(name)).is_file()

    def close(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)


class JsonlWriter:
    """``--format jsonl``: one article per line, flushed per record, to stdout or a file."""

    def __init__(self, path: Path | None, *, resume_offset: int | None = None) -> None:
        self.path = path
        self._own = path is not None
        if path is None:
            self._fh: IO[bytes] = sys.stdout.buffer
        elif resume_offset:
            self._fh = open(path, "r+b") if path.exists() else open(path, "wb")  # noqa: SIM115
            self._fh.truncate(resume_offset)
            self._fh.seek(resume_offset)
        else:
            self._fh = open(path, "wb")  # noqa: SIM115
        self.offset = self._fh.tell() if self._own else 0

    @property
    def state_key(self) -> str | None:
        return f"jsonl-offset:{self.path.resolve()}" if self.path is not None else None

    def write(self, line: bytes) -> int:
        """Write one record and flush it; returns the offset just after it."""
        try:
            self._fh.write(line)
            self._fh.flush()
        except BrokenPipeError as exc:
            silence_stdout()
            raise StopOutput from exc
        self.offset += len(line)
        return self.offset

    def close(self) -> None:
        if self._own:
            self._fh.close()
        else:
            with contextlib.suppress(BrokenPipeError, ValueError):
                self._fh.flush()


class ErrorLog:
    """Failures as JSON lines: ``DIR/errors.jsonl`` (appended, flushed), else stderr."""

    def __init__(self, directory: Path | None, emit_stderr: Any = None) -> None:
        self.path = directory / ERRORS_FILE if directory is not None else None
        self._fh: IO[str] | None = (
            open(self.path, "a", encoding="utf-8") if self.path is not None else None  # noqa: SIM115
        )
        self._emit = emit_stderr

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False)
        if self._fh is not None:
            self._fh.write(line + "\n")
            self._fh.flush()
        elif self._emit is not None:
            self._emit(line)
        else:
            print(line, file=sys.stderr, flush=True)

    def rewrite(self, records: Iterable[dict[str, Any]]) -> None:
        """Replace errors.jsonl with exactly these records (the failures known to the state)."""
        if self.path is None:
            return
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        tmp = self.path.with_name(f".{ERRORS_FILE}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
