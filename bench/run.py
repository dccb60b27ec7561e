"""The performance benchmark: build the site at several data sizes and measure it against plain Material.

    make bench                                   # seed data, 500, 2000 and 5000 entries
    .venv/bin/python bench/run.py --sizes 0 500  # 0 = the repository's own data

For each size (a project copy made by generate_directory.py, in a temporary folder):

- full build of every language, and of the default language alone (`mkdocs build --strict`),
  wall time and peak memory (Pss summed over the build and the processes it starts);
- the baseline: the same generated Markdown pages built by plain mkdocs-material with the
  same languages (mkdocs-static-i18n, Material's own search, no project plugin);
  the full build and the baseline run alternately, three times each (--repeats): the table
  shows the median with the lowest and highest run, and the ratio is the median of each
  build's ratio to the baseline run beside it (this VM's speed drifts by 20-30% between runs);
- rebuild under `mkdocs serve --dirty --strict` (what make serve runs) after one YAML edit:
  from saving the file until the edited text is served in the last language;
- site size, offline zip size (the all-languages zip of an offline build), search index
  size per language (raw and gzipped), and the size of each language's copy kept on a phone
  ("Keep this site on this phone": the sum of offline/files.<lang>.json, PDFs left out);
- gzipped weight of what a first visit fetches (HTML, CSS, JS, images), per page type, and
  the time from typing a query to the first result, in Debian's Chromium with 4x CPU
  throttling through the DevTools protocol (the search page fetches the language's index
  at the first keystroke: this time includes fetching it and loading the query's shards),
  the median of three fresh visits per language, the slowest language reported.

It prints one table (ratios to the baseline) and each target of issue #9 (`TARGETS`) as
met, not met or not measured. With --write it records the sizes it measured in
bench/results.json (a later run of a size replaces it) and rewrites the figures of
docs/en/contribute/performance.md from every size recorded, with the machine description,
the date of each and the targets (--page-only rewrites the page from bench/results.json
without measuring). Not part of `make test`: the largest size takes long.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_directory import generate  # noqa: E402  (it puts the repository's root on the path)

from tests.helpers import BIN, CHROMIUM, CHROMIUM_ARGS, ROOT, build_only, serve, site_languages  # noqa: E402

PAGE = ROOT / "docs" / "en" / "contribute" / "performance.md"
# Every size measured so far (one entry per size, the newest run wins): the page is made from it,
# so sizes can be measured in separate runs (the largest takes long).
RESULTS = ROOT / "bench" / "results.json"
# One page of each type, relative to a language's root (directory URLs).
PAGE_TYPES = {
    "home": "",
    "matrix row": "recommendations/1-3/",
    "directory entry": "directory/front-line-defenders/",
    "directory listing": "directory/kind-legal-aid/",
    "pathway step": "pathways/physical-danger/start/",
    "training": "training/briefing-1/",
    "evidence": "evidence/dhrtns-2024-2025/",
    "search": "search/",
}
QUERIES = {"en": "relocation", "fr": "relocalisation", "es": "reubicación", "ar": "النقل", "ne": "स्थानान्तरण"}
THROTTLE = 4
SAMPLE_SHARE = 20  # memory sampling sleeps 20 times as long as a sample took: under 5% of one core
SEARCH_RUNS = 3  # each language's query, on a fresh page each time; its median is reported
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Result:
    """Every figure measured for one data size."""

    entries: int
    pages: int = 0
    build_s: float = 0.0
    one_language_s: float = 0.0
    baseline_s: float = 0.0
    rebuild_s: float = 0.0
    peak_mb: float = 0.0
    site_mb: float = 0.0
    zip_mb: float = 0.0
    zim_mb: dict = field(default_factory=dict)  # Kiwix edition (ZIM) -> MB: "all" and each language
    index_kb: dict = field(default_factory=dict)  # language -> (raw KB, gzipped KB)
    # language -> MB of the copy "Keep this site on this phone" saves (its file list, without PDFs)
    installed_mb: dict = field(default_factory=dict)
    weight_kb: dict = field(default_factory=dict)  # page type -> gzipped KB of a first visit
    search_ms: float = 0.0
    search_ready_ms: float = 0.0
    measured: str = ""  # date of the run
    # Each full build and each baseline build, in the order run (alternately: A, B, A, B...). The
    # figures above are their medians; older records without runs hold one build of each.
    build_runs: list = field(default_factory=list)
    baseline_runs: list = field(default_factory=list)

    def ratio(self) -> float:
        """The median of the paired ratios (each build against the baseline run next to it)."""
        return statistics.median(pair_ratios(self)) if self.build_runs else self.build_s / self.baseline_s


def pair_ratios(result: Result) -> list[float]:
    """Each full build's time over the baseline build run right after it."""
    return [a / b for a, b in zip(result.build_runs, result.baseline_runs, strict=True)]


@dataclass(frozen=True)
class Target:
    """One of the issue's targets: a figure of some sizes (None: every size) that must not exceed `limit`."""

    name: str
    limit: float
    unit: str
    figure: typing.Callable[[Result], float]
    sizes: tuple[int, ...] | None = None


LINEAR = 1.25  # growth counts as linear when the steepest slope between sizes is within 25% of the flattest
# The targets on a 2-core machine (issue #9); 0 is the seed.
TARGETS = (
    Target("full build of every language, seed", 15, "s", lambda r: r.build_s, (0,)),
    Target("rebuild under make serve after one YAML edit, seed", 3, "s", lambda r: r.rebuild_s, (0,)),
    Target("full build of every language, 5,000 entries", 180, "s", lambda r: r.build_s, (5000,)),
    Target("ratio to the plain-Markdown baseline", 1.15, "x", lambda r: r.ratio()),
    Target("heaviest first visit, gzipped", 120, "KB", lambda r: max(r.weight_kb.values(), default=0)),
    Target("largest search index of a language, seed", 400, "KB", lambda r: largest_index(r)[0], (0,)),
    Target("first search result (4x slower CPU), seed", 150, "ms", lambda r: r.search_ms, (0,)),
    Target("first search result (4x slower CPU), 5,000 entries", 1000, "ms", lambda r: r.search_ms, (5000,)),
)

# ------------------------------------------------------------------ measuring builds


def timed_build(project: Path, site: Path, env: dict | None = None) -> tuple[float, float]:
    """Run `mkdocs build --strict`; return (wall seconds, peak memory of the build in MB).

    The build forks processes to render the pages (kb-pages) and to build the languages
    (kb-languages): the memory is the proportional set size (Pss: shared pages counted once)
    summed over the build and every process under it, sampled ten times a second, or less often
    when a sample is slow: reading a process's memory map takes the kernel about 20 ms per GB,
    on the build's cores (ten samples a second took a quarter of a core from a 2,000-entry build).
    """
    start = time.perf_counter()
    build = subprocess.Popen(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**ENV, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(build.stderr.read()), daemon=True)
    reader.start()
    peak_kb = 0
    while build.poll() is None:
        sampled = time.perf_counter()
        peak_kb = max(peak_kb, tree_pss_kb(build.pid))
        try:  # (returns as soon as the build ends: the wait adds nothing to its time)
            build.wait(timeout=max(0.1, SAMPLE_SHARE * (time.perf_counter() - sampled)))
        except subprocess.TimeoutExpired:
            pass
    seconds = time.perf_counter() - start
    reader.join()
    if build.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{''.join(errors)[-3000:]}")
    return seconds, peak_kb / 1024


def tree_pss_kb(pid: int) -> int:
    """Pss of a process and all its descendants, in KB (0 for processes that just ended)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def baseline_project(project: Path, dest: Path) -> Path:
    """The project's generated Markdown (left in docs/ by a build) with a plain Material configuration."""
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copy2(project / "CONTRIBUTING.md", dest / "CONTRIBUTING.md")
    for page in (dest / "docs").rglob("*.md"):  # the search pages name the project's template
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^template: .*\n", "", text), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = config[config.index("plugins:") : config.index("not_in_nav:")]
    i18n = re.search(r"(?m)^  - i18n:\n(?:(?:    .*)?\n)*", plugins).group(0)  # the block, to the next plugin
    # Material's search with static-i18n's duplicate removal off (it is quadratic), as in the figures.
    plain = config.replace(plugins, "plugins:\n  - search\n" + i18n + "\n")
    assert not re.search(r"(?m)^  - kb-", plain), "a project plugin in the baseline"
    # Only Material's missing Nepali interface strings are kept from the project's theme overrides.
    languages = dest / "overrides" / "partials" / "languages"
    languages.mkdir(parents=True)
    for strings in (project / "overrides" / "partials" / "languages").glob("*.html"):
        shutil.copy2(strings, languages / strings.name)
    plain = plain.replace("strict: true", "strict: false")
    (dest / "mkdocs.yml").write_text(plain, encoding="utf-8")
    return dest


def rebuild_under_serve(project: Path, port: int = 8765) -> float:
    """Seconds from saving one YAML edit until make serve's mkdocs serve serves the edited text in ne."""

    last = "ne"
    url = f"http://127.0.0.1:{port}/{last}/directory/front-line-defenders/"
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(url, lambda body: True, timeout=1800)
        services = project / "data" / "services.yaml"
        text = services.read_text(encoding="utf-8")
        marker = "Benchmark edit"
        # The entry's name (the same in every language) gets a suffix.
        edited = re.sub(r"(name: ['\"]?Front Line Defenders)", r"\g<1> " + marker, text, count=1)
        assert edited != text, "no entry to edit"
        start = time.perf_counter()
        services.write_text(edited, encoding="utf-8")
        _wait_for(url, lambda body: marker in body, timeout=1800)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, check, timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if check(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


# ------------------------------------------------------------------ measuring the output


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def index_sizes(site: Path) -> dict:
    """Each language's search index: (raw KB, gzipped KB)."""
    sizes = {}
    for path in sorted((site / "assets" / "search").glob("index.*.js")):
        data = path.read_bytes()
        sizes[path.name.split(".")[1]] = (len(data) / 1024, len(gzip.compress(data, 6)) / 1024)
    return sizes


def installed_sizes(site: Path) -> dict:
    """Each language's saved copy on a phone: the sum of its file list (offline/files.<lang>.json), in MB."""
    sizes = {}
    for path in sorted((site / "offline").glob("files.*.json")):
        listing = json.loads(path.read_text(encoding="utf-8"))
        sizes[listing["language"]] = listing["bytes"] / 1024 / 1024
    return sizes


def offline_sizes(project: Path, work: Path) -> tuple[float, dict]:
    """MB of the all-languages offline zip, and of each Kiwix edition (ZIM), as make bundles makes them."""
    from whrdkb.cli import languages_from_mkdocs_yml
    from whrdkb.core.bundles import write_zips
    from whrdkb.core.copies import offline_copies
    from whrdkb.core.load import load_knowledge_base
    from whrdkb.core.zim import make_zim, zim_text

    site = work / "offline"
    timed_build(project, site, {"OFFLINE": "true"})
    languages = languages_from_mkdocs_yml(project / "mkdocs.yml")
    copies = offline_copies(site, languages)
    bundles = write_zips(copies, work / "bundles")
    kb = load_knowledge_base(project / "data", languages)
    zims = {
        copy.language or "all": make_zim(copy, zim_text(kb, copy.language, "bench"), languages, work / "bundles").size
        for copy in copies
    }
    zip_mb = next(b.size for b in bundles if b.name.endswith("-all.zip")) / 1024 / 1024
    return zip_mb, {name: size / 1024 / 1024 for name, size in zims.items()}


def browser_figures(site: Path) -> tuple[dict, float, float]:
    """(gzipped KB of a first visit per page type, ms from typing to the first result, ms until search is ready)."""
    from playwright.sync_api import sync_playwright

    weights: dict[str, float] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, path in PAGE_TYPES.items():
            context = browser.new_context()  # empty cache: a first visit
            page = context.new_page()
            responses = []
            page.on("response", lambda response, seen=responses: seen.append(response))
            page.goto(base + path, wait_until="load")
            weights[name] = sum(len(gzip.compress(r.body(), 6)) for r in responses if r.status == 200) / 1024
            context.close()
        runs: dict[str, list[float]] = {language: [] for language in QUERIES}  # language -> ms per run
        ready = []
        for language, query in QUERIES.items():
            for _ in range(SEARCH_RUNS):
                typed, loaded = _first_result(browser, base, language, query)
                runs[language].append(typed)
                ready.append(loaded)
        browser.close()
    # Each language's median of its runs, then the slowest language.
    medians = [statistics.median(ms) if min(ms) >= 0 else -1 for ms in runs.values()]  # -1: a run found nothing
    return weights, max(medians), max(ready)


def _first_result(browser, base: str, language: str, query: str) -> tuple[float, float]:
    """(ms from typing the query to the first result, ms until the page had loaded), on a fresh, slowed-down page."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    prefix = "" if language == "en" else f"{language}/"
    page.goto(base + prefix + "search/", wait_until="load")
    ready = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    typed = page.evaluate(
        """(query) => new Promise((done) => {
            setTimeout(() => done(-1), 20000);  // no result: reported as -1
            const input = document.getElementById('kb-search-input');
            const list = document.querySelector('.kb-search__results');
            const start = performance.now();
            new MutationObserver((_, observer) => {
              if (list.children.length) { observer.disconnect(); done(performance.now() - start); }
            }).observe(list, {childList: true});
            input.value = query;
            input.dispatchEvent(new Event('input', {bubbles: true}));
        })""",
        query,
    )
    context.close()
    return typed, ready


# ------------------------------------------------------------------ one size, all figures


def measure(entries: int, work: Path, browser: bool = True, serve: bool = True, repeats: int = 3) -> Result:
    """Every figure for one data size (0: the repository's own data).

    The full build and the baseline run alternately, `repeats` times each, so that a slow spell of
    the machine weighs on both: the figures are the medians, the ratio the median of each pair's.
    """
    result = Result(entries, measured=dt.date.today().isoformat())
    project = work / "project"
    generate(entries, project)  # 0: a copy of the real data, unchanged
    site, baseline = work / "site", None
    peaks = []
    for _ in range(repeats):
        seconds, peak = timed_build(project, site)
        result.build_runs.append(seconds)
        peaks.append(peak)
        # The baseline builds the Markdown pages the first build left in docs/.
        baseline = baseline or baseline_project(project, work / "baseline")
        result.baseline_runs.append(timed_build(baseline, work / "baseline-site")[0])
    result.build_s, result.baseline_s = statistics.median(result.build_runs), statistics.median(result.baseline_runs)
    result.peak_mb = max(peaks)
    result.pages = sum(1 for _ in site.rglob("*.html"))
    result.site_mb = folder_mb(site)
    result.index_kb = index_sizes(site)
    result.installed_mb = installed_sizes(site)
    one = work / "one"
    shutil.copytree(project, one)
    build_only(one, site_languages(one / "mkdocs.yml")[:1])
    result.one_language_s, _ = timed_build(one, work / "one-site")
    result.zip_mb, result.zim_mb = offline_sizes(project, work)
    if browser:
        result.weight_kb, result.search_ms, result.search_ready_ms = browser_figures(site)
    if serve:
        result.rebuild_s = rebuild_under_serve(project)
    return result


# ------------------------------------------------------------------ reporting


def largest_index(result: Result) -> tuple[float, float]:
    """(raw KB, gzipped KB) of the largest language's search index."""
    return max(result.index_kb.values(), default=(0, 0))


def table(results: list[Result]) -> str:
    """The results as one Markdown table, with the ratio to the baseline and the slope between sizes."""
    head = (
        "| entries | pages | full build | baseline | ratio | one language | rebuild after an edit | peak memory "
        "| site | offline zip | largest index (gz) | heaviest first visit (gz) "
        "| first search result (4x slower CPU) |\n"
        # No alignment marks: Markdown's tables would write them as style attributes, which the CSP refuses.
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for r in results:
        index = largest_index(r)
        heaviest = max(r.weight_kb.values(), default=0)
        rows.append(
            f"| {r.entries or 'seed'} | {r.pages} | {r.build_s:.1f} s{spread(r.build_runs, '{:.1f}')} "
            f"| {r.baseline_s:.1f} s{spread(r.baseline_runs, '{:.1f}')} "
            f"| {r.ratio():.2f}x{spread(pair_ratios(r), '{:.2f}')} | {r.one_language_s:.1f} s "
            f"| {_or_dash(r.rebuild_s, '{:.1f} s')} "
            f"| {r.peak_mb:.0f} MB | {r.site_mb:.0f} MB | {r.zip_mb:.1f} MB | {index[0]:.0f} KB ({index[1]:.0f} KB) "
            f"| {_or_dash(heaviest, '{:.0f} KB')} | {_or_dash(r.search_ms, '{:.0f} ms')} |"
        )
    return head + "\n".join(rows) + "\n"


def spread(runs: list[float], form: str) -> str:
    """' (lowest–highest)' of several runs, or nothing for a single one."""
    return f" ({form.format(min(runs))}–{form.format(max(runs))})" if len(runs) > 1 else ""


def _or_dash(value: float, form: str) -> str:
    """A figure, or a dash where this run did not measure it (--no-serve, --no-browser)."""
    return form.format(value) if value else "–"


def details(results: list[Result]) -> str:
    """Per-language index sizes and per-page-type weights (the slopes of the build time are in `verdicts`)."""
    out = []
    for r in results:
        label = r.entries or "seed"
        indexes = ", ".join(f"{lang} {raw:.0f} KB ({gz:.0f} KB gz)" for lang, (raw, gz) in r.index_kb.items())
        weights = ", ".join(f"{name} {kb:.0f} KB" for name, kb in r.weight_kb.items())
        out.append(f"- **{label}**: search index per language: {indexes}.")
        if r.zim_mb:
            zims = ", ".join(f"{name} {mb:.1f} MB" for name, mb in r.zim_mb.items())
            out.append(f"  Kiwix editions (ZIM, like the zip without the PDFs): {zims}.")
        if r.installed_mb:
            kept = ", ".join(f"{lang} {mb:.1f} MB" for lang, mb in r.installed_mb.items())
            out.append(f"  Copy kept on a phone per language (its file list, without the PDFs): {kept}.")
        if weights:
            out.append(f"  First visit, gzipped: {weights}. Search page ready after {r.search_ready_ms:.0f} ms.")
    return "\n".join(out) + "\n"


def verdicts(results: list[Result]) -> str:
    """Each target against the figures of the sizes it applies to: met, not met, or not measured."""
    out = []
    for target in TARGETS:
        runs = [r for r in results if target.sizes is None or r.entries in target.sizes]
        figures = [(r, value) for r in runs if (value := target.figure(r))]  # 0: not measured in that run
        limit = _with_unit(target.limit, target.unit)
        if not figures:
            out.append(f"- Not measured: {target.name}, at most {limit}.")
            continue
        worst, value = max(figures, key=lambda pair: pair[1])
        verdict = "Met" if value <= target.limit else "**Not met**"
        where = "" if len(figures) == 1 else f" (at {worst.entries} entries)" if worst.entries else " (at the seed)"
        out.append(f"- {verdict}: {target.name}, at most {limit}: {_with_unit(value, target.unit)}{where}.")
    slopes = build_slopes(results)
    if slopes:  # two slopes at least to judge (three sizes); one is shown as measured
        verdict = "Met" if max(slopes) <= LINEAR * min(slopes) else "**Not met**"
        figures = ", ".join(f"{slope:.1f}" for slope in slopes)
        out.append(
            f"- {verdict if len(slopes) > 1 else 'Not measured'}: cost growing linearly (the slopes between sizes "
            f"within {LINEAR - 1:.0%} of each other): {figures} s per 1,000 entries."
        )
    return "\n".join(out) + "\n"


def build_slopes(results: list[Result]) -> list[float]:
    """Seconds of full build per 1,000 more entries, between each size and the next (the seed left out)."""
    sized = [r for r in results if r.entries]
    return [(b.build_s - a.build_s) / (b.entries - a.entries) * 1000 for a, b in zip(sized, sized[1:], strict=False)]


def _with_unit(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:,.0f} ms"
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}".replace(".0 ", " ")


def machine() -> str:
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor(),
    )
    memory = next(
        (ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0"
    )
    import material
    import mkdocs

    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}, Material {material.__version__ if hasattr(material, '__version__') else ''}"
    ).rstrip(", ")


MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


def recorded() -> tuple[str, list[Result]]:
    """The machine and every size in bench/results.json."""
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"machine": "", "runs": []}
    return stored["machine"], [Result(**run) for run in stored["runs"]]


def record(results: list[Result]) -> None:
    """Add this run's sizes to bench/results.json (replacing earlier runs of the same sizes)."""
    by_size = {result.entries: result for result in recorded()[1] + results}
    runs = [by_size[size] for size in sorted(by_size)]
    stored = {"machine": machine(), "runs": [dataclasses.asdict(run) for run in runs]}
    RESULTS.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def record_copy_sizes() -> int:
    """Measure the seed's offline zip and ZIM sizes (which depend on the data only) into its recorded run."""
    described, results = recorded()
    seed = next((r for r in results if r.entries == 0), None)
    if seed is None:
        raise SystemExit("bench/results.json has no run of the seed: run bench/run.py --sizes 0 --write first")
    with tempfile.TemporaryDirectory(prefix="bench-copies-") as work:
        project = Path(work) / "project"
        generate(0, project)  # a copy of the real data, unchanged
        seed.zip_mb, seed.zim_mb = offline_sizes(project, Path(work))
    RESULTS.write_text(
        json.dumps(
            {"machine": described, "runs": [dataclasses.asdict(r) for r in results]}, indent=1, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    write_page()
    print(details([seed]))
    return 0


def page_text(text: str, described: str, results: list[Result]) -> str:
    """The performance page's text with the figures between its marks made from `results` (measured on `described`)."""
    dates = ", ".join(f"{r.entries or 'seed'} on {r.measured}" for r in results)
    figures = (
        f"{MARK_START}\n\nMeasured on {described} ({dates}).\n\n{table(results)}\n{details(results)}\n"
        f"Against the targets:\n\n{verdicts(results)}\n{MARK_END}"
    )
    return text[: text.index(MARK_START)] + figures + text[text.index(MARK_END) + len(MARK_END) :]


def write_page() -> list[Result]:
    """Rewrite the performance page from bench/results.json; return the results it shows."""
    described, results = recorded()
    PAGE.write_text(page_text(PAGE.read_text(encoding="utf-8"), described, results), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 500, 2000, 5000], help="0: the seed data")
    parser.add_argument("--write", action="store_true", help="write the figures into the performance page")
    parser.add_argument("--no-browser", action="store_true", help="skip page weights and search timing")
    parser.add_argument("--no-serve", action="store_true", help="skip the rebuild under mkdocs serve")
    parser.add_argument(
        "--repeats", type=int, default=3, help="full and baseline builds per size, run alternately (medians)"
    )
    parser.add_argument(
        "--page-only", action="store_true", help="measure nothing: rewrite the page from bench/results.json"
    )
    parser.add_argument(
        "--copies-only",
        action="store_true",
        help="measure only the seed's offline copies (zip and ZIM sizes: the same on any machine) and record them",
    )
    args = parser.parse_args(argv)
    if args.copies_only:
        return record_copy_sizes()
    if args.page_only:
        print(verdicts(write_page()))
        return 0
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as work:
            started = time.perf_counter()
            results.append(measure(size, Path(work), not args.no_browser, not args.no_serve, args.repeats))
            print(f"size {size or 'seed'} measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            print(table(results[-1:]), file=sys.stderr)
    print(table(results))
    print(details(results))
    print(verdicts(results))
    if args.write:
        record(results)
        write_page()
        print(f"wrote {RESULTS.relative_to(ROOT)} and {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
