"""The build's date and time: the same for every build of a commit, so builds are reproducible.

SOURCE_DATE_EPOCH when set (https://reproducible-builds.org/specs/source-date-epoch/), else the
commit date of HEAD, else the start of today (UTC) outside a git checkout. Pages judge staleness
by it, zips and PDFs carry it; the loader refuses dates after `latest_date`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache
from pathlib import Path


def build_epoch(root: Path | None = None) -> int:
    """Seconds since 1970-01-01 UTC of the build (see the module docstring)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    committed = _commit_epoch(str((root or Path.cwd()).resolve()))
    if committed is not None:
        return committed
    today = dt.datetime.now(dt.UTC).date()
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC).timestamp())


def build_date(root: Path | None = None) -> dt.date:
    """The build's date (UTC)."""
    return dt.datetime.fromtimestamp(build_epoch(root), dt.UTC).date()


def latest_date(root: Path | None = None) -> dt.date:
    """The latest date the data may carry: the build's date when SOURCE_DATE_EPOCH sets it, else the later of
    the build's date and today (a change not yet committed may cite a page dated today)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return build_date(root)
    return max(build_date(root), dt.datetime.now(dt.UTC).date())


@lru_cache(maxsize=8)
def _commit_epoch(root: str) -> int | None:
    """The commit date of HEAD of the git checkout holding `root`, or None (no git, not a checkout)."""
    try:
        found = subprocess.run(
            ["git", "-C", root, "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = found.stdout.strip()
    return int(stamp) if found.returncode == 0 and stamp.isdigit() else None


def date_in_words(day: dt.date, language: str) -> str:
    """`day` as the reader's language writes it, with the month's name (4 December 2026, ४ डिसेम्बर २०२६)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=language)
