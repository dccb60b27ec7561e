"""Generator-independent core: data model, loader and pure renderers.

Nothing under `whrdkb.core` imports MkDocs (a test checks this), so the data
and the pages survive a change of site generator.
"""
