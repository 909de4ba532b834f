"""The run's state: an SQLite database (WAL mode) in the output directory.

One row per URL: status (``done`` or ``failed``), attempts, hashes of the fetched body and of the
article, ETag, Last-Modified, when it was fetched, the output file, and for failures the error kind,
HTTP status and message. A row is written only after the output it describes is in place (file
renamed, or jsonl line flushed), in one transaction, so a crash at any moment leaves the database
consistent with the files: what is ``done`` is complete, anything else is fetched again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STATE_FILE = ".scrape-state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    body_hash TEXT,
    content_hash TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    output TEXT,
    error_kind TEXT,
    http_status INTEGER,
    message TEXT
);
CREATE INDEX IF NOT EXISTS urls_status ON urls(status);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class URLState:
    url: str
    status: str
    attempts: int
    body_hash: str | None
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str | None
    output: str | None
    error_kind: str | None
    http_status: int | None
    message: str | None

    def error_record(self) -> dict[str, object]:
        return {
            "url": self.url,
            "kind": self.error_kind,
            "status": self.http_status,
            "attempts": self.attempts,
            "message": self.message,
        }


_COLUMNS = (
    "url, status, attempts, body_hash, content_hash, etag, last_modified, fetched_at, output, "
    "error_kind, http_status, message"
)


class State:
    """Synchronous on purpose: every call is a primary-key lookup or a one-row upsert."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM urls LIMIT 1").fetchone() is None

    def get(self, url: str) -> URLState | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM urls WHERE url = ?", (url,)).fetchone()
        return URLState(*row) if row else None

    def failed(self) -> list[URLState]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM urls WHERE status = 'failed' ORDER BY rowid"
        ).fetchall()
        return [URLState(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, count(*) FROM urls GROUP BY status").fetchall())

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def mark_done(
        self,
        url: str,
        *,
        attempts: int,
        body_hash: str | None,
        content_hash: str | None,
        etag: str | None,
        last_modified: str | None,
        output: str | None,
        meta: dict[str, str] | None = None,
    ) -> None:
        with self.db:  # one transaction: the row and e.g. the jsonl offset together
            self.db.execute("BEGIN")
            self.db.execute(
                f"INSERT OR REPLACE INTO urls({_COLUMNS}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    url,
                    "done",
                    attempts,
                    body_hash,
                    content_hash,
                    etag,
                    last_modified,
                    now_iso(),
                    output,
                    None,
                    None,
                    None,
                ),
            )
            for key, value in (meta or {}).items():
                self._set_meta(key, value)

    def mark_unchanged(
        self,
        url: str,
        *,
        attempts: int,
        etag: str | None,
        last_modified: str | None,
        body_hash: str | None = None,
    ) -> None:
        """A refresh found nothing new: keep the row, update validators and fetched_at."""
        self.db.execute(
            "UPDATE urls SET attempts = ?, etag = coalesce(?, etag), "
            "last_modified = coalesce(?, last_modified), body_hash = coalesce(?, body_hash), "
            "fetched_at = ? WHERE url = ?",
            (attempts, etag, last_modified, body_hash, now_iso(), url),
        )

    def mark_failed(
        self,
        url: str,
        *,
        kind: str,
        attempts: int,
        http_status: int | None,
        message: str,
        keep_done: bool = False,
    ) -> None:
        """Record a failure. With ``keep_done`` (a failed refresh) a done row stays done."""
        if keep_done:
            row = self.get(url)
            if row is not None and row.status == "done":
                return
        self.db.execute(
            f"INSERT OR REPLACE INTO urls({_COLUMNS}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                url,
                "failed",
                attempts,
                None,
                None,
                None,
                None,
                now_iso(),
                None,
                kind,
                http_status,
                message,
            ),
        )
