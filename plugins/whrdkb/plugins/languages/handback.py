"""What plugins keep between rebuilds, handed back from a fork of kb-languages to the build's process.

Under `mkdocs serve --dirty` plugins remember something about each language between rebuilds
(kb-search each page's text, kb-preview what every page showed). A fork builds some of the
languages and exits, so it hands that back: every plugin that keeps state says so by having the
two methods of `KeepsStateBetweenBuilds`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from mkdocs.config.defaults import MkDocsConfig


@runtime_checkable
class KeepsStateBetweenBuilds(Protocol):
    """A plugin that remembers something per language between builds."""

    def state_of(self, languages: list[str]) -> dict:
        """What it keeps about these languages (picklable)."""
        ...

    def adopt_state(self, state: dict) -> None:
        """Take what a fork learned about its languages."""
        ...


def state_of_plugins(config: MkDocsConfig, languages: list[str]) -> dict[str, dict]:
    """In a fork, after its last language: what each plugin keeps about these languages, by plugin name."""
    return {
        name: plugin.state_of(languages)
        for name, plugin in config.plugins.items()
        if isinstance(plugin, KeepsStateBetweenBuilds)
    }


def adopt(config: MkDocsConfig, state: dict[str, dict]) -> None:
    """In the build's process: give each plugin what a fork handed back."""
    for name, part in state.items():
        plugin = config.plugins[name]
        assert isinstance(plugin, KeepsStateBetweenBuilds), name
        plugin.adopt_state(part)
