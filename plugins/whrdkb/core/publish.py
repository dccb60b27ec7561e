"""`make site` and `make bundles`: build every output beside the published one, then swap it into place.

A stop at any moment (SIGTERM from a CI timeout, Ctrl-C, a closed terminal, a
crash) never leaves a published folder (site/, bundles/, pdfs/) missing or half
written:

- each output is built in a folder of its own (BUILD_FOLDERS) and swapped into
  place only when complete: in one atomic step where the system can exchange two
  names (Linux's renameat2 with RENAME_EXCHANGE), else in two renames, the old
  folder first moved to NAME.old;
- `recover` runs first, before the data is even read: a published folder that
  is missing while NAME.old exists (a stop between the two renames) is put back,
  and every leftover build folder is removed;
- the builds (mkdocs, the PDF printer) run as children in a process group of
  their own; on SIGTERM, SIGINT or SIGHUP the whole group is stopped and waited
  for, the build folders are removed, and the command exits with 128 + the signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .bundles import CHECKSUMS, PREFIX, write_checksums, write_zips
from .copies import offline_copies
from .generated import PDF_FOLDER
from .load import load_knowledge_base
from .offline_install import write_copy_lists
from .zim import make_zim, zim_text

PUBLISHED = ("site", "bundles", "pdfs")
OFFLINE_BUILD = ".offline-build"
BUILD_FOLDERS = {"site": ".site-build", "bundles": ".bundles-build", "pdfs": ".pdfs-build"}
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_GRACE = 10.0  # seconds a stopped build may take to exit before it is killed
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class Stopped(Exception):
    """A stop signal arrived while publishing."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class BuildFailed(Exception):
    """A build step exited with an error (it has printed why)."""

    def __init__(self, returncode: int) -> None:
        super().__init__(returncode)
        self.returncode = returncode


def recover(root: Path) -> list[str]:
    """Undo what a stop left behind: put back NAME.old where NAME is missing, remove build folders. Says what it did."""
    done = []
    for name in PUBLISHED:
        target, old = root / name, root / f"{name}.old"
        if old.is_dir() and not target.exists():
            old.rename(target)
            done.append(f"put back {name}/ from {name}.old/ (an earlier run stopped while swapping)")
        elif old.exists():
            shutil.rmtree(old)
    for folder in (*BUILD_FOLDERS.values(), OFFLINE_BUILD):
        if (root / folder).exists():
            shutil.rmtree(root / folder)
            done.append(f"removed {folder}/, left by an earlier run that stopped")
    return done


def swap_into_place(new: Path, target: Path) -> None:
    """Make the complete folder `new` the published `target`, atomically where the system allows."""
    if not target.exists():
        new.rename(target)
    elif _exchange(new, target):
        shutil.rmtree(new)  # it now holds the old one
    else:
        old = target.with_name(f"{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
        new.rename(target)  # a stop before this line leaves NAME.old, which recover puts back
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not possible."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Stop signals wait until the block is done (so a swap is never cut in half)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM, SIGINT and SIGHUP raise Stopped (so the block can clean up)."""

    def stop(signum: int, frame) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_step(argv: list[str], root: Path, env: dict[str, str] | None = None) -> None:
    """Run one build step in a process group of its own; stop the whole group if this process is stopped."""
    child = subprocess.Popen(argv, cwd=root, env={**os.environ, **(env or {})}, process_group=0)
    try:
        returncode = child.wait()
    except BaseException:
        stop_group(child)
        raise
    if returncode:
        raise BuildFailed(returncode)


def stop_group(child: subprocess.Popen) -> None:
    """Stop every process of `child`'s group (mkdocs' forks too) and wait until they are gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        deadline = time.monotonic() + _GRACE
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired, ChildProcessError):
                child.wait(timeout=0.1)
            try:
                os.killpg(child.pid, 0)
            except ProcessLookupError:
                return


class Publisher:
    """Builds the offline copies (and, for the site, the online build) and publishes them; see the module doc."""

    def __init__(
        self, root: Path, languages: list[str], site_name: str = PREFIX, say: Callable[[str], None] = print
    ) -> None:
        self.root = root
        self.languages = languages  # default first, as mkdocs.yml lists them
        self.site_name = site_name  # mkdocs.yml's site_name: the Kiwix editions' creator and publisher
        self.say = say
        self.bin = Path(sys.executable).parent

    def publish(self, site: bool = True) -> int:
        """`make site` (or `make bundles` with site=False): 0 when published, else the failing step's code."""
        with stop_signals_raise():
            try:
                for line in recover(self.root):
                    self.say(line)
                self._bundles()
                if site:
                    self._site()
            except BuildFailed as failed:
                self._clean()
                return failed.returncode
            except Stopped as stop:
                with signals_held():
                    self._clean()
                self.say(
                    f"stopped by {stop}: the unfinished build folders are removed; "
                    "site/, bundles/ and pdfs/ each hold their last complete version"
                )
                return 128 + stop.signum
        return 0

    def _bundles(self) -> None:
        """The PDFs (pdfs/), then the offline build that lists and carries them, and its zips and ZIMs (bundles/)."""
        offline = self.root / OFFLINE_BUILD
        editions = BUILD_FOLDERS["pdfs"]
        run_step([sys.executable, "-m", "whrdkb.cli", "pdf", "--out", editions], self.root)
        mkdocs = [str(self.bin / "mkdocs"), "build", "--strict", "--site-dir", OFFLINE_BUILD]
        run_step(mkdocs, self.root, {"OFFLINE": "true", "PDF": "true", "KB_EDITIONS": editions})
        shutil.copytree(self.root / editions, offline / PDF_FOLDER)
        out = self.root / BUILD_FOLDERS["bundles"]
        copies = offline_copies(offline, self.languages)
        # The Kiwix editions (core/zim.py) hold the same files as the zips, with metadata in their language.
        kb = load_knowledge_base(self.root / "data", self.languages)  # the build above has checked it
        made = write_zips(copies, out)
        for copy in copies:
            # A stop waits for the ZIM being written: raised inside libzim's callbacks, it would come out
            # as libzim's RuntimeError with a traceback instead of the plain "Stopped" message.
            with signals_held():
                made.append(make_zim(copy, zim_text(kb, copy.language, self.site_name), self.languages, out))
        write_checksums(out, made)
        for bundle in made:
            self.say(f"{bundle.sha256}  {bundle.name}  ({bundle.size // 1024} KiB)")
        shutil.rmtree(offline)
        with signals_held():
            for name in ("pdfs", "bundles"):
                swap_into_place(self.root / BUILD_FOLDERS[name], self.root / name)

    def _site(self) -> None:
        """The online build, with the zips, their checksums and the PDFs copied in (and listed for saved copies)."""
        build = self.root / BUILD_FOLDERS["site"]
        run_step([str(self.bin / "mkdocs"), "build", "--strict", "--site-dir", build.name], self.root, {"PDF": "true"})
        downloads = build / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        bundles = self.root / "bundles"
        copies = sorted(bundles.glob(f"{PREFIX}-*.zip")) + sorted(bundles.glob(f"{PREFIX}-*.zim"))
        for path in copies + [bundles / CHECKSUMS]:
            shutil.copy2(path, downloads / path.name)
        shutil.copytree(self.root / "pdfs", build / "pdf")
        write_copy_lists(build, self.languages)  # the saved copies' lists, now with the PDFs
        with signals_held():
            swap_into_place(build, self.root / "site")
        self.say("The site is in site/ (open site/index.html, or run: make serve); offline copies in bundles/")

    def _clean(self) -> None:
        """Remove every build folder of this run."""
        for folder in (*BUILD_FOLDERS.values(), OFFLINE_BUILD):
            shutil.rmtree(self.root / folder, ignore_errors=True)
