"""Forked processes for the build: how many, whether they may run here, and one way to share work out between them.

Both forking steps use `Forks`: kb-pages' rendering (`render.render_languages`) and kb-languages'
language builds. A fork shares the parent's memory (the loaded data is never sent), does its share
and hands back one picklable value through a pipe: `(True, value)`, or `(False, the exception)`.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")


def process_count(configured: int) -> int:
    """The value of a `processes` option: 0 means one per CPU core."""
    return configured or os.cpu_count() or 1


def can_fork() -> bool:
    """Forks on Linux only: on macOS a fork of a process with threads is unsafe, Windows has none."""
    return sys.platform.startswith("linux")


def share_out(items: list[T], processes: int) -> list[list[T]]:
    """Deal the items out in turn, as cards: the first share is the calling process's own."""
    return [items[start::processes] for start in range(processes) if items[start::processes]]


@dataclass(frozen=True)
class Handed(Generic[T]):
    """What one fork handed back: its share, whether it succeeded, and its value (or its exception, or None)."""

    share: list[T]
    ok: bool
    value: Any


class ForkFailed(Exception):
    """A fork ended without handing back a value (it was killed, or exited early)."""


class Forks(Generic[T]):
    """Forks started for the shares after the first; in each fork, `share` is its own and `in_fork` is true."""

    def __init__(self) -> None:
        self.children: dict[int, tuple[list[T], int]] = {}  # process id -> (its share, the pipe it hands back through)
        self.report_to: int | None = None  # in a fork: the pipe to the parent
        self.share: list[T] | None = None  # this process's share, once started

    @property
    def in_fork(self) -> bool:
        """True in a fork started by `start` (which must end with `hand_back`)."""
        return self.report_to is not None

    def start(self, shares: list[list[T]], started: Callable[[int, list[T]], None] | None = None) -> list[T]:
        """Fork one process per share but the first; return this process's share (in a fork, the fork's).

        `started(pid, share)` is called in the parent for each fork (to log it).
        """
        sys.stdout.flush()
        sys.stderr.flush()
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                for _, pipe in self.children.values():
                    os.close(pipe)
                self.children, self.report_to, self.share = {}, write_end, share
                return share
            os.close(write_end)
            self.children[pid] = (share, read_end)
            if started is not None:
                started(pid, share)
        self.share = shares[0]
        return shares[0]

    def hand_back(self, ok: bool, value: Any, code: int = 0) -> NoReturn:
        """In a fork: send (ok, value) to the parent and exit with `code`, running nothing more of the parent's work."""
        assert self.report_to is not None, "only a fork hands back"
        try:
            handed = pickle.dumps((ok, value), protocol=pickle.HIGHEST_PROTOCOL)  # whole, or nothing sent
        except Exception as err:  # noqa: BLE001 - an unpicklable value is reported as the fork's failure
            handed, code = pickle.dumps((False, err), protocol=pickle.HIGHEST_PROTOCOL), 1
        with os.fdopen(self.report_to, "wb") as writer:
            writer.write(handed)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    def collect(self) -> list[Handed[T]]:
        """In the parent: wait for every fork; return what each handed back (ok false if it failed or sent nothing)."""
        found = []
        for pid, (share, pipe) in self.children.items():
            with os.fdopen(pipe, "rb") as reader:
                handed = reader.read()  # before waiting: a fork blocks while the pipe is full
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            if not handed:
                found.append(Handed(share, False, ForkFailed(f"process {pid} ended with code {code} and sent nothing")))
                continue
            ok, value = pickle.loads(handed)
            found.append(Handed(share, ok and code == 0, value))
        self.children = {}
        return found

    def stop(self) -> None:
        """In the parent, after a failure: stop every fork and wait for them."""
        for pid in self.children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.collect()


def fork_map(work: Callable[[list[T]], Any], items: list[T], processes: int) -> list[Any]:
    """`work` of each share of `items`, the shares done in forks at once; raises what a fork raised.

    The results come in the order of the shares (`share_out`): the first is this process's.
    """
    forks: Forks[T] = Forks()
    shares = share_out(items, processes)
    mine = forks.start(shares)
    try:
        result = work(mine)
    except BaseException as err:
        if forks.in_fork:
            forks.hand_back(False, err, 1)
        forks.stop()
        raise
    if forks.in_fork:
        forks.hand_back(True, result)
    results = [result]
    for handed in forks.collect():
        if not handed.ok:
            raise handed.value if isinstance(handed.value, BaseException) else ForkFailed(str(handed.value))
        results.append(handed.value)
    return results
