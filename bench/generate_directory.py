"""Make a copy of the project whose directory holds N synthetic entries, for build-time measurements.

    .venv/bin/python bench/generate_directory.py 5000 /tmp/bench-5000
    cd /tmp/bench-5000 && ../path/to/.venv/bin/mkdocs build

The entries are fake (names "Synthetic service 17", example.org addresses,
Irish Dublin-format numbers) but valid under every loader rule, with the
same shape as real entries: several sources, channels of each type,
translations, kinds, areas and audiences drawn from the real vocabularies.
Nothing here is published: the copy lives outside the repository.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

from whrdkb.core.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "data", "docs", "overrides", "CONTRIBUTING.md")


def synthetic_service(n: int, rng: random.Random, vocab: dict) -> dict:
    """One fake but valid entry."""
    kinds = rng.sample([k["id"] for k in vocab["support_kinds"]], rng.randint(1, 3))
    countries = [c for r in vocab["regions"] for c in r["countries"]]
    areas = rng.choice([["worldwide"], [rng.choice([r["code"] for r in vocab["regions"]])], rng.sample(countries, 3)])
    date = f"20{rng.randint(15, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"synthetic-{n}",
        "name": f"Synthetic service {n}",
        "category": "service",
        "kinds": kinds,
        "summary": {
            "en": f"Synthetic entry {n} offering {', '.join(kinds)} for benchmark builds.",
            "fr": {"text": f"Entrée synthétique {n} pour les mesures de construction.", "status": "draft"},
        },
        "offers": [f"Offer {i} of entry {n}" for i in range(3)],
        "eligibility": f"Defenders at risk (synthetic entry {n}).",
        "how_to_ask": "Write through the web form.",
        "channels": [
            {"type": "web_form", "value": f"https://example.org/{n}/form", "confidence": "high", "source": "main"},
            {"type": "email", "value": f"help{n}@example.org", "confidence": "medium", "source": "main"},
            {
                "type": "phone",
                "value": f"+3531{2100000 + n % 900000:07d}",
                "confidence": "low",
                "warning": "Synthetic number.",
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
    """Copy the project to `dest` and replace its services with `count` synthetic entries."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("recommendations", "directory", "exports"))
        else:
            shutil.copy2(src, dest / part)
    vocab = read_yaml(ROOT / "data" / "vocabularies.yaml", "vocabularies.yaml")[0].data  # strict: "NO" stays Norway
    rng = random.Random(seed)
    services = [synthetic_service(n, rng, vocab) for n in range(count)]
    # safe_dump quotes strings such as NO and 0123, so the file reads back the same under any YAML reader.
    text = yaml.safe_dump(
        {"compiled_from": "bench/generate_directory.py (synthetic)", "services": services},
        allow_unicode=True,
        sort_keys=False,
        width=200,
    )
    (dest / "data" / "services.yaml").write_text(text, encoding="utf-8")
    return dest


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
