"""The upstream document (``data/upstream/python-backend-roadmap-f56e40b.md``), parsed strictly.

Its ``##`` headings are sections: the numbered steps, "Hands-on Experience" and, after it,
one section per hands-on elective until "Where to Go Next?". A section holds parts: a
sub-heading (``- ### Docker``, ``### 1. Python unittest package``), a level
(``- **Beginner**``), or the links listed directly under the section (part ``""``). A kind
(``**Book**`` or a plain ``- Document``) sets the kind of the links after it; one written at
the section's margin right after a level continues that level. A line this parser does not
understand is an error, so a change of layout is noticed rather than half read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.roadmap.markdown import BOLD, ITEM, KINDS, ImporterError, Link, parse_link, plain_text
from bot.roadmap.models import Kind, Level

HANDS_ON = "Hands-on Experience"
#: Sections that are not roadmap content: everything from the first of them on is skipped.
NOT_CONTENT = ("Where to Go Next?", "Who to Follow Then?", "Contribution")
_H1 = re.compile(r"^#\s+(?P<text>.+?)\s*$")
_H2 = re.compile(r"^##\s+(?P<text>.+?)\s*$")
_H3 = re.compile(r"^[ \t]*(?:-[ \t]+)?###\s+(?:\d+\.\s+)?(?P<text>.+?)\s*$")
_STEP = re.compile(r"^Step\s+(?P<number>\d+)\s*:\s*\S")
_IN_PROGRESS = "(In Progress)"


@dataclass
class Part:
    """A sub-heading or level of a section, or (name ``""``) the section's own links."""

    name: str
    level: Level | None = None
    links: list[Link] = field(default_factory=list)


@dataclass
class Section:
    """A ``##`` section: a step, the hands-on intro, or one hands-on elective."""

    heading: str
    number: int | None
    elective: bool
    prose: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    #: Marked "(In Progress)": (still) empty or partial.
    in_progress: bool = False

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass
class Upstream:
    """The whole document: its title and its content sections, in order."""

    title: str
    sections: list[Section]

    def links(self) -> list[Link]:
        return [link for s in self.sections for p in s.parts for link in p.links]


@dataclass
class _State:
    section: Section
    part: Part | None = None
    kind: Kind | None = None


def parse_upstream(text: str, path: str = "upstream") -> Upstream:
    """Parse the document's sections, parts and links; unknown lines are errors."""
    title, sections, errors = "", list[Section](), list[str]()
    state: _State | None = None
    in_details = after_hands_on = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_details or line.startswith("<details>"):
            in_details = line != "</details>"
            continue
        if not line:
            continue
        if (h1 := _H1.match(raw)) and not title and not sections:
            title = h1["text"]
            continue
        if h2 := _H2.match(raw):
            heading = h2["text"]
            if heading in NOT_CONTENT:
                break
            step = _STEP.match(heading)
            section = Section(heading, int(step["number"]) if step else None, after_hands_on)
            after_hands_on = after_hands_on or heading == HANDS_ON
            sections.append(section)
            state = _State(section)
            continue
        if state is None:
            errors.append(f"{path}:{number}: text before the first section")
            continue
        problem = _apply(state, raw, number)
        if problem:
            errors.append(f"{path}:{number}: {problem}: {line!r}")
    if errors:
        raise ImporterError(errors)
    return Upstream(title, sections)


def _apply(state: _State, raw: str, number: int) -> str | None:
    """Apply one line to the current section; return a problem or ``None``."""
    section = state.section
    if raw.strip() == _IN_PROGRESS:
        section.in_progress = True
        return None
    if heading := _H3.match(raw):
        return _start_part(state, Part(heading["text"]))
    item = ITEM.match(raw)
    if item is None:
        if section.parts or state.kind:
            return "prose after the section's list"
        section.prose.append(plain_text(raw))
        return None
    body, margin = item["body"] or "", len(item["indent"].expandtabs(4)) < 2
    if not body:
        return None  # an empty list item
    bold = BOLD.match(body)
    name = (bold["text"] if bold else body).strip().lower()
    if name in {lvl.value for lvl in Level}:
        return _start_part(state, Part(name.capitalize(), Level(name)))
    if name in KINDS:
        if margin and state.part is not None and state.part.level is None:
            return "a kind at the section's margin after a sub-heading"
        state.kind = KINDS[name]
        return None
    link = parse_link(body, None if margin else state.kind, number)
    if isinstance(link, str):
        return link
    if link is None:
        return "unrecognised list item"
    if margin:  # listed directly under the section, outside any part and kind
        _own_part(section).links.append(link)
    elif state.kind is None:
        return "a link without a kind heading"
    else:
        (state.part or _own_part(section)).links.append(link)
    return None


def _start_part(state: _State, part: Part) -> str | None:
    if state.section.part(part.name) is not None:
        return f"a second part named {part.name!r} in the same section"
    state.section.parts.append(part)
    state.part, state.kind = part, None
    return None


def _own_part(section: Section) -> Part:
    """The part holding the links listed directly under the section."""
    own = section.part("")
    if own is None:
        own = Part("")
        section.parts.append(own)
    return own
