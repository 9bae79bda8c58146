"""The roadmap: typed content model, YAML loader and the Markdown importer."""

from bot.roadmap.models import (
    Kind,
    Language,
    Level,
    LocalizedText,
    Resource,
    Roadmap,
    Step,
    StepMode,
    Topic,
)

__all__ = [
    "Kind",
    "Language",
    "Level",
    "LocalizedText",
    "Resource",
    "Roadmap",
    "Step",
    "StepMode",
    "Topic",
]
