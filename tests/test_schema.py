"""The JSON Schemas are generated from the models, committed, and describe every field."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from whrdkb.core.models import DATA_FILES
from whrdkb.core.schema import render_schemas, schema_name


def test_committed_schemas_match_the_models():
    for name, text in render_schemas().items():
        committed = ROOT / "data" / "schema" / name
        assert committed.read_text(encoding="utf-8") == text, f"{committed} is out of date: run `make schema`"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_data_file_names_its_schema_on_the_first_line(data_file):
    first = (ROOT / "data" / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{schema_name(data_file)}"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_data_validates_against_its_schema_as_an_editor_reads_it(data_file):
    schema = json.loads((ROOT / "data" / "schema" / schema_name(data_file)).read_text())
    data = yaml.safe_load((ROOT / "data" / data_file).read_text())  # what an editor's YAML 1.1/1.2 parser sees
    jsonschema.Draft202012Validator(schema).validate(data)


def _fields(schema: dict):
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            yield definition.get("title", "?"), name, prop


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_every_field_has_a_title_a_description_and_an_example(data_file):
    schema = json.loads(render_schemas()[schema_name(data_file)])
    missing = [f"{model}.{name}" for model, name, prop in _fields(schema)
               if not (prop.get("title") and prop.get("description") and prop.get("examples"))]
    assert not missing, missing


def test_schema_rejects_an_unknown_field():
    schema = json.loads(render_schemas()["recommendations.schema.json"])
    data = yaml.safe_load((ROOT / "data" / "recommendations.yaml").read_text())
    data["themes"][0]["rows"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)
