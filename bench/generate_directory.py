"""Make a copy of the project whose data is scaled up to N synthetic directory entries, for measurements.

    .venv/bin/python bench/generate_directory.py 5000 /tmp/bench-5000
    cd /tmp/bench-5000 && ../path/to/.venv/bin/mkdocs build

The entries are fake (names "Synthetic service 17", example.org addresses,
Irish Dublin-format numbers) but valid under every loader rule, with the
same shape as real entries: several sources, channels of each type, a
translation of every text into every site language, kinds, areas and
audiences drawn from the real vocabularies. They are added to the real
entries (pathways refer to those). The matrix and the pathways grow with
them: one copy of a real row per ROWS_PER entries and one copy of a real
pathway per PATHWAYS_PER entries (same texts and translations, new ids).
Nothing here is published: the copy lives outside the repository.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's root: tests.helpers
from tests.helpers import ROOT, copy_project  # noqa: E402
from whrdkb.core.yamlsource import read_yaml  # noqa: E402

LANGUAGES = ("fr", "es", "ar", "ne")  # translations of every synthetic text (English is the source)
ROWS_PER = 20  # one more matrix row per this many entries
PATHWAYS_PER = 100  # one more pathway per this many entries


def localized(text: str) -> dict:
    """A synthetic text with a (synthetic) draft translation in every site language."""
    return {"en": text, **{lang: {"text": f"[{lang}] {text}", "status": "draft"} for lang in LANGUAGES}}


def synthetic_service(n: int, rng: random.Random, vocab: dict) -> dict:
    """One fake but valid entry."""
    kinds = rng.sample([k["id"] for k in vocab["support_kinds"]], rng.randint(1, 3))
    countries = [c for r in vocab["regions"] for c in r["countries"]]
    areas = rng.choice([["worldwide"], [rng.choice([r["code"] for r in vocab["regions"]])], rng.sample(countries, 3)])
    # Never later than a build's date (the loader refuses future dates): up to 2025.
    date = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"synthetic-{n}",
        "name": f"Synthetic service {n}",
        "category": "service",
        "kinds": kinds,
        "summary": localized(f"Synthetic entry {n} offering {', '.join(kinds)} for benchmark builds."),
        "offers": [localized(f"Offer {i} of entry {n}") for i in range(3)],
        "eligibility": localized(f"Defenders at risk (synthetic entry {n})."),
        "how_to_ask": localized("Write through the web form."),
        "channels": [
            {"type": "web_form", "value": f"https://example.org/{n}/form", "confidence": "high", "source": "main"},
            {"type": "email", "value": f"help{n}@example.org", "confidence": "medium", "source": "main"},
            {
                "type": "phone",
                "value": f"+3531{2100000 + n % 900000:07d}",
                "confidence": "low",
                "warning": localized("Synthetic number."),
                "source": "old",
                "languages": ["en", "fr"],
            },
        ],
        "available_24_7": rng.random() < 0.2,
        "languages": rng.sample(["en", "fr", "es", "ar", "ne", "sw", "pt", "ru"], 2),
        "areas": areas,
        "serves": [rng.choice([a["id"] for a in vocab["audiences"]])],
        "confidence": rng.choice(["high", "medium", "low"]),
        "sources": [
            {"id": "main", "url": f"https://example.org/{n}", "date": date, "official": True, "quote": "Synthetic."},
            {"id": "old", "url": f"https://example.net/{n}", "quote": "Synthetic secondary source."},
        ],
        "last_verified": date,
    }


def generate(count: int, dest: Path, seed: int = 1) -> Path:
    """Copy the project to `dest`, add `count` synthetic entries, and grow the matrix and the pathways with them."""
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    if count == 0:
        return dest  # the repository's own data, unchanged
    data = ROOT / "data"
    raw = {name: read_yaml(data / name, name)[0].data for name in ("vocabularies.yaml", "services.yaml")}
    rng = random.Random(seed)
    services = raw["services.yaml"]["services"] + [
        synthetic_service(n, rng, raw["vocabularies.yaml"]) for n in range(count)
    ]
    _dump(dest / "data" / "services.yaml", {**raw["services.yaml"], "services": services})
    _grow_matrix(dest / "data" / "recommendations.yaml", count // ROWS_PER)
    _grow_pathways(dest / "data" / "pathways.yaml", count // PATHWAYS_PER)
    return dest


class _NoAliases(yaml.SafeDumper):
    """Copied rows share objects; the data files refuse aliases, so everything is written out in full."""

    def ignore_aliases(self, data):
        return True


def _dump(path: Path, content: dict) -> None:
    # SafeDumper quotes strings such as NO and 0123, so the file reads back the same under any YAML reader.
    text = yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def _grow_matrix(path: Path, extra: int) -> None:
    """Add `extra` rows, copies of the real ones, numbered THEME.101 and up within the theme they copy."""
    content = read_yaml(path, path.name)[0].data
    themes = content["themes"]
    originals = [(theme, row) for theme in themes for row in theme["rows"]]
    for k in range(extra):
        theme, row = originals[k % len(originals)]
        theme["rows"].append({**row, "id": f"{theme['id']}.{101 + k}", "numbering": "printed"})
    _dump(path, content)


def _grow_pathways(path: Path, extra: int) -> None:
    """Add `extra` pathways, copies of the real ones with new ids."""
    content = read_yaml(path, path.name)[0].data
    originals = list(content["pathways"])
    for k in range(extra):
        content["pathways"].append({**originals[k % len(originals)], "id": f"synthetic-{k}"})
    _dump(path, content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of synthetic entries")
    parser.add_argument("dest", type=Path, help="folder for the project copy (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.count, args.dest, args.seed)
    print(f"wrote {args.count} synthetic entries into {args.dest}/data/services.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
