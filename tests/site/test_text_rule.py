"""Nothing a contributor writes can mislead a reader: one text rule for every text, no future dates, limits,
and messages at the right place in plain words (issue #24). Each test gives the exact message and its line."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import BIN, build_only, copy_project, edit, line_of, mkdocs_build
from tests.helpers.text_rule import FIX, HIDES, HOW, NAME, RLO, SVC, WEB, ZWJ, ZWNJ, ZWSP, column_of

REORDERS = (
    "an invisible character that changes the order in which the text around it is shown, so readers may see "
    "something else than what is written (another phone number, for example)"
)


def the_three_payloads(svc: Path) -> list[str]:
    """A right-to-left override in a service name and in a how-to-ask text, a zero-width space in a web page
    channel: the three problems exactly as `make validate` and the build must print them."""
    edit(svc, NAME, f'name: "Shelter City {RLO}(Justice & Peace Netherlands)"')
    edit(svc, HOW, f'how_to_ask:\n      en: "Through open calls. Call +{RLO}3531210048 9.')
    edit(svc, WEB, f'value: "https://sheltercity.org/{ZWSP}apply/"')
    name, how, web = (
        line_of(svc, needle) for needle in ('name: "Shelter City \u202e', "Call +", "sheltercity.org/\u200b")
    )
    return [
        f"{SVC}:{name}:{column_of(svc, name, RLO)}: service shelter-city › name: The text contains "
        f"U+202E RIGHT-TO-LEFT OVERRIDE, {REORDERS}. {FIX}.",
        f"{SVC}:{how}:{column_of(svc, how, RLO)}: service shelter-city › how_to_ask › en: The text contains "
        f"U+202E RIGHT-TO-LEFT OVERRIDE, {REORDERS}. {FIX}.",
        f"{SVC}:{web}:{column_of(svc, web, ZWSP)}: service shelter-city › channel 1 › value: The text contains "
        f"U+200B ZERO WIDTH SPACE, {HIDES}. {FIX}.",
    ]


# ---------------------------------------------------------------- the text rule


def test_invisible_characters_fail_validate_and_the_build_at_their_column(project):
    """`make validate` and the build both refuse the three payloads with the same exact lines."""
    expected = the_three_payloads(project / SVC)
    validate = _run([str(BIN / "whrdkb"), "validate"], project)
    assert validate.returncode == 1
    for line in expected:
        assert line in validate.stderr.splitlines(), (line, validate.stderr)
    build = mkdocs_build(project)
    assert build.returncode != 0
    for line in expected:
        assert line in build.stderr, (line, build.stderr[-3000:])
    assert "Traceback" not in validate.stderr + build.stderr


def test_nepali_text_with_the_joiners_it_needs_still_builds(tmp_path):
    """ZWJ after a virama (र्‍य) and ZWNJ (क्‌ष) in the Nepali translation: valid, built, kept on the page."""
    project = copy_project(tmp_path / "project", stamps=False)
    build_only(project, ("en", "ne"))
    svc = project / SVC
    nepali = f"खुला आह्वानमार्फत। गर्{ZWJ}यो र क्{ZWNJ}ष।"
    text = svc.read_text(encoding="utf-8")
    start = text.index(HOW)
    line_start = text.index("      ne: {text: ", start)
    line_end = text.index("\n", line_start)
    svc.write_text(
        text[:line_start] + f'      ne: {{text: "{nepali}", status: draft}}' + text[line_end:], encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (project / "site" / "ne" / "directory" / "shelter-city" / "index.html").read_text(encoding="utf-8")
    assert nepali in page


def test_an_unknown_interface_string_is_refused_with_did_you_mean(project):
    ui = project / "data" / "ui.yaml"
    edit(ui, "  theme:\n", "  themme:\n")
    line = line_of(ui, "themme:")
    result = _run([str(BIN / "whrdkb"), "validate"], project)
    assert result.returncode == 1
    assert (
        f"data/ui.yaml:{line}:3: strings › themme: No page uses the interface string 'themme'. Did you mean "
        "'theme'? Use a key the templates use (see the other keys of this file), or remove it."
    ) in result.stderr.splitlines(), result.stderr


def _run(argv: list[str], cwd: Path):
    import subprocess

    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
