"""Nothing a contributor writes can mislead a reader: one text rule for every text, no future dates, limits,
and messages at the right place in plain words (issue #24). Each test gives the exact message and its line."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, ROOT, edit, line_of, problems_of
from tests.helpers.text_rule import FIX, HIDES, HOW, NAME, RLO, SVC, WEB, ZWJ, column_of
from whrdkb.core.builddate import latest_date
from whrdkb.core.load import validate_source, validation_context
from whrdkb.core.models import DATA_FILES
from whrdkb.core.models.textrules import HIDDEN, SCRIPT_NEEDS
from whrdkb.core.yamlsource import MAX_DEPTH, MAX_TEXT, read_yaml


@pytest.fixture
def data(project) -> Path:
    return project / "data"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_joiner_is_refused_where_the_script_does_not_need_it(data, language):
    """In the French translation at all; in Arabic, not after a Latin letter (only after an Arabic one)."""
    svc = data / "services.yaml"
    old = '        fr: {text: "Un lieu sûr pendant trois mois", status: draft}'
    if language == "fr":
        edit(svc, old, f'        fr: {{text: "Un lieu s{ZWJ}ûr pendant trois mois", status: draft}}')
    else:
        edit(svc, old, old + f'\n        ar: {{text: "Safe{ZWJ} مكان", status: draft}}')
        edit(svc, '        ar: {text: "مكان آمن لمدة ثلاثة أشهر", status: draft}\n', "")
    line = line_of(svc, ZWJ)
    col = column_of(svc, line, ZWJ)
    assert problems_of(data) == [
        f"{SVC}:{line}:{col}: service shelter-city › offer 1 › {language} › text: The text contains U+200D ZERO WIDTH "
        f"JOINER, {HIDES}. {FIX}; ZERO WIDTH JOINER is allowed only where a script needs it: in the ne and ar "
        "translations, right after a letter of their script."
    ]


def test_the_list_of_invisible_characters_matches_unicode():
    """HIDDEN holds every format (Cf) and control (Cc, but line feed and tab) character of Python's Unicode, and
    nothing else but the invisible letters and code points later Unicode versions made format characters."""
    fillers = set("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        hidden = category == "Cf" or (category == "Cc" and char not in "\n\t")
        if hidden:
            assert HIDDEN.match(char), f"U+{code:04X} {unicodedata.name(char, '')} is not in HIDDEN"
        elif HIDDEN.match(char):
            assert char in fillers or category == "Cn", f"U+{code:04X} {unicodedata.name(char, '')} is visible"
    assert set(SCRIPT_NEEDS) == {"ne", "ar"}


# ---------------------------------------------------------------- one mistake, one exact message

# (what it is, text of services.yaml, its replacement, text that finds the line, column, message);
# the column is a number, or the text whose first character is at fault.
ONE_MISTAKE = [
    (
        "an invalid phone number inside a text",
        HOW,
        'how_to_ask:\n      en: "Through open calls, or call +353 1 210 048.',
        "+353 1 210 048.",
        "+353",
        "service shelter-city › how_to_ask › en: '+353 1 210 048' is not a valid international phone number. "
        "Check the digits against the source and write it with + and the country code (for example +353 1 210 0489).",
    ),
    (
        "a look-alike letter in a web address inside a text (a Cyrillic і)",
        HOW,
        'how_to_ask:\n      en: "Through open calls on https://shelterc\u0456ty.org/apply.',
        "https://shelterc",
        "https",
        "service shelter-city › how_to_ask › en: 'https://shelterc\u0456ty.org/apply' is not a well-formed web "
        "address. Write the full address, starting with https://, its domain in plain Latin letters.",
    ),
    (
        "last_verified, a rule over the whole entry, at its own line",
        "    last_verified: 2023-10-20",
        "    last_verified: 2023-10-19",
        "last_verified: 2023-10-19",
        20,
        "service shelter-city › last_verified: The last_verified date is 2023-10-19, but the newest dated source "
        "is 2023-10-20. Set last_verified: 2023-10-20 (it is the date of the newest source, never today's date).",
    ),
    (
        "a status without its note, at the status",
        "    category: service\n",
        "    category: service\n    status: stopped\n",
        "status: stopped",
        13,
        "service shelter-city › status: The status is 'stopped' but no 'status_note' explains it. "
        "Add 'status_note:' saying what changed, with the source.",
    ),
    (
        "a text longer than the limit",
        NAME,
        'name: "' + "x" * (MAX_TEXT + 1) + '"',
        "xxxx",
        11,
        f"This text has {MAX_TEXT + 1:,} characters; a text may have at most {MAX_TEXT:,}. "
        "Shorten it: a long document belongs in shared/seeds or a hand-written page, cited from here.",
    ),
    (
        "a NUL byte",
        NAME,
        'name: "Shelter City\x00 (Justice & Peace Netherlands)"',
        "\x00",
        "\x00",
        "The file contains U+0000 NUL, an invisible control character that YAML does not allow. Delete it (it is "
        "invisible in most editors: delete the characters around this column and retype them); such characters "
        "come from copying out of a PDF, a word processor or a binary file.",
    ),
    (
        "a second document",
        "services:\n",
        "---\nservices:\n",
        "---",
        1,
        "A line '---' starts a second document here, and a data file holds one. "
        "Delete the '---' line (if a second file was pasted in, move its entries into the lists above).",
    ),
]


@pytest.mark.parametrize("what,old,new,needle,column,message", ONE_MISTAKE, ids=[case[0] for case in ONE_MISTAKE])
def test_one_mistake_gives_one_exact_message(data, what, old, new, needle, column, message):
    svc = data / "services.yaml"
    edit(svc, old, new)
    line = line_of(svc, needle)
    column = column if isinstance(column, int) else column_of(svc, line, column)
    assert problems_of(data) == [f"{SVC}:{line}:{column}: {message}"]


# ---------------------------------------------------------------- dates


def test_a_future_source_date_and_last_verified_are_refused(data):
    svc = data / "services.yaml"
    edit(svc, "        date: 2020-03-18", "        date: 2099-01-01")
    edit(svc, "    last_verified: 2023-10-20", "    last_verified: 2099-01-01")
    source_line, verified_line = line_of(svc, "date: 2099-01-01"), line_of(svc, "last_verified: 2099-01-01")
    later = (
        f"The date 2099-01-01 lies in the future (after {latest_date(data.parent)}). Write the date the source "
        "itself shows; a source cannot be dated in the future (today is SOURCE_DATE_EPOCH's date when it is set)."
    )
    assert problems_of(data) == [
        f"{SVC}:{source_line}:15: service shelter-city › source jp-2020 › date: {later}",
        f"{SVC}:{verified_line}:20: service shelter-city › last_verified: {later}",
    ]


# ---------------------------------------------------------------- whole-entry rules at the field at fault


def test_a_channel_citing_an_unknown_source_is_reported_at_its_source_line(data):
    svc = data / "services.yaml"
    text = svc.read_text(encoding="utf-8")
    channel = text.index(WEB)
    source = text.index("        source: ", channel)
    end = text.index("\n", source)
    svc.write_text(text[:source] + "        source: no-such-source" + text[end:], encoding="utf-8")
    line = line_of(svc, "source: no-such-source")
    found = problems_of(data)
    assert any(
        p.startswith(f"{SVC}:{line}:17: service shelter-city › channel 1 › source: 'no-such-source' is not one of")
        for p in found
    ), found


# ---------------------------------------------------------------- limits, checked before the models


def test_nesting_deeper_than_the_limit_is_refused_without_traceback(data):
    svc = data / "services.yaml"
    edit(svc, NAME, "name: " + "[" * 400 + "]" * 400)
    line = line_of(svc, "[[[[")
    # The file, the services list and the entry are the first three levels.
    column = column_of(svc, line, "[") + MAX_DEPTH - 3
    assert problems_of(data) == [
        f"{SVC}:{line}:{column}: The data is nested more than {MAX_DEPTH} levels deep here. Data files need "
        "far fewer levels: look for a '[' or '{' that is never closed, or lines indented further and further."
    ]


# ---------------------------------------------------------------- plain words


def test_an_unclosed_quote_is_reported_where_it_opens(data):
    svc = data / "services.yaml"
    edit(svc, NAME, "name: 'Shelter City (Justice & Peace Netherlands)")
    line = line_of(svc, "name: 'Shelter City")
    (found,) = problems_of(data)
    assert found.startswith(
        f"{SVC}:{line}:11: The text that starts here with ' is not closed on its line (the YAML reader only "
        "stumbles on line "
    ), found
    assert found.endswith(
        "End the text with '; to write ' inside it, write it twice ('') or put the whole text in \" quotes."
    )


def test_a_question_with_a_single_answer_is_told_so(data):
    pathways = data / "pathways.yaml"
    text = pathways.read_text(encoding="utf-8")
    second = text.index('          - label:\n              en: "Abroad, for a few months"')
    end = text.index("            next: relocate-abroad\n", second) + len("            next: relocate-abroad\n")
    pathways.write_text(text[:second] + text[end:], encoding="utf-8")
    line = line_of(pathways, "        options:", 2)
    assert problems_of(data) == [
        f"data/pathways.yaml:{line}:9: pathway physical-danger › step where › options: This list has 1 entry "
        "but needs at least 2. A question needs two or more answers to choose from; if there is only one way on, "
        "remove the question and let the answer before it lead straight to where this one leads."
    ]


def test_an_over_long_number_is_told_in_plain_words(data):
    evidence = data / "evidence.yaml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace("{men: 280,", "{men: " + "9" * 5000 + ",", 1), encoding="utf-8")
    line = line_of(evidence, "9" * 50)
    found = problems_of(data)
    assert len(found) == 1 and found[0].startswith(f"data/evidence.yaml:{line}:"), found
    assert found[0].endswith(
        "This number has 5,000 digits; a count has at most 12. "
        "Write the number as the source prints it; a longer one is a typing or pasting mistake."
    )
    assert "4300" not in found[0]


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_no_field_of_any_file_lets_a_direction_control_through(name):
    """A right-to-left override appended to every value of a real data file: every value's line is refused.

    But a status and a translation's fingerprint (`of`), which take fixed forms: refused too, they would
    keep their translation's text from being checked in the same run.
    """
    source, found = read_yaml(ROOT / "data" / name, f"data/{name}")
    assert source is not None and not found

    def poison(value, key=None):
        if isinstance(value, dict):
            return {k: poison(item, k) for k, item in value.items()}
        if isinstance(value, list):
            return [poison(item) for item in value]
        return value + RLO if isinstance(value, str) and key not in ("status", "of") else value

    source.data = poison(source.data)
    values = {path for path in source.positions if str(_at(source.data, path)).endswith(RLO)}
    context = validation_context({name: source}, LANGUAGES, latest_date(ROOT))
    _, problems = validate_source(source, DATA_FILES[name], context)
    refused = {problem.line for problem in problems}

    def block(path: tuple) -> tuple:
        """A text with its translations reports the first of its texts at fault: the block is the unit."""
        if path[-1] == "text" and len(path) > 1 and path[-2] in LANGUAGES:
            return path[:-2]
        return path[:-1] if path[-1] == "en" else path

    missed = [
        source.positions[path]
        for path in values
        if not any(source.positions[block(path)][0] <= line <= source.ends[block(path)][0] for line in refused)
    ]
    assert not missed, sorted(missed)[:10]


def _at(data, path):
    for step in path:
        data = data[step]
    return data
