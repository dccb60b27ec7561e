"""`kb-languages`: build static-i18n's languages in parallel processes.

static-i18n builds the default language, then, from its own `on_post_build`
(priority -100), every other language in turn, in the same process and into the
same site folder. Each language's build is independent of the others once the
generated pages are written (kb-pages writes every language's pages before the
first build), so the languages after the default one are shared out between
forked processes: the build's own process builds its share, each fork builds its
share (with its search indexes) and exits, and the build waits for every fork
before it ends (priority -120).

The output is the same bytes as building the languages one after the other
(tests/test_build_identical.py): files every language's build writes at the site's
root are either the same bytes (theme assets) or written by the default language's
build only (404.html; see `default_language_templates`). Forks on Linux only
(`core.processes.can_fork`); elsewhere, or with `processes: 1`, the languages are built in turn.

Each language's build makes a new Jinja environment for the theme, which compiled
the same templates again; they share one in-memory cache of compiled templates
(Jinja checks each template's source before using its cached code).

Dirty builds (`mkdocs serve --dirty`, which make serve runs) are shared out too.
Plugins that keep something between rebuilds (kb-search each page's text, kb-preview
what every page showed) would not see what a fork learned about its languages, so
each fork hands it back through a pipe before it exits: a plugin with
`state_of(languages)` gives it, the build's process passes it to `adopt_state`.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import typing
from typing import Any

import mkdocs_static_i18n.plugin as i18n_module
from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ...core.processes import can_fork, process_count
from ..site import building_other_languages, site_languages
from .config import LanguagesConfig

log = get_plugin_logger(__name__)


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    """Shares the languages after the default one between forked processes."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        # process id -> (the languages it builds, the pipe it hands its plugins' state back through)
        self.children: dict[int, tuple[list[str], int]] = {}
        self.mine: list[str] | None = None  # the languages this process builds (None: not shared out yet)
        self.report_to: int | None = None  # in a fork: the pipe to the build's process (None: the build's own)
        self._build = None  # static-i18n's build function, while it is replaced

    # Every language's build (and every rebuild under serve) compiles the theme's templates once.
    def on_env(self, env, config: MkDocsConfig, files):
        if self.config.enabled:
            env.bytecode_cache = COMPILED_TEMPLATES
        return env

    # Before static-i18n's on_post_build (priority -100) builds the other languages: take over its build calls.
    @event_priority(-50)
    def _on_post_build_share(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or building_other_languages(config) or not can_fork():
            return
        others = site_languages(config, built_only=True)[1:]
        processes = min(process_count(self.config.processes), len(others))
        if processes < 2:
            return
        shares = share_out(others, processes)
        self._build = build = i18n_module.build

        # Called by static-i18n for each other language in turn, with `current_language` set.
        def build_or_skip(config: MkDocsConfig, dirty: bool = False) -> None:
            mine = self.mine if self.mine is not None else self.fork(shares)
            language = typing.cast(Any, config.plugins["i18n"]).current_language
            if language not in mine:
                return
            if self.report_to is None:
                build(config, dirty=dirty)
                return
            try:
                build(config, dirty=dirty)
            except BaseException as err:  # noqa: BLE001 - the fork reports and exits, the build raises
                log.error(f"the build of '{language}' failed: {err}")
                self.finish_child(config, mine, 1)  # (a failed build's on_build_error forgot self.mine)
            if language == mine[-1]:
                self.finish_child(config, mine, 0)

        i18n_module.build = build_or_skip

    # After static-i18n's loop: give its build function back, and wait for the forks.
    @event_priority(-120)
    def _on_post_build_collect(self, config: MkDocsConfig) -> None:
        if building_other_languages(config):
            return
        self.restore()
        failed = self.wait_for_children(config)
        if failed:
            raise PluginError(f"the build of {', '.join(failed)} failed (see the messages above)")

    on_post_build = CombinedEvent(_on_post_build_share, _on_post_build_collect)

    # A failed build leaves no process behind and static-i18n as it was.
    def on_build_error(self, error: Exception) -> None:
        self.restore()
        if self.report_to is None:
            for pid in self.children:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            self.wait_for_children(None)

    def fork(self, shares: list[list[str]]) -> list[str]:
        """Start one process per share but the first, which this process keeps; return this process's share."""
        sys.stdout.flush()
        sys.stderr.flush()
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                for _, pipe in self.children.values():
                    os.close(pipe)
                self.mine, self.children, self.report_to = share, {}, write_end
                return share
            os.close(write_end)
            self.children[pid] = (share, read_end)
            log.info(f"building {', '.join(share)} in process {pid}")
        self.mine = shares[0]
        return shares[0]

    def wait_for_children(self, config: MkDocsConfig | None) -> list[str]:
        """Wait for every fork; return the languages of those that failed.

        What a fork's plugins handed back is given to this process's (unless `config` is None: a failed build).
        """
        failed = []
        for pid, (languages, pipe) in self.children.items():
            with os.fdopen(pipe, "rb") as reader:
                handed = reader.read()  # before waiting: a fork blocks while the pipe is full
            _, status = os.waitpid(pid, 0)
            if handed and config is not None:
                adopt(config, pickle.loads(handed))
            if os.waitstatus_to_exitcode(status) != 0 or not handed:
                failed += languages
        self.children = {}
        return failed

    def restore(self) -> None:
        """Give static-i18n its own build function back; the next build (under serve) shares the languages out again."""
        self.mine = None
        if self._build is not None:
            i18n_module.build = self._build
            self._build = None

    def finish_child(self, config: MkDocsConfig, languages: list[str], code: int) -> None:
        """End a fork: hand back what its plugins learned (after a failure too: the pages it built are written)."""
        assert self.report_to is not None, "only a fork hands back"
        try:
            hand_back(self.report_to, config, languages)
        except Exception as err:  # noqa: BLE001 - the fork reports and exits, the build raises
            log.error(f"the build of {', '.join(languages)} could not hand back its state: {err}")
            code = 1
        self.exit_child(code)

    def exit_child(self, code: int) -> None:
        """End a fork without running the rest of the build (the parent finishes it)."""
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the life of the process (Jinja checks the source's checksum)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = MemoryBytecodeCache()


def hand_back(pipe: int, config: MkDocsConfig, languages: list[str]) -> None:
    """In a fork, after its last language: send the build's process what each plugin keeps about them between builds."""
    state = {name: plugin.state_of(languages) for name, plugin in config.plugins.items() if hasattr(plugin, "state_of")}
    handed = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)  # whole, or nothing sent
    with os.fdopen(pipe, "wb") as writer:
        writer.write(handed)


def adopt(config: MkDocsConfig, state: dict) -> None:
    """In the build's process: give each plugin what a fork handed back."""
    for name, part in state.items():
        typing.cast(Any, config.plugins[name]).adopt_state(part)


def share_out(languages: list[str], processes: int) -> list[list[str]]:
    """Deal the languages out in turn, as cards: the build's own process gets the first share."""
    return [languages[start::processes] for start in range(processes)]
