"""The loader closes YAML's traps and reports every problem with file, line and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, ROOT, edit, line_of, problems_of
from whrdkb.core import yamlsource
from whrdkb.core.load import load_knowledge_base

REC = "data/recommendations.yaml"


@pytest.fixture
def data(project) -> Path:
    return project / "data"


def test_real_data_loads():
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    ids = [row.id for _, row in kb.rows()]
    assert ids == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
        "2.6",
        "2.7",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
    ]


def test_duplicate_key_is_an_error_at_the_second_key(data):
    rec = data / "recommendations.yaml"
    edit(
        rec,
        '        problem:\n          en: "Psychological stress and trauma"',
        '        problem: "first"\n        problem:\n          en: "Psychological stress and trauma"',
    )
    line = line_of(rec, "problem:", 5)  # the repeated key
    found = problems_of(data)
    assert any(
        p.startswith(f"{REC}:{line}:") and "appears twice" in p and f"first on line {line - 1}" in p for p in found
    ), found


@pytest.mark.parametrize("typed", ["NO", "on", "0123", "17:30", "yes", "~", "2021-10-01"])
def test_unquoted_scalars_stay_the_text_typed(data, typed):
    rec = data / "recommendations.yaml"
    edit(
        rec,
        '          en: "Psychological stress and trauma"\n          fr: {text: "Stress psychologique et traumatisme", status: draft}\n          es: {text: "Estrés psicológico y trauma", status: draft}\n          ar: {text: "الضغط النفسي والصدمة", status: draft}\n          ne: {text: "मानसिक तनाव र आघात", status: draft}\n        needs:',
        f"          en: {typed}\n        needs:",
    )
    kb = load_knowledge_base(data, LANGUAGES)
    row = next(r for _, r in kb.rows() if r.id == "1.2")
    assert row.problem.en == typed


def test_anchor_and_alias_are_rejected(data):
    rec = data / "recommendations.yaml"
    edit(rec, "tags: [psychosocial]", "tags: &t [psychosocial]")
    edit(rec, "tags: [legal]", "tags: *t")
    found = problems_of(data)
    anchor_line = line_of(rec, "tags: &t")
    alias_line = line_of(rec, "tags: *t")
    assert any(p.startswith(f"{REC}:{anchor_line}:") and "anchor '&t'" in p for p in found), found
    assert any(p.startswith(f"{REC}:{alias_line}:") and "alias '*t'" in p for p in found), found


@pytest.mark.parametrize("tagged", ["!!python/object:os.system x", "!custom x", "!!int 5"])
def test_custom_tags_are_rejected(data, tagged):
    rec = data / "recommendations.yaml"
    edit(rec, 'locator: "matrix, row 2.6"', f"locator: {tagged}")
    found = problems_of(data)
    line = line_of(rec, "locator: !")
    assert any(p.startswith(f"{REC}:{line}:") and "tag" in p and "not allowed" in p for p in found), found


def test_unknown_field_suggests_the_right_name(data):
    rec = data / "recommendations.yaml"
    edit(rec, "        tags: [psychosocial]", "        tagz: [psychosocial]")
    line = line_of(rec, "tagz:")
    found = problems_of(data)
    assert any(
        p.startswith(f"{REC}:{line}:9:") and "Unknown field 'tagz'" in p and "Did you mean 'tags'?" in p for p in found
    ), found


def test_missing_required_field_names_the_block(data):
    rec = data / "recommendations.yaml"
    edit(
        rec,
        '        short_title:\n          en: "Arrests under restrictive laws"\n'
        '          fr: {text: "Arrestations en vertu de lois restrictives", status: draft}\n'
        '          es: {text: "Detenciones en virtud de leyes restrictivas", status: draft}\n'
        '          ar: {text: "الاعتقالات بموجب قوانين مقيِّدة", status: draft}\n'
        '          ne: {text: "प्रतिबन्धात्मक कानुनअन्तर्गत गिरफ्तारी", status: draft}\n',
        "",
    )
    found = problems_of(data)
    assert any("short_title: The required field 'short_title' is missing" in p for p in found), found


def test_duplicate_row_id_across_themes(data):
    rec = data / "recommendations.yaml"
    edit(rec, 'id: "3.5"\n        numbering: inferred', 'id: "1.1"\n        numbering: inferred')
    line = line_of(rec, 'id: "1.1"', 2)
    first = line_of(rec, 'id: "1.1"', 1)
    found = problems_of(data)
    assert any(p.startswith(f"{REC}:{line}:") and f"'1.1' is used twice (first on line {first})" in p for p in found), (
        found
    )


@pytest.mark.parametrize(
    "old,new,what",
    [
        ("tags: [psychosocial]", "tags: [psychosocail]", "no tag with the id 'psychosocail'"),
        (
            'source: defend-her-2021\n            locator: "summary of the panel discussion"\n            covers',
            'source: defend-her-2022\n            locator: "summary of the panel discussion"\n            covers',
            "no source document with the id 'defend-her-2022'",
        ),
        (
            "actors: [diplomatic-missions, donors]",
            "actors: [diplomatic-missions, donnors]",
            "no actor with the id 'donnors'",
        ),
    ],
)
def test_dangling_references(data, old, new, what):
    rec = data / "recommendations.yaml"
    edit(rec, old, new)
    line = line_of(rec, new.split("\n")[0])
    found = problems_of(data)
    assert any(p.startswith(f"{REC}:{line}:") and what in p and "Did you mean" in p for p in found), found


def test_translation_in_unknown_language(data):
    rec = data / "recommendations.yaml"
    edit(
        rec,
        'fr: {text: "Stress psychologique et traumatisme", status: draft}',
        'fr: {text: "Stress psychologique et traumatisme", status: draft}\n          de: {text: "Stress", status: draft}',
    )
    line = line_of(rec, "de: {text")
    found = problems_of(data)
    assert any(p.startswith(f"{REC}:{line}:") and "'de' is not a language of this site" in p for p in found), found


def test_translation_status_must_be_draft_or_reviewed(data):
    rec = data / "recommendations.yaml"
    edit(
        rec,
        'fr: {text: "Formation aux compétences financières", status: draft}',
        'fr: {text: "Formation aux compétences financières", status: done}',
    )
    line = line_of(rec, "status: done")
    found = problems_of(data)
    assert any(
        p.startswith(f"{REC}:{line}:") and "'done' is not an allowed value" in p and "'draft'" in p for p in found
    ), found


def test_tick_must_be_true_or_false(data):
    rec = data / "recommendations.yaml"
    edit(rec, "current_action_answers_need: true", "current_action_answers_need: yes")
    line = line_of(rec, "current_action_answers_need: yes")
    found = problems_of(data)
    assert any(p.startswith(f"{REC}:{line}:") and "'yes' is not true or false" in p for p in found), found


def test_tab_indentation_names_the_line(data):
    rec = data / "recommendations.yaml"
    edit(rec, "        tags: [legal]", "\ttags: [legal]")
    line = line_of(rec, "\ttags: [legal]")
    found = problems_of(data)
    assert found == [
        f"{REC}:{line}:1: This line is indented with a tab character. Indent with spaces only (two spaces per level)."
    ]


def test_broken_indentation_is_a_located_syntax_error(data):
    rec = data / "recommendations.yaml"
    edit(rec, "        tags: [legal]", "         tags: [legal]")
    found = problems_of(data)
    assert len(found) == 1 and found[0].startswith(f"{REC}:") and "cannot be read" in found[0]
    assert "indentation" in found[0]


# Data files are read with libyaml (fast); PyYAML's own reader is the fallback. Both must agree.
PYTHON_READER = yamlsource._strict_loader(yamlsource._PythonEventReader)
BROKEN = {
    "indentation": "a:\n  b: 1\n c: 2\n",
    "missing colon": "a: b\nc\nd: e\n",
    "mapping in a value": "name: Front: Line\n",
    "unknown escape": 'a: "\\q"\n',
    "alias": "a: &x 1\nb: *x\n",
    "duplicate": "a: 1\nनेपाली: 2\na: 3\n",
}


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").glob("*.yaml")))
def test_libyaml_reads_every_data_file_as_pyyaml_does(name):
    assert yamlsource._StrictLoader is not PYTHON_READER and "CParser" in str(yamlsource._StrictLoader.__mro__)
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    fast, fast_problems = yamlsource.parse_yaml(text, name)
    slow, slow_problems = yamlsource.parse_yaml(text, name, loader_class=PYTHON_READER)
    assert fast_problems == slow_problems == []
    assert (fast.data, fast.positions, fast.key_positions) == (slow.data, slow.positions, slow.key_positions)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_libyaml_reports_broken_yaml_where_pyyaml_does(case):
    fast = yamlsource.parse_yaml(BROKEN[case], "x.yaml")[1]
    slow = yamlsource.parse_yaml(BROKEN[case], "x.yaml", loader_class=PYTHON_READER)[1]
    assert fast and [(p.line, p.hint) for p in fast] == [(p.line, p.hint) for p in slow]
    # libyaml points at a bad escape's backslash, PyYAML just after it.
    assert all(abs(a.column - b.column) <= 1 for a, b in zip(fast, slow, strict=True))


def test_every_problem_is_reported_at_once(data):
    edit(data / "recommendations.yaml", "tags: [psychosocial]", "tags: [nope]")
    edit(data / "recommendations.yaml", "        tags: [legal]", "        tagz: [legal]")
    edit(data / "vocabularies.yaml", "  - id: youth", "  - id: youth\n    colour: red")
    found = problems_of(data)
    assert len(found) == 3, found  # one message per mistake, across files
    assert any(p.startswith("data/vocabularies.yaml:") for p in found)
    assert any("no tag with the id 'nope'" in p for p in found)  # not hidden by the vocabulary's own error


def test_row_filed_under_the_wrong_theme(data):
    rec = data / "recommendations.yaml"
    edit(rec, 'id: "3.1"', 'id: "2.9"')
    found = problems_of(data)
    assert any("Row 2.9 is filed under theme 3" in p for p in found), found
