"""MkDocs plugins: thin adapters between MkDocs events and `whrdkb.core`.

- `pages`  (entry point `kb-pages`): writes the generated pages of every language.
- `safety` (entry point `kb-safety`): refuses unsafe configuration and unsafe page HTML.
- `search` (entry point `kb-search`): one prebuilt search index per language.
- `languages` (entry point `kb-languages`): builds static-i18n's languages in parallel processes
  (`i18n_patch.py` is the one place that patches static-i18n; `handback.py` what forks hand back).
- `preview` (entry point `kb-preview`): makes `make serve`'s dirty rebuilds give a full build's pages.
- `theme` (entry point `kb-theme`): puts right what the theme and static-i18n do wrong for this site.
- `site`: facts about the build both plugins and the command line need.
"""
