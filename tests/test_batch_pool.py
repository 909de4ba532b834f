"""The batch engine's process pool: jobs in worker processes, fed from the event loop."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from scraper.batch.pool import PoolClosed, WorkerDied, WorkerPool


def square(x: int) -> int:
    return x * x


def pid_of_worker(_: int) -> int:
    return os.getpid()


def fail(message: str) -> None:
    raise ValueError(message)


def die(_: int) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def big(n: int) -> bytes:
    return b"x" * n


def test_jobs_run_in_other_processes_and_answers_keep_their_order() -> None:
    pool = WorkerPool(2)

    async def main() -> tuple[list[int], set[int]]:
        squares = await asyncio.gather(*(pool.run(square, i) for i in range(50)))
        pids = set(await asyncio.gather(*(pool.run(pid_of_worker, i) for i in range(20))))
        pool.shutdown()
        return squares, pids

    squares, pids = asyncio.run(main())
    assert squares == [i * i for i in range(50)]
    assert os.getpid() not in pids and len(pids) == 2


def test_large_payloads_cross_in_both_directions() -> None:
    pool = WorkerPool(1)

    async def main() -> list[bytes]:
        answers = await asyncio.gather(*(pool.run(big, n) for n in (0, 1, 300_000, 5_000_000)))
        pool.shutdown()
        return answers

    assert [len(a) for a in asyncio.run(main())] == [0, 1, 300_000, 5_000_000]


def test_a_job_error_comes_back_as_that_error_and_the_worker_lives_on() -> None:
    pool = WorkerPool(1)

    async def main() -> int:
        with pytest.raises(ValueError, match="bad page"):
            await pool.run(fail, "bad page")
        answer = await pool.run(square, 7)
        pool.shutdown()
        return answer

    assert asyncio.run(main()) == 49
    assert pool.restarts == 0


def test_a_dead_worker_fails_its_job_and_is_replaced() -> None:
    restarted: list[bool] = []
    pool = WorkerPool(1, max_restarts=2, on_restart=lambda: restarted.append(True))

    async def main() -> int:
        first = await pool.run(pid_of_worker, 0)
        with pytest.raises(WorkerDied):
            await pool.run(die, 0)
        second = await pool.run(pid_of_worker, 0)
        assert second != first
        answer = await pool.run(square, 3)
        pool.shutdown()
        return answer

    assert asyncio.run(main()) == 9
    assert restarted == [True] and pool.restarts == 1


def test_restarts_are_bounded_then_jobs_fail_cleanly() -> None:
    pool = WorkerPool(1, max_restarts=1)

    async def main() -> None:
        for _ in range(2):
            with pytest.raises(WorkerDied):
                await pool.run(die, 0)
        await asyncio.sleep(0.05)
        with pytest.raises(PoolClosed):
            await pool.run(square, 2)
        pool.shutdown()

    asyncio.run(main())


def test_shutdown_without_waiting_stops_busy_workers() -> None:
    pool = WorkerPool(1)

    async def main() -> None:
        job = asyncio.ensure_future(pool.run(__import__("time").sleep, 30))
        await asyncio.sleep(0.2)
        pids = [w.process.pid for w in pool.workers]
        pool.shutdown(wait=False)
        with pytest.raises(asyncio.CancelledError):
            await job
        for pid in pids:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)  # gone (and reaped)

    asyncio.run(main())


def test_jobs_pending_at_a_waiting_shutdown_fail_instead_of_hanging() -> None:
    pool = WorkerPool(1)

    async def main() -> None:
        job = asyncio.ensure_future(pool.run(__import__("time").sleep, 0.3))
        await asyncio.sleep(0.1)
        pool.shutdown(wait=True)  # the worker finishes its sleep, nobody reads the answer
        with pytest.raises(WorkerDied):
            await asyncio.wait_for(job, 5)

    asyncio.run(main())


def test_a_worker_loads_the_extractor_without_soupsieve_or_chardet_and_says_nothing() -> None:
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).parent.parent / "samples/interbellumnews/putin-trump-call.html"
    code = (
        "import sys\n"
        "from scraper.batch.worker import init_worker, extract_job\n"
        "init_worker()\n"
        "blocked = [sys.modules.get(n, 0) is None for n in ('soupsieve', 'chardet')]\n"
        "print(*blocked)\n"
        f"text = open({str(sample)!r}, encoding='utf-8').read()\n"
        "print(extract_job(text, 'https://interbellumnews.com/x', None, 'json')[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["True", "True", "ok"]
    assert done.stderr == ""
