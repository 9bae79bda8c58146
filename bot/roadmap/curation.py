"""The hand-curated ``data/curation.yaml``: ids, titles, modes, prices of ours and additions.

:func:`bot.roadmap.merge.build` joins it to the seed and the upstream document.
"""

from __future__ import annotations

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.roadmap.markdown import ImporterError
from bot.roadmap.models import Effort, Hours, Kind, Language, LocalizedText, Price, StepMode


class _Curated(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PinnedId(_Curated):
    """The id a link keeps, keyed by its URL and (final) language."""

    id: str
    url: str
    language: Language | None
    #: The pinned id of the original this link translates (one work in two languages).
    translation_of: str | None = None
    #: Our editors' price, only where the source has no price label.
    price: Price | None = None
    #: A Persian resource's Persian title; the source's own title stays the ``title``.
    title_fa: str | None = None
    #: Our editors' study hours for this link, where the ``effort`` default is far off.
    hours: Hours | None = None


class Replacement(_Curated):
    """A seed link the upstream document replaced by a newer edition."""

    seed_url: str
    url: str
    #: How the card names the edition the seed linked.
    earlier_title: str


class Addition(_Curated):
    """A resource of ours: where the sources are empty, or what they lack."""

    id: str
    title: str
    title_fa: str | None = None
    url: str
    kind: Kind
    language: Language | None
    price: Price | None
    hours: Hours | None = None


class CuratedIntro(_Curated):
    """The Persian translation of a step's intro (the English comes from upstream)."""

    fa: str
    #: How many first lines congratulate a learner who came through the ordered steps:
    #: they become the step's ``reached`` text, said only when it is true.
    reached_lines: int = 0


class CuratedTopic(_Curated):
    """A topic: the upstream part and seed section it takes, and additions of ours.

    A place is ``"Section heading > Part"``, or just the heading for the links listed
    directly under a section (or a section without parts).
    """

    id: str
    title: LocalizedText
    upstream: str | None = None
    seed: str | None = None
    shared: bool = False
    additions: list[Addition] = []


class CuratedStep(_Curated):
    """A step: the upstream section it follows, its id, titles, mode, intro and topics."""

    upstream: str
    id: str
    title: LocalizedText
    mode: StepMode
    intro: CuratedIntro | None = None
    topics: list[CuratedTopic]


class Curation(_Curated):
    """The whole curation file."""

    title: LocalizedText
    source: str
    #: Our editors' default study hours per kind and level, copied to the roadmap.
    effort: Effort | None = None
    replaced: list[Replacement] = []
    #: URLs the upstream document lists twice: one resource, at the first place.
    merged_duplicates: list[str] = []
    #: Seed links the upstream document dropped that the roadmap still keeps.
    seed_only: list[str] = []
    resource_ids: list[PinnedId]
    steps: list[CuratedStep]


def parse_curation(text: str, path: str = "curation") -> Curation:
    """Parse and type-check ``curation.yaml``."""
    try:
        return Curation.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise ImporterError([f"{path}: invalid YAML: {exc}"]) from exc
    except ValidationError as exc:
        problems = [
            f"{path}: {'.'.join(str(p) for p in err['loc']) or '<top>'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ImporterError(problems) from exc


def line_of(text: str, needle: str) -> int | None:
    """The first line of ``text`` that contains ``needle``."""
    return next((n for n, line in enumerate(text.splitlines(), 1) if needle in line), None)
