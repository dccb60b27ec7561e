"""The benchmark's report (bench/run.py): the committed performance page and the verdict on each target.

The benchmark itself is not run here (its largest size takes long); these tests read what it recorded.
"""

from __future__ import annotations

import dataclasses

import pytest


def test_the_performance_page_shows_the_recorded_figures(bench):
    # What `bench/run.py --write` (or --page-only) writes from bench/results.json: a hand edit of
    # the figures, or results recorded without rewriting the page, fails here.
    machine, results = bench.recorded()
    page = bench.PAGE.read_text(encoding="utf-8")
    assert results, "bench/results.json records no run"
    assert bench.page_text(page, machine, results) == page, "run: .venv/bin/python bench/run.py --page-only"


def test_every_target_is_judged_on_the_sizes_it_names(bench):
    _, results = bench.recorded()
    seed = next(r for r in results if r.entries == 0)
    fast = dataclasses.replace(seed, rebuild_s=2.9, search_ms=149.0)
    slow = dataclasses.replace(seed, rebuild_s=3.1, search_ms=151.0)
    assert "- Met: rebuild under make serve after one YAML edit, seed, at most 3 s: 2.9 s." in bench.verdicts([fast])
    verdicts = bench.verdicts([slow])
    assert "- **Not met**: rebuild under make serve after one YAML edit, seed, at most 3 s: 3.1 s." in verdicts
    assert "- **Not met**: first search result (4x slower CPU), seed, at most 150 ms: 151 ms." in verdicts
    # A target of the 5,000-entry size is not judged on the seed's figures.
    assert "- Not measured: full build of every language, 5,000 entries, at most 180 s." in verdicts
    # A target of every size is judged on the worst of them, and says which size that was.
    big = dataclasses.replace(seed, entries=500, build_s=seed.baseline_s * 1.2, build_runs=[], baseline_runs=[])
    assert "- **Not met**: ratio to the plain-Markdown baseline, at most 1.15x: 1.20x (at 500 entries)." in (
        bench.verdicts([seed, big])
    )


def test_growth_is_linear_only_while_the_slopes_agree(bench):
    _, results = bench.recorded()
    seed = next(r for r in results if r.entries == 0)
    sizes = [dataclasses.replace(seed, entries=n, build_s=s) for n, s in ((500, 50.0), (2000, 200.0), (5000, 500.0))]
    assert "- Met: cost growing linearly" in bench.verdicts(sizes)
    sizes[-1] = dataclasses.replace(sizes[-1], build_s=700.0)  # 100 s per 1,000 entries, then 166.7
    assert (
        "- **Not met**: cost growing linearly (the slopes between sizes within 25% of each other): 100.0, 166.7 s"
        in (bench.verdicts(sizes))
    )


def test_builds_and_baselines_alternate_and_are_judged_on_medians(bench):
    _, results = bench.recorded()
    seed = next(r for r in results if r.entries == 0)
    # A slow spell during the second pair slows both of its builds: the pairs' ratios stay close.
    runs = dataclasses.replace(seed, build_runs=[8.0, 16.0, 8.4], baseline_runs=[10.0, 19.0, 10.0])
    assert runs.ratio() == pytest.approx(0.84)  # the median of 0.80, 0.842 and 0.84
    assert "ratio to the plain-Markdown baseline, at most 1.15x: 0.84x." in bench.verdicts([runs])
    row = bench.table([dataclasses.replace(runs, build_s=8.4, baseline_s=10.0)])
    assert "| 8.4 s (8.0–16.0) | 10.0 s (10.0–19.0) | 0.84x (0.80–0.84) |" in row
