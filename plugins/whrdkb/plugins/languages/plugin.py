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
(tests/site/test_build_identical.py): files every language's build writes at the site's
root are either the same bytes (theme assets) or written by the default language's
build only (404.html; see kb-theme's `default_language_templates`). Forks on Linux only
(`core.processes.can_fork`); elsewhere, or with `processes: 1`, the languages are built in turn.

Each language's build makes a new Jinja environment for the theme, which compiled
the same templates again; they share one in-memory cache of compiled templates
(Jinja checks each template's source before using its cached code).

Dirty builds (`mkdocs serve --dirty`, which make serve runs) are shared out too.
Plugins that keep something between rebuilds (kb-search each page's text, kb-preview
what every page showed) would not see what a fork learned about its languages, so
each fork hands it back through a pipe before it exits (`handback.py`). The forks are
`core.processes.Forks`, as for kb-pages' rendering; static-i18n's build function is replaced in
one place only (`i18n_patch.py`, which refuses a version of static-i18n it does not know).
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ...core.processes import Forks, can_fork, process_count, share_out
from ..site import building_other_languages, site_languages
from .config import LanguagesConfig
from .handback import adopt, state_of_plugins
from .i18n_patch import BuildPatch, check_version, current_language

log = get_plugin_logger(__name__)


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    """Shares the languages after the default one between forked processes."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.forks: Forks[str] = Forks()  # this build's forks (a new one each time the languages are shared out)
        self.patch = BuildPatch()

    # At the start: refuse a version of static-i18n whose build loop the patch does not know.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled and can_fork():
            check_version()
        return config

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
        forks: Forks[str] = Forks()
        self.forks = forks

        # Called by static-i18n for each other language in turn, with `current_language` set.
        def build_or_skip(config: MkDocsConfig, dirty: bool = False) -> None:
            mine = forks.share if forks.share is not None else forks.start(shares, started=_log_fork)
            language = current_language(config)
            if language not in mine:
                return
            if not forks.in_fork:
                build(config, dirty=dirty)
                return
            try:
                build(config, dirty=dirty)
            except BaseException as err:  # noqa: BLE001 - the fork reports and exits, the build raises
                log.error(f"the build of '{language}' failed: {err}")
                self.finish_fork(config, mine, 1)
            if language == mine[-1]:
                self.finish_fork(config, mine, 0)

        build = self.patch.install(build_or_skip)

    # After static-i18n's loop: give its build function back, and wait for the forks.
    @event_priority(-120)
    def _on_post_build_collect(self, config: MkDocsConfig) -> None:
        if building_other_languages(config):
            return
        self.patch.restore()
        failed = self.collect(config)
        if failed:
            raise PluginError(f"the build of {', '.join(failed)} failed (see the messages above)")

    on_post_build = CombinedEvent(_on_post_build_share, _on_post_build_collect)

    # A failed build leaves no process behind and static-i18n as it was.
    def on_build_error(self, error: Exception) -> None:
        self.patch.restore()
        if not self.forks.in_fork:
            self.forks.stop()

    def collect(self, config: MkDocsConfig) -> list[str]:
        """Wait for every fork, give this process's plugins what each handed back; return the failed languages.

        A fork that failed still hands back what it learned (the pages it built are written).
        """
        failed = []
        for handed in self.forks.collect():
            if isinstance(handed.value, dict):
                adopt(config, handed.value)
            if not handed.ok:
                failed += handed.share
        return failed

    def finish_fork(self, config: MkDocsConfig, languages: list[str], code: int) -> None:
        """End a fork: hand back what its plugins learned about its languages, and exit with `code`."""
        try:
            state = state_of_plugins(config, languages)
        except Exception as err:  # noqa: BLE001 - the fork reports and exits, the build raises
            log.error(f"the build of {', '.join(languages)} could not hand back its state: {err}")
            self.forks.hand_back(False, str(err), 1)
        self.forks.hand_back(code == 0, state, code)


def _log_fork(pid: int, share: list[str]) -> None:
    """Say which languages a fork builds."""
    log.info(f"building {', '.join(share)} in process {pid}")


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
