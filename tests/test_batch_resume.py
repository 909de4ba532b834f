"""Batch runs as real subprocesses (``python -m scraper``): kill -9 and resume, Ctrl-C, pipes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from faultserver import FaultServer

from scraper.batch.state import STATE_FILE

ROOT = Path(__file__).resolve().parent.parent


def scrape_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "scraper", *args]


def start(args: list[str], **kw: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        args,
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group: signals reach the workers too
        stderr=subprocess.PIPE,
        **kw,
    )


def done_urls(out: Path) -> dict[str, str]:
    path = out / STATE_FILE
    if not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT url, output FROM urls WHERE status = 'done'").fetchall())
    finally:
        db.close()


def wait_for_files(out: Path, n: int, proc: subprocess.Popen[bytes], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"finished too early: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        if len(list(out.glob("*.json"))) >= n:
            return
        time.sleep(0.01)
    raise AssertionError("no progress")


def check_consistent(out: Path) -> dict[str, str]:
    """Every file is complete JSON, and every done URL has its file."""
    done = done_urls(out)
    names = {p.name for p in out.glob("*.json")}
    for p in out.glob("*.json"):
        data = json.loads(p.read_text("utf-8"))  # raises on a partial file
        assert data["title"] and data["blocks"]
    for url, name in done.items():
        assert name in names, url
    return done


def test_kill_9_at_several_moments_then_resume_loses_and_refetches_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    with FaultServer(latency=0.005) as server:
        paths = [f"/a/k{i}" for i in range(160)]
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(server.url(p) for p in paths) + "\n")
        args = scrape_cmd(
            "-i", str(urls), "--output-dir", str(out), "-q",
            "--delay", "0", "--per-host", "4", "--concurrency", "4", "--workers", "1",
        )  # fmt: skip
        finished_before: list[tuple[set[str], Counter[str]]] = []
        for threshold in (15, 50, 90):
            proc = start(args)
            wait_for_files(out, threshold, proc)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            done = check_consistent(out)
            assert len(done) >= threshold - 8  # (files may be renamed before their commit)
            finished_before.append((set(done), Counter(server.seen)))

        proc = start(args)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        done = check_consistent(out)
        assert set(done) == {server.url(p) for p in paths}
        assert len(list(out.glob("*.json"))) == len(paths)  # no stray or duplicate file
        assert not list((out / ".partial").glob("*")) if (out / ".partial").exists() else True
        # a URL finished before a kill was never requested again afterwards
        for finished, counts_then in finished_before:
            for url in finished:
                path = url.removeprefix(server.base)
                assert server.seen[path] == counts_then[path], path
        assert all(server.seen[p] >= 1 for p in paths)


def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with FaultServer(latency=0.05) as server:
        urls = [server.url(f"/a/c{i}") for i in range(200)]
        proc = start(scrape_cmd(*urls, "--output-dir", str(out), "--delay", "0", "--workers", "1"))
        wait_for_files(out, 5, proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 130, err.decode()
        text = err.decode()
        assert "Traceback" not in text and "interrupted" in text
        done = check_consistent(out)
        assert 5 <= len(done) < 200
        assert len(list(out.glob("*.json"))) == len(done)


def test_jsonl_from_stdin_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    with FaultServer(latency=0.02) as server:
        lines = "\n".join(["# from stdin", *(server.url(f"/a/s{i}") for i in range(300))])
        proc = start(
            scrape_cmd("-i", "-", "--format", "jsonl", "--delay", "0", "--workers", "1", "-q"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(lines.encode() + b"\n")
        proc.stdin.close()
        first = json.loads(proc.stdout.readline())
        assert first["url"].startswith(server.base)
        proc.stdout.close()  # like `| head -1`
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait(30)
        assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
        assert proc.returncode == 0
        # the run stopped when the reader went away instead of fetching everything
        assert len([p for p in server.counts if p.startswith("/a/")]) < 300


def test_jsonl_from_stdin_streams_every_article(tmp_path: Path) -> None:
    with FaultServer() as server:
        urls = [server.url(f"/a/t{i}") for i in range(12)] + [server.url("/gone/x")]
        proc = start(
            scrape_cmd("-i", "-", "--format", "jsonl", "--delay", "0", "--workers", "2"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        out, err = proc.communicate("\n".join(urls).encode(), timeout=60)
        assert proc.returncode == 1, err.decode()
        records = [json.loads(line) for line in out.decode().splitlines()]
        assert sorted(r["url"] for r in records) == sorted(urls[:-1])
        errors = [json.loads(line) for line in err.decode().splitlines() if line.startswith("{")]
        assert [(e["url"], e["kind"], e["status"]) for e in errors] == [
            (urls[-1], "http-status", 404)
        ]
