"""The JSON Schemas are generated from the models, committed, and describe every field."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from tests.helpers import ROOT
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
    data = yaml.load((ROOT / "data" / data_file).read_text(), Loader=Yaml12Loader)
    jsonschema.Draft202012Validator(schema).validate(data)


class Yaml12Loader(yaml.SafeLoader):
    """What an editor's YAML language server reads: the YAML 1.2 core schema (no yes/no, no timestamps)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$", "-+.0123456789"),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def _fields(schema: dict):
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            yield definition.get("title", "?"), name, prop


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_every_field_has_a_title_a_description_and_an_example(data_file):
    schema = json.loads(render_schemas()[schema_name(data_file)])
    missing = [
        f"{model}.{name}"
        for model, name, prop in _fields(schema)
        if not (prop.get("title") and prop.get("description") and prop.get("examples"))
    ]
    assert not missing, missing


def test_schema_rejects_an_unknown_field():
    schema = json.loads(render_schemas()["recommendations.schema.json"])
    data = yaml.load((ROOT / "data" / "recommendations.yaml").read_text(), Loader=Yaml12Loader)
    data["themes"][0]["rows"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_field_reference_matches_the_models():
    from whrdkb.core.fieldref import render_field_reference

    committed = ROOT / "docs" / "en" / "contribute" / "fields.md"
    assert committed.read_text(encoding="utf-8") == render_field_reference(), "run `make schema`"
    assert "Allowed values: `high`, `medium`, `low`." in committed.read_text(encoding="utf-8")
