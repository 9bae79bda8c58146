"""The Markdown seed (``data/seed/python-backend-roadmap.md``), parsed strictly.

The seed supplies the seed links and their facts (language, kind, topic), which win where
the upstream document disagrees. Anything it holds that this parser does not know is an error, so a
change to the seed's layout is noticed rather than half read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.roadmap.markdown import BOLD, ITEM, KINDS, ImporterError, Link, parse_link, plain_text
from bot.roadmap.models import Kind, Level

_H1 = re.compile(r"^#\s+(?P<text>.+?)\s*$")
_H2 = re.compile(r"^##\s+(?P<text>.+?)\s*$")
_STEP = re.compile(r"^Step\s+(?P<number>\d+)\s*:\s*\S")
_H3 = re.compile(r"^###\s+(?P<text>.+)$")


@dataclass
class SeedSection:
    """A ``### Heading`` or a bold level (``**Beginner**``) inside a step."""

    name: str
    level: Level | None
    links: list[Link] = field(default_factory=list)


@dataclass
class SeedStep:
    """A ``## Step`` of the seed: its intro prose, its sections, and links of its own."""

    heading: str
    number: int | None
    prose: list[str] = field(default_factory=list)
    sections: list[SeedSection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # listed directly under the step


@dataclass
class Seed:
    """The whole seed: its title and its steps, in order."""

    title: str
    steps: list[SeedStep]


@dataclass
class _Frame:
    indent: int
    section: SeedSection | None = None
    kind: Kind | None = None


def parse_seed(text: str, path: str = "seed") -> Seed:
    """Parse the seed's steps, sections and links; unknown constructs are errors."""
    title, steps, errors = "", list[SeedStep](), list[str]()
    stack: list[_Frame] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if (h1 := _H1.match(raw)) and not title and not steps:
            title = h1["text"]
            continue
        if h2 := _H2.match(raw):
            step_no = _STEP.match(h2["text"])
            steps.append(SeedStep(h2["text"], int(step_no["number"]) if step_no else None))
            stack = []
            continue
        if not steps:
            errors.append(f"{path}:{number}: text before the first step: {raw.strip()!r}")
            continue
        step = steps[-1]
        item = ITEM.match(raw)
        if item is None:
            step.prose.append(plain_text(raw))
            continue
        indent, body = len(item["indent"]), item["body"] or ""
        while stack and stack[-1].indent >= indent:
            stack.pop()
        section = next((f.section for f in reversed(stack) if f.section), None)
        kind = next((f.kind for f in reversed(stack) if f.kind), None)
        problem = _parse_item(step, stack, indent, body, section, kind, number)
        if problem:
            errors.append(f"{path}:{number}: {problem}: {raw.strip()!r}")
    if errors:
        raise ImporterError(errors)
    return Seed(title, steps)


def _parse_item(
    step: SeedStep,
    stack: list[_Frame],
    indent: int,
    body: str,
    section: SeedSection | None,
    kind: Kind | None,
    line: int,
) -> str | None:
    """Apply one list item to the step; return a problem or ``None``."""
    heading, bold, link = _H3.match(body), BOLD.match(body), parse_link(body, kind, line)
    level = Level(bold["text"].strip().lower()) if bold and _is_level(bold["text"]) else None
    if heading or level:
        name = heading["text"].strip() if heading else bold["text"].strip() if bold else ""
        if section or kind:
            return "a section heading nested inside another section"
        if any(s.name == name for s in step.sections):
            return f"a second section named {name!r} in the same step"
        new = SeedSection(name, level)
        step.sections.append(new)
        stack.append(_Frame(indent, section=new))
    elif bold:
        new_kind = KINDS.get(bold["text"].strip().lower())
        if new_kind is None:
            return "unknown bold heading (neither a kind nor a level)"
        stack.append(_Frame(indent, kind=new_kind))
    elif isinstance(link, str):
        return link
    elif link is not None:
        (section.links if section else step.links).append(link)
    else:
        return "unrecognised list item"
    return None


def _is_level(text: str) -> bool:
    return text.strip().lower() in {lvl.value for lvl in Level}
