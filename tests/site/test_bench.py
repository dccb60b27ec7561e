"""The benchmark's report (bench/run.py): the committed performance page and the verdict on each target.

The benchmark itself is not run here (its largest size takes long); these tests read what it recorded.
"""

from __future__ import annotations

import dataclasses


def test_the_copy_kept_on_a_phone_is_measured_per_language(bench, built_site):
    """The benchmark reads each language's saved-copy size from the file lists the build writes."""
    sizes = bench.installed_sizes(built_site)
    assert set(sizes) == {"en", "fr", "es", "ar", "ne"} and all(1 < mb < 100 for mb in sizes.values())
    _, results = bench.recorded()
    seed = dataclasses.replace(next(r for r in results if r.entries == 0), installed_mb=sizes)
    shown = bench.details([seed])
    assert "Copy kept on a phone per language (its file list, without the PDFs): ar " in shown
    assert f"en {sizes['en']:.1f} MB" in shown
