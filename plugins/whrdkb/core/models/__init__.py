"""The data model: one pydantic model per data file, generator-independent."""

from pydantic import BaseModel

from .common import SOURCE_LANGUAGE, LocalizedText, Rendition, Translation
from .evidence import EvidenceFile
from .pathways import Outcome, Pathway, PathwaysFile, Step
from .recommendations import COLUMNS, Item, RecommendationsFile, Row, Theme
from .services import Service, ServicesFile
from .ui import UiFile
from .vocabularies import Term, VocabulariesFile

# Each data file and the model that validates it, in loading order.
DATA_FILES: dict[str, type[BaseModel]] = {
    "vocabularies.yaml": VocabulariesFile,
    "ui.yaml": UiFile,
    "recommendations.yaml": RecommendationsFile,
    "services.yaml": ServicesFile,
    "pathways.yaml": PathwaysFile,
    "evidence.yaml": EvidenceFile,
}

__all__ = [
    "COLUMNS",
    "DATA_FILES",
    "EvidenceFile",
    "SOURCE_LANGUAGE",
    "Item",
    "LocalizedText",
    "Outcome",
    "Pathway",
    "PathwaysFile",
    "RecommendationsFile",
    "Rendition",
    "Row",
    "Service",
    "ServicesFile",
    "Step",
    "Term",
    "Theme",
    "Translation",
    "UiFile",
    "VocabulariesFile",
]
