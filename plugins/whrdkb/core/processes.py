"""How many processes a build step uses, and whether it may fork (kb-pages' rendering, kb-languages' builds)."""

from __future__ import annotations

import os
import sys


def process_count(configured: int) -> int:
    """The value of a `processes` option: 0 means one per CPU core."""
    return configured or os.cpu_count() or 1


def can_fork() -> bool:
    """Forks on Linux only: on macOS a fork of a process with threads is unsafe, Windows has none."""
    return sys.platform.startswith("linux")
