"""Standard-stream helpers shared by the single, batch and discovery runs (no heavy imports)."""

from __future__ import annotations

import os
import sys


def silence_stdout() -> None:
    """After a closed pipe (EPIPE), point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
