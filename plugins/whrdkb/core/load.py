"""The one loader: read every data file, validate it, cross-check it, or report all problems.

    kb = load_knowledge_base(Path("data"), languages=["en", "fr"])

raises `DataError` listing every problem as `file:line:col: field: what. How.`
It never imports MkDocs: generators and command-line tools share it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .builddate import latest_date
from .directory_index import DirectoryIndex
from .models import DATA_FILES
from .models.evidence import EvidenceFile, Meeting, Report
from .models.pathways import PathwaysFile
from .models.recommendations import RecommendationsFile, Row, Theme
from .models.services import ServicesFile
from .models.ui import UiFile
from .models.vocabularies import VocabulariesFile
from .problems import DataError, Problem
from .yamlsource import Source, read_yaml


@dataclass
class KnowledgeBase:
    """Everything in data/, validated and cross-checked."""

    vocabularies: VocabulariesFile
    ui: UiFile
    recommendations: RecommendationsFile
    services: ServicesFile
    pathways: PathwaysFile
    evidence: EvidenceFile
    languages: list[str]
    sources: dict[str, Source] = field(default_factory=dict)  # by file name, for positions

    @cached_property
    def directory(self) -> DirectoryIndex:
        """The directory's tables (by area, by kind, positions), made at the first use (the data is not changed)."""
        return DirectoryIndex.of(self.services.services)

    # Every row of every theme, in printed order, with its theme.
    def rows(self) -> Iterator[tuple[Theme, Row]]:
        for theme in self.recommendations.themes:
            for row in theme.rows:
                yield theme, row

    def row(self, row_id: str) -> Row:
        return next(row for _, row in self.rows() if row.id == row_id)

    def tag(self, tag_id: str):
        return next(t for t in self.vocabularies.tags if t.id == tag_id)

    def actor(self, actor_id: str):
        return next(a for a in self.vocabularies.actors if a.id == actor_id)

    def source_document(self, source_id: str):
        return next(s for s in self.recommendations.sources if s.id == source_id)

    # The interface string `key` in `language` (see data/ui.yaml).
    def ui_text(self, key: str, language: str):
        return self.ui.strings[key].in_language(language)


def load_knowledge_base(
    data_dir: Path, languages: list[str], display_dir: str = "data", today: dt.date | None = None
) -> KnowledgeBase:
    """Load and check all data files; raise DataError with every problem found, in every file, at once.

    `today` is the latest date the data may carry (default: builddate.latest_date of the project).
    """
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    for name in DATA_FILES:
        source, found = read_yaml(data_dir / name, f"{display_dir}/{name}")
        problems += found
        if source is not None:
            sources[name] = source
    context = validation_context(sources, languages, today or latest_date(data_dir.parent))
    models: dict[str, BaseModel] = {}
    for name, model_cls in DATA_FILES.items():
        if name not in sources:
            continue
        model, found = validate_source(sources[name], model_cls, context)
        problems += found
        if model is not None:
            models[name] = model
            problems += FILE_CHECKS[name](model, sources[name], languages)
    if problems or len(models) != len(DATA_FILES):
        raise DataError(problems)
    return KnowledgeBase(
        vocabularies=typing.cast(VocabulariesFile, models["vocabularies.yaml"]),
        ui=typing.cast(UiFile, models["ui.yaml"]),
        recommendations=typing.cast(RecommendationsFile, models["recommendations.yaml"]),
        services=typing.cast(ServicesFile, models["services.yaml"]),
        pathways=typing.cast(PathwaysFile, models["pathways.yaml"]),
        evidence=typing.cast(EvidenceFile, models["evidence.yaml"]),
        languages=list(languages),
        sources=sources,
    )


def validation_context(sources: dict[str, Source], languages: list[str], today: dt.date | None = None) -> dict:
    """Known ids of every kind, read from the raw YAML of each file that parsed (see models.common.REFERENCES).

    With the site's languages and the latest date the data may carry.
    """

    def ids(data: Any, *path: str) -> set[str] | None:
        for step in path[:-1]:
            data = data.get(step) if isinstance(data, dict) else None
        items = data.get(path[-1]) if isinstance(data, dict) else None
        if not isinstance(items, list):
            return None
        return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}

    raw = {name: source.data for name, source in sources.items()}
    known: dict[str, set[str]] = {}
    vocabulary = raw.get("vocabularies.yaml")
    for kind in ("tags", "actors", "support_kinds", "audiences"):
        found = ids(vocabulary, kind)
        if found is not None:
            known[kind] = found
    recommendations = raw.get("recommendations.yaml")
    if (found := ids(recommendations, "sources")) is not None:
        known["documents"] = found
    if isinstance(recommendations, dict) and isinstance(recommendations.get("themes"), list):
        known["rows"] = {
            row_id
            for theme in recommendations["themes"]
            if isinstance(theme, dict)
            for row_id in (ids(theme, "rows") or set())
        }
    if (found := ids(raw.get("services.yaml"), "services")) is not None:
        known["services"] = found
    return {"ids": known, "languages": list(languages), "latest_date": today}


def validate_source(
    source: Source, model_cls: type[BaseModel], context: dict | None = None
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate parsed YAML against its model; convert every pydantic error to a Problem."""
    if not isinstance(source.data, dict):
        return None, [
            source.problem(
                (),
                "the file must be a block of fields (name: value)",
                "compare the file with the example at the top of its schema",
            )
        ]
    try:
        return model_cls.model_validate(source.data, context=context), []
    except ValidationError as err:
        errors = _without_misspelling_echoes(err.errors(), source.data, model_cls)
        return None, [_problem_from_error(e, source, model_cls) for e in errors]


# A misspelled required field gives "unknown field 'tagz'" and "'tags' is missing": keep the first only.
def _without_misspelling_echoes(errors: list[Any], data: Any, model_cls: type[BaseModel]) -> list[Any]:
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _data_path(error["loc"], data)
            close = difflib.get_close_matches(str(loc[-1]), _allowed_fields(model_cls, loc[:-1]), n=1)
            if close:
                misspelt.add((*loc[:-1], close[0]))
    return [e for e in errors if not (e["type"] == "missing" and _data_path(e["loc"], data) in misspelt)]


# ---------------------------------------------------------------- error wording


def _problem_from_error(error: dict[str, Any], source: Source, model_cls: type[BaseModel]) -> Problem:
    loc = _data_path(error["loc"], source.data)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "kb_rule":
        return source.problem(
            (*loc, *ctx.get("at", ())),
            ctx["message"],
            ctx["hint"],
            key=bool(ctx.get("key")),
            fragment=ctx.get("fragment"),
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model_cls, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"Fields allowed here: {', '.join(allowed)}" if allowed else "remove it"
        return source.problem(loc, f"unknown field '{name}'", hint, key=True)
    if kind == "missing":
        return source.problem(loc, f"the required field '{name}' is missing", f"add '{name}:' to this block")
    if kind in ("string_type", "model_type", "model_attributes_type", "dict_type"):
        expected = "a text" if kind == "string_type" else "a block of fields (name: value)"
        return source.problem(
            loc,
            f"expected {expected}, found {_describe(value)}",
            "check the indentation and compare with a neighbouring entry",
        )
    if kind == "list_type":
        return source.problem(
            loc, f"expected a list, found {_describe(value)}", "write each entry on its own line starting with '- '"
        )
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        if least <= 1:
            return source.problem(loc, "this list must not be empty", "add at least one entry")
        return source.problem(
            loc,
            f"this list has {_count(ctx.get('actual_length', 0), 'entry', 'entries')} but needs at least {least}",
            _SHORT_LIST_HINTS.get(name, f"add entries until there are {least}"),
            key=True,
        )
    if kind == "literal_error":
        return source.problem(loc, f"'{value}' is not an allowed value", f"use one of: {ctx.get('expected', '')}")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"'{value}' is not in the expected form", _pattern_hint(name))
    if kind == "string_too_short":
        return source.problem(loc, "this text is empty", "write the text, or remove the field if it is optional")
    if kind in ("decimal_max_digits", "decimal_parsing", "finite_number"):
        limit = f" (at most {ctx['max_digits']} digits)" if "max_digits" in ctx else ""
        return source.problem(
            loc, f"'{_short(value)}' is not a number this field can take{limit}", "write the number in digits, as 7500"
        )
    if kind.startswith("date_"):
        return source.problem(loc, f"'{value}' is not a date", "write dates as YYYY-MM-DD, for example 2026-11-21")
    return source.problem(loc, error["msg"], "compare with a neighbouring entry and the field reference")


# Pydantic adds union/validator names to locations; keep only steps that exist in the data.
def _data_path(loc: tuple, data: Any) -> tuple:
    path: list[Any] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str):
            path.append(step)
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int):
            path.append(step)
            node = node[step] if 0 <= step < len(node) else None
        elif node is None or isinstance(node, str):
            path.append(step)  # a missing field or a value inside a plain text
            node = None
    return tuple(path)


# What to do about a list that is too short, by field name.
_SHORT_LIST_HINTS = {
    "options": "a question needs two or more answers to choose from; if there is only one way on, "
    "remove the question and let the answer before it lead straight to where this one leads",
}


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-8:]}"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the text '{value}'"


def _pattern_hint(name: str) -> str:
    if name in ("id", "source") or name.endswith("s"):
        return "ids use lowercase letters, digits, and '-' or '.' between them, for example physical-safety or 1.3"
    if name == "date":
        return "write the date as YYYY, YYYY-MM or YYYY-MM-DD"
    if name == "url":
        return "write a full address starting with https://"
    return "see the field reference for the expected form"


# The names of the fields allowed at `path` (a path into the data) under `model_cls`.
def _allowed_fields(model_cls: type[BaseModel], path: tuple) -> list[str]:
    current: Any = model_cls
    for step in path:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(step)
            current = info.annotation if info else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None  # dict value type
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the type that matters."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            non_none = [a for a in args if a is not type(None)]
            if len(non_none) != 1:
                return annotation
            annotation = non_none[0]
        else:
            return annotation


# ---------------------------------------------------------------- checks of a whole file


def check_vocabularies(model: VocabulariesFile, source: Source, languages: list[str]) -> list[Problem]:
    """Unique ids in each vocabulary; regions by M49 code; every kind of support translated as the others are."""
    problems = []
    for list_name in ("tags", "actors", "support_kinds", "audiences"):
        problems += _unique_ids(source, (list_name,), getattr(model, list_name))
    problems += _untranslated_kinds(model, source)
    for r, region in enumerate(model.regions):
        if not region.code.isdigit():
            problems.append(
                source.problem(
                    ("regions", r, "code"),
                    f"'{region.code}' is not a UN M49 region code",
                    "regions use three-digit codes such as 002 (Africa)",
                )
            )
    return problems


def _untranslated_kinds(model: VocabulariesFile, source: Source) -> list[Problem]:
    """A kind of support lacking a translation that every other kind has (a kind added in English only).

    Kinds label listing pages, filters and "who can help" lists in every language, so a new one
    must come with its drafts; a language no kind is translated into yet (a new one) is not required.
    """
    problems = []
    kinds = model.support_kinds
    for k, kind in enumerate(kinds):
        others = [other for other in kinds if other is not kind]
        for part in ("label", "description"):
            expected = set.intersection(*(set(getattr(o, part).translations) for o in others)) if others else set()
            missing = sorted(expected - set(getattr(kind, part).translations))
            if missing:
                problems.append(
                    source.problem(
                        ("support_kinds", k, part),
                        f"kind of support '{kind.id}' has no {part} in {', '.join(missing)}",
                        f"add a draft translation for {', '.join(missing)} as the other kinds have "
                        '(xx: {text: "...", status: draft}), then run make stamp',
                    )
                )
    return problems


def check_recommendations(model: RecommendationsFile, source: Source, languages: list[str]) -> list[Problem]:
    """Unique ids of documents, themes and rows; rows filed under the theme of their number."""
    problems = _unique_ids(source, ("sources",), model.sources)
    problems += _unique_ids(source, ("themes",), model.themes)
    all_rows = [
        (("themes", t, "rows", r), row) for t, theme in enumerate(model.themes) for r, row in enumerate(theme.rows)
    ]
    problems += _unique_ids(source, None, all_rows)
    for t, theme in enumerate(model.themes):
        for r, row in enumerate(theme.rows):
            if row.numbering == "printed" and row.id.split(".")[0] != theme.id:
                problems.append(
                    source.problem(
                        ("themes", t, "rows", r, "id"),
                        f"row {row.id} is filed under theme {theme.id}",
                        f"move the row to theme {row.id.split('.')[0]} or correct its id",
                    )
                )
    return problems


def check_services(model: ServicesFile, source: Source, languages: list[str]) -> list[Problem]:
    """Unique entry ids, and unique source ids within each entry."""
    problems = _unique_ids(source, ("services",), model.services)
    for s, service in enumerate(model.services):
        problems += _unique_ids(source, ("services", s, "sources"), service.sources)
    return problems


def check_pathways(model: PathwaysFile, source: Source, languages: list[str]) -> list[Problem]:
    """Unique pathway ids, and each pathway's graph and translations."""
    from .pathway_graph import check_pathway

    problems = _unique_ids(source, ("pathways",), model.pathways)
    for p, pathway in enumerate(model.pathways):
        problems += check_pathway(pathway, ("pathways", p), source, languages)
    return problems


def check_evidence(model: EvidenceFile, source: Source, languages: list[str]) -> list[Problem]:
    """Ids unique across reports and meetings (each is a page of the same folder)."""
    pairs: list[tuple[tuple[str, int], Report | Meeting]] = [(("reports", i), r) for i, r in enumerate(model.reports)]
    pairs += [(("meetings", i), m) for i, m in enumerate(model.meetings)]
    return _unique_ids(source, None, pairs)


FILE_CHECKS: dict[str, typing.Callable[[Any, Source, list[str]], list[Problem]]] = {
    "vocabularies.yaml": check_vocabularies,
    "ui.yaml": lambda model, source, languages: [],  # required strings are checked against the templates
    "recommendations.yaml": check_recommendations,
    "services.yaml": check_services,
    "pathways.yaml": check_pathways,
    "evidence.yaml": check_evidence,
}


def _unique_ids(source: Source, list_path: tuple | None, entries: list) -> list[Problem]:
    """Duplicate ids in a list; `list_path=None` means entries are (path, entry) pairs."""
    seen: dict[str, tuple] = {}
    problems = []
    pairs = entries if list_path is None else [((*list_path, i), e) for i, e in enumerate(entries)]
    for path, entry in pairs:
        if entry.id in seen:
            line, _ = source.position((*seen[entry.id], "id"))
            problems.append(
                source.problem(
                    (*path, "id"),
                    f"the id '{entry.id}' is used twice (first on line {line})",
                    "give each entry its own id",
                )
            )
        else:
            seen[entry.id] = path
    return problems
