"""Problems found in data files, reported all at once with their place.

Every check in the loader produces `Problem`s instead of raising at the first
one, so a maintainer sees every mistake in one run. `DataError` carries them
and formats them as `data/FILE.yaml:LINE:COL: field: what is wrong. How to fix it.`
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one data file."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    # The one-line form every tool prints (CLI, MkDocs plugin, tests).
    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = _sentence(self.message)
        fix = f" {_sentence(self.hint)}" if self.hint else ""
        subject = f" {self.field}:" if self.field else ""
        return f"{where}:{subject} {what}{fix}"


@dataclass
class DataError(Exception):
    """Raised once, with every problem found, when data cannot be used."""

    problems: list[Problem] = field(default_factory=list)

    # Sorted by file and line so the report reads top to bottom.
    def __str__(self) -> str:
        lines = [str(p) for p in sorted(set(self.problems))]
        count = len(lines)
        head = f"{count} problem{'s' if count != 1 else ''} in the data files:"
        return "\n".join([head, *lines])


# Problems read as sentences: capital letter first, full stop at the end.
def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
