"""The test suite's own layout: helpers shared through tests/helpers, and tests/unit kept free of builds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

TESTS = ROOT / "tests"
# What makes a test slow: the session builds and the browser (tests/site/conftest.py), and running commands.
SLOW_FIXTURES = {"built_site", "offline_build", "bundles", "browser", "site_url"}
SLOW_MODULES = {"subprocess", "playwright", "playwright.sync_api", "multiprocessing"}
SLOW_HELPERS = {"mkdocs_build", "make_command", "makefile_project", "run", "serve", "search_on_page"}


def python_files(folder: Path) -> list[Path]:
    """Every Python file under `folder`, in a stable order."""
    return sorted(folder.rglob("*.py"))


def imported_modules(tree: ast.Module) -> list[tuple[int, str, list[str]]]:
    """(line, module, names imported from it) for each import of a parsed file, at any depth."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or "", [alias.name for alias in node.names]))
    return found


def slow_uses(path: Path) -> list[str]:
    """Where a test file uses a slow fixture, imports a command runner or a browser, or calls a build helper."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    found = []
    for line, module, names in imported_modules(tree):
        if module in SLOW_MODULES or module.split(".")[0] in SLOW_MODULES:
            found.append(f"{where}:{line}: imports {module}")
        found += [f"{where}:{line}: imports {name}" for name in names if name in SLOW_HELPERS]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            arguments = {a.arg for a in node.args.args + node.args.kwonlyargs}
            found += [f"{where}:{node.lineno}: {node.name} uses {name}" for name in sorted(arguments & SLOW_FIXTURES)]
    return found


def test_no_test_module_imports_another_or_conftest():
    """Shared code lives in tests/helpers, shared fixtures in a conftest.py: a test module imports neither."""
    wrong = []
    for path in python_files(TESTS):
        for line, module, _ in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            last = module.split(".")[-1]
            if last.startswith("test_") or last == "conftest":
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert not wrong, wrong


def test_every_test_file_is_in_unit_or_site():
    """Tests live in tests/unit (fast) or tests/site (builds, browsers, commands), nowhere else."""
    stray = [p.relative_to(ROOT).as_posix() for p in TESTS.rglob("test_*.py") if p.parent.name not in ("unit", "site")]
    assert not stray, stray


def test_the_unit_tests_build_nothing():
    """tests/unit uses no site build, browser or command; the slow fixtures are out of its reach."""
    found = [use for path in python_files(TESTS / "unit") for use in slow_uses(path)]
    assert not found, "move these tests to tests/site:\n" + "\n".join(found)
    fixtures_here = {
        node.name
        for conftest in (TESTS / "conftest.py", TESTS / "unit" / "conftest.py")
        if conftest.exists()
        for node in ast.parse(conftest.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef)
    }
    assert not fixtures_here & SLOW_FIXTURES, "slow fixtures belong in tests/site/conftest.py"


@pytest.mark.parametrize(
    "source,expected",
    [
        ("def test_a(built_site):\n    pass\n", "test_a uses built_site"),
        ("import subprocess\n", "imports subprocess"),
        ("from tests.helpers import mkdocs_build\n", "imports mkdocs_build"),
        ("def test_b(browser, tmp_path):\n    pass\n", "test_b uses browser"),
    ],
)
def test_the_layout_check_can_fail(tmp_path, source, expected):
    """The check above finds each kind of slow use it looks for."""
    probe = tmp_path / "test_probe.py"
    probe.write_text(source, encoding="utf-8")
    found = slow_uses(probe)
    assert any(expected in use for use in found), found
