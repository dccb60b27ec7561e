"""No traceback, ever: every file of a corpus of broken data files gives plain `file:line:col` messages (issue #24).

tests/fixtures/broken/FILE--CASE.yaml replaces data/FILE.yaml of the fixture data set (tests/fixtures/data);
tests/fixtures/broken/expected.txt names words each case's message must contain.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers.broken_corpus import BROKEN, EXPECTED, broken_project
from whrdkb.cli import main

MESSAGE = re.compile(r"^data/[a-z]+\.yaml:\d+:\d+: .+\.$")


def test_the_corpus_is_complete():
    assert sorted(EXPECTED) == sorted(p.stem for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_broken_file_gets_located_messages_and_no_traceback(case, tmp_path, capsys):
    project = broken_project(tmp_path, case)
    assert main(["--root", str(project), "validate"]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    lines = captured.err.splitlines()
    assert re.match(r"^\d+ problems? in the data files:$", lines[0]), output
    for line in lines[1:]:
        assert MESSAGE.match(line), line[:500]
    assert EXPECTED[case] in output, output[:3000]
