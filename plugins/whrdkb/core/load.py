"""The one loader: read every data file, validate it, cross-check it, or report all problems.

    kb = load_knowledge_base(Path("data"), languages=["en", "fr"])

raises `DataError` listing every problem as `file:line:col: field: what. How.`
It never imports MkDocs: generators and command-line tools share it.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import DATA_FILES, SOURCE_LANGUAGE, LocalizedText
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
    languages: list[str]
    sources: dict[str, Source] = field(default_factory=dict)  # by file name, for positions

    # Every row of every theme, in printed order, with its theme.
    def rows(self) -> Iterator[tuple[Theme, Row]]:
        for theme in self.recommendations.themes:
            for row in theme.rows:
                yield theme, row

    def tag(self, tag_id: str):
        return next(t for t in self.vocabularies.tags if t.id == tag_id)

    def actor(self, actor_id: str):
        return next(a for a in self.vocabularies.actors if a.id == actor_id)

    def source_document(self, source_id: str):
        return next(s for s in self.recommendations.sources if s.id == source_id)

    # The interface string `key` in `language` (see data/ui.yaml).
    def ui_text(self, key: str, language: str):
        return self.ui.strings[key].in_language(language)


def load_knowledge_base(data_dir: Path, languages: list[str], display_dir: str = "data") -> KnowledgeBase:
    """Load and check all data files; raise DataError with every problem found."""
    problems: list[Problem] = []
    models: dict[str, BaseModel] = {}
    sources: dict[str, Source] = {}
    for name, model_cls in DATA_FILES.items():
        source, found = read_yaml(data_dir / name, f"{display_dir}/{name}")
        problems += found
        if source is None:
            continue
        sources[name] = source
        model, found = validate_source(source, model_cls)
        problems += found
        if model is not None and not found:
            models[name] = model
    if len(models) == len(DATA_FILES) and not problems:
        kb = KnowledgeBase(
            vocabularies=models["vocabularies.yaml"],  # type: ignore[arg-type]
            ui=models["ui.yaml"],  # type: ignore[arg-type]
            recommendations=models["recommendations.yaml"],  # type: ignore[arg-type]
            services=models["services.yaml"],  # type: ignore[arg-type]
            pathways=models["pathways.yaml"],  # type: ignore[arg-type]
            languages=list(languages),
            sources=sources,
        )
        problems += cross_check(kb)
        if not problems:
            return kb
    # Files that validated are still cross-checked for languages, so one run shows everything.
    for name, model in models.items():
        problems += check_languages(model, sources[name], languages)
    raise DataError(problems)


def validate_source(source: Source, model_cls: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate parsed YAML against its model; convert every pydantic error to a Problem."""
    if not isinstance(source.data, dict):
        return None, [source.problem((), "the file must be a block of fields (name: value)",
                                     "compare the file with the example at the top of its schema")]
    try:
        return model_cls.model_validate(source.data), []
    except ValidationError as err:
        return None, [_problem_from_error(e, source, model_cls) for e in err.errors()]


# ---------------------------------------------------------------- error wording


def _problem_from_error(error: dict[str, Any], source: Source, model_cls: type[BaseModel]) -> Problem:
    loc = _data_path(error["loc"], source.data)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "kb_rule":
        return source.problem(loc, ctx["message"], ctx["hint"])
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model_cls, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"Fields allowed here: {', '.join(allowed)}" if allowed else "remove it"
        return source.problem(loc, f"unknown field '{name}'", hint, key=True)
    if kind == "missing":
        return source.problem(loc, f"the required field '{name}' is missing",
                              f"add '{name}:' to this block")
    if kind in ("string_type", "model_type", "model_attributes_type", "dict_type"):
        expected = "a text" if kind == "string_type" else "a block of fields (name: value)"
        return source.problem(loc, f"expected {expected}, found {_describe(value)}",
                              "check the indentation and compare with a neighbouring entry")
    if kind == "list_type":
        return source.problem(loc, f"expected a list, found {_describe(value)}",
                              "write each entry on its own line starting with '- '")
    if kind == "too_short":
        return source.problem(loc, "this list must not be empty", "add at least one entry")
    if kind == "literal_error":
        return source.problem(loc, f"'{value}' is not an allowed value",
                              f"use one of: {ctx.get('expected', '')}")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"'{value}' is not in the expected form", _pattern_hint(name))
    if kind == "string_too_short":
        return source.problem(loc, "this text is empty", "write the text, or remove the field if it is optional")
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


# ---------------------------------------------------------------- cross-checks


def cross_check(kb: KnowledgeBase) -> list[Problem]:
    """Unique ids, resolvable references and known languages across all files."""
    problems: list[Problem] = []
    voc = kb.sources["vocabularies.yaml"]
    rec = kb.sources["recommendations.yaml"]
    for list_name in ("tags", "actors", "support_kinds", "audiences"):
        problems += _unique_ids(voc, (list_name,), getattr(kb.vocabularies, list_name))
    tags = {t.id for t in kb.vocabularies.tags}
    actors = {a.id for a in kb.vocabularies.actors}
    kinds = {k.id for k in kb.vocabularies.support_kinds}
    docs = {s.id for s in kb.recommendations.sources}
    problems += _unique_ids(rec, ("sources",), kb.recommendations.sources)
    problems += _unique_ids(rec, ("themes",), kb.recommendations.themes)
    all_rows = [(("themes", t, "rows", r), row)
                for t, theme in enumerate(kb.recommendations.themes) for r, row in enumerate(theme.rows)]
    problems += _unique_ids(rec, None, all_rows)
    for t, theme in enumerate(kb.recommendations.themes):
        for r, row in enumerate(theme.rows):
            here = ("themes", t, "rows", r)
            if row.numbering == "printed" and row.id.split(".")[0] != theme.id:
                problems.append(rec.problem((*here, "id"), f"row {row.id} is filed under theme {theme.id}",
                                            f"move the row to theme {row.id.split('.')[0]} or correct its id"))
            problems += _references(rec, (*here, "tags"), row.tags, tags, "tag", "vocabularies.yaml → tags")
            for i, cite in enumerate(row.sources):
                problems += _references(rec, (*here, "sources", i, "source"), [cite.source], docs,
                                        "source document", "the sources list at the top of this file")
            for column in ("needs", "current_actions", "bridge"):
                for i, item in enumerate(getattr(row, column)):
                    problems += _references(rec, (*here, column, i, "actors"), item.actors, actors,
                                            "actor", "vocabularies.yaml → actors")
            problems += _references(rec, (*here, "support_kinds"), row.support_kinds, kinds,
                                    "kind of support", "vocabularies.yaml → support_kinds")
    for r, region in enumerate(kb.vocabularies.regions):
        if not region.code.isdigit():
            problems.append(voc.problem(("regions", r, "code"), f"'{region.code}' is not a UN M49 region code",
                                        "regions use three-digit codes such as 002 (Africa)"))
    svc = kb.sources["services.yaml"]
    audiences = {a.id for a in kb.vocabularies.audiences}
    problems += _unique_ids(svc, ("services",), kb.services.services)
    for s, service in enumerate(kb.services.services):
        problems += _references(svc, ("services", s, "kinds"), service.kinds, kinds,
                                "kind of support", "vocabularies.yaml → support_kinds")
        problems += _references(svc, ("services", s, "serves"), service.serves, audiences,
                                "audience", "vocabularies.yaml → audiences")
        problems += _unique_ids(svc, ("services", s, "sources"), service.sources)
    problems += check_pathways(kb)
    for name, model in (("vocabularies.yaml", kb.vocabularies), ("ui.yaml", kb.ui),
                        ("recommendations.yaml", kb.recommendations), ("services.yaml", kb.services),
                        ("pathways.yaml", kb.pathways)):
        problems += check_languages(model, kb.sources[name], kb.languages)
    return problems


def check_pathways(kb: KnowledgeBase) -> list[Problem]:
    """Graph, translation and reference checks of every pathway."""
    from .pathway_graph import check_pathway

    src = kb.sources["pathways.yaml"]
    rows = {row.id for _, row in kb.rows()}
    services = {s.id for s in kb.services.services}
    kinds = {k.id for k in kb.vocabularies.support_kinds}
    problems = _unique_ids(src, ("pathways",), kb.pathways.pathways)
    for p, pathway in enumerate(kb.pathways.pathways):
        here = ("pathways", p)
        problems += check_pathway(pathway, here, src, kb.languages)
        problems += _references(src, (*here, "rows"), pathway.rows, rows, "matrix row", "recommendations.yaml")
        for o, outcome in enumerate(pathway.outcomes):
            at = (*here, "outcomes", o)
            problems += _references(src, (*at, "rows"), outcome.rows, rows, "matrix row", "recommendations.yaml")
            for a, action in enumerate(outcome.actions):
                problems += _references(src, (*at, "actions", a, "rows"), action.rows, rows,
                                        "matrix row", "recommendations.yaml")
                problems += _references(src, (*at, "actions", a, "services"), action.services, services,
                                        "directory entry", "services.yaml")
            for r, referral in enumerate(outcome.referrals):
                if referral.kind:
                    problems += _references(src, (*at, "referrals", r, "kind"), [referral.kind], kinds,
                                            "kind of support", "vocabularies.yaml → support_kinds")
                if referral.service:
                    problems += _references(src, (*at, "referrals", r, "service"), [referral.service], services,
                                            "directory entry", "services.yaml")
    return problems


def _unique_ids(source: Source, list_path: tuple | None, entries: list) -> list[Problem]:
    """Duplicate ids in a list; `list_path=None` means entries are (path, entry) pairs."""
    seen: dict[str, tuple] = {}
    problems = []
    pairs = entries if list_path is None else [((*list_path, i), e) for i, e in enumerate(entries)]
    for path, entry in pairs:
        if entry.id in seen:
            line, _ = source.position((*seen[entry.id], "id"))
            problems.append(source.problem((*path, "id"), f"the id '{entry.id}' is used twice (first on line {line})",
                                           "give each entry its own id"))
        else:
            seen[entry.id] = path
    return problems


def _references(source: Source, path: tuple, values: list[str], known: set[str], what: str, where: str) -> list[Problem]:
    problems = []
    for i, value in enumerate(values):
        if value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            at = (*path, i) if len(values) > 1 or path[-1] != "source" else path
            problems.append(source.problem(at, f"there is no {what} with the id '{value}'",
                                           f"{hint}Use an id listed in {where}, or add it there first"))
    return problems


def check_languages(model: BaseModel, source: Source, languages: list[str]) -> list[Problem]:
    """Translations must be in a language the site is built in."""
    problems = []
    for path, text in iter_localized(model):
        for language in text.translations:
            if language not in languages or language == SOURCE_LANGUAGE:
                problems.append(source.problem(
                    (*path, language), f"'{language}' is not a language of this site",
                    f"use one of: {', '.join(l for l in languages if l != SOURCE_LANGUAGE)} "
                    "(languages are listed in mkdocs.yml under the i18n plugin)", key=True,
                ))
    return problems


def iter_localized(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, LocalizedText]]:
    """Every LocalizedText inside a model, with its path in the data."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_localized(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_localized(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_localized(item, (*path, key))

