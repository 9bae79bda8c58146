"""What a map picture shows: sections of topic boxes, each with its mark, and a legend."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Mark(StrEnum):
    """A topic's state on the learner's path, one colour each."""

    DONE = "done"
    STARTED = "started"
    SKIPPED = "skipped"
    UNNEEDED = "unneeded"
    LEFT = "left"


@dataclass(frozen=True)
class Box:
    """One topic: its title, its mark, and whether the learner is at it now."""

    label: str
    mark: Mark
    current: bool = False


@dataclass(frozen=True)
class Section:
    """A step's heading and its topics, in roadmap order."""

    heading: str
    boxes: tuple[Box, ...]
    #: The learner is at this step's choice (a framework or an elective to pick).
    current: bool = False


@dataclass(frozen=True)
class MapPicture:
    """Everything drawn, in the learner's language: equal pictures draw the same image."""

    title: str
    sections: tuple[Section, ...]
    #: Each mark's name, in the order the legend shows them.
    legend: tuple[tuple[Mark, str], ...]
    #: The legend's name for the learner's position.
    here: str
    rtl: bool = False

    @property
    def key(self) -> str:
        """A digest of everything drawn: the cache key of the image."""
        return hashlib.blake2b(repr(self).encode(), digest_size=16).hexdigest()
