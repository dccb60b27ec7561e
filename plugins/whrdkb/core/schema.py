"""JSON Schemas of the data files, generated from the models.

Committed under data/schema/ so editors autocomplete and check YAML as it is
typed (`# yaml-language-server: $schema=schema/<file>.schema.json`); a test
fails when the committed copy differs from what the models generate.
"""

from __future__ import annotations

import json
from pathlib import Path

from .export import EXPORT_MODELS
from .models import DATA_FILES


def schema_name(data_file: str) -> str:
    """recommendations.yaml → recommendations.schema.json"""
    return data_file.removesuffix(".yaml") + ".schema.json"


def render_schemas() -> dict[str, str]:
    """The JSON text of every data file's schema, by schema file name."""
    out = {}
    for data_file, model in DATA_FILES.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_name(data_file), **schema}
        out[schema_name(data_file)] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    for name, model in EXPORT_MODELS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            **model.model_json_schema(),
        }
        out[f"exports/{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into `folder`; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
